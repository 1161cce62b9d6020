"""How prominent a name mention is: possessive, preposition's object, modifier or plain."""

from __future__ import annotations

from index.quotes.people.mentions import parse_name
from index.quotes.people.salience import obliques


def test_possessive_contraction_preposition_and_modifier_are_told_apart():
    text = "Pell's been saying that Ashdown's plan fails, with Vance and Stone, said a Dorn aide."
    mentions = [
        parse_name(word, text.index(word))
        for word in ("Pell's", "Ashdown's", "Vance", "Stone", "Dorn")
    ]
    found = obliques(text, [m for m in mentions if m is not None])
    starts = [m.start for m in mentions if m is not None]
    assert {at for at in starts if found.is_possessive(at)} == {text.index("Ashdown")}
    assert {at for at in starts if found.is_oblique(at)} == {
        text.index("Vance"), text.index("Stone"), text.index("Dorn")
    }
