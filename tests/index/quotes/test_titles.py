"""Titles of works are nobody's words, even inside a sentence that names someone."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from index.models import Paragraph, QuoteKind
from index.quotes import titles
from index.quotes.cues import CONTRACTING_WORDS
from index.quotes.marks import Span
from tests.index.quoting import direct

CASES = [
    (
        "Ann Ray was joined by Tom Bell, star of the TV show “Cake Night.”\n\n"
        "Bell praised her plan.",
        [],
    ),
    (
        "“We are seeing a backlash,” said Tom Bell, author of the book “Failure to Adjust: How "
        "Towns Got Left Behind.”",
        [("We are seeing a backlash,", "Tom Bell")],
    ),
    ("Ann Ray spoke on this week’s broadcast of “Town Hall Sunday,” and said little.", []),
    ("Ann Ray said nothing. “Daily Show” host Tom Bell laughed at her.", []),
    (
        "Ann Ray called the plan “a disaster for the Town Hall” on Monday.",
        [("a disaster for the Town Hall", "Ann Ray")],
    ),
    # Title Case after a preposition is a work's title, where a statement is not framed so
    # (issue 18, CNN outside): the producer of, a role in, the premiere of; not "on", where
    # PolNeAR gold keeps a programme ("a video of Trump on “Meet the Press”") as a quote.
    ("Ann Ray heard the news from Tom Bell, the producer of “Late Night Town.”", []),
    ("Tom Bell, who is also a judge on “Pop Search Live” and a critic, laughed.", []),
    ("Ann Ray won praise for her role in “The Long Way Home,” Tom Bell said.", []),
    (
        "Ann Ray said the plan was “a Long Way From Done” in Leeds.",
        [("a Long Way From Done", "Ann Ray")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_titles_named_by_their_kind_of_work_are_not_quotes(text, expected):
    assert direct(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Ivo Marsh said his favourite book is 'The Quiet Orchard', and he rereads it yearly.",
            [], id="favourite-book-single-marks",
        ),
        pytest.param(
            "Ivo Marsh says that his favorite album is \"Songs for a Late Train\".",
            [], id="favorite-album-double-marks",
        ),
        pytest.param(
            "Ivo Marsh said his favourite film is 'Brief encounters at dusk', and he watched "
            "it twice.",
            [], id="favourite-film-in-sentence-case",
        ),
        pytest.param(
            "Ivo Marsh released a song called \"Rain on the roof\" in May.",
            [], id="song-called-in-sentence-case",
        ),
        pytest.param(
            "Ivo Marsh said the show was 'A total disaster for us', and left.",
            [("A total disaster for us", "Ivo Marsh")], id="a-verdict-on-a-show-is-speech",
        ),
        pytest.param(
            "Ivo Marsh thinks that his hens are \"darlings\".", [], id="one-word-scare-quote",
        ),
        pytest.param(
            "The rescue is to be told in a film dubbed 'The Long Swim Home'. Ivo Marsh said: "
            "'It was cold.'",
            [("It was cold.", "Ivo Marsh")], id="film-dubbed",
        ),
        pytest.param(
            "Ivo Marsh was mocked by a commenter known as 'sleepyheron' and by a troll called "
            "'quietwolf', who now goes by '@quiet_wolf_2'.",
            [], id="user-names-and-handles",
        ),
        pytest.param(
            "Ivo Marsh called the plan \"a waste of good money\" on Monday.",
            [("a waste of good money", "Ivo Marsh")], id="called-it-is-still-speech",
        ),
    ],
)
def test_names_titles_and_scare_quotes_are_not_statements(text, expected):
    assert direct(text) == expected


def test_a_stray_single_mark_does_not_make_the_article_british():
    text = ("'BEN, you lied to me,\" an angry Ivo Marsh told his brother on Sunday. Judge Ann "
            "Pike said the court had seen \"clear and strong evidence\" that Marsh was right.")
    assert direct(text) == [("clear and strong evidence", "Ann Pike")]


_QUOTE_WORDS = ["Born", "to", "Run", "the", "Cake", "Boss", "very", "sad.", "Yes!", "@fox",
                "#tag", "of", "It", "1999", "a", "Good", "Morning", "America"]  # fmt: skip
_BEFORE = ["", "ABC's ", "the show ", "he called it ", "a film dubbed ", "her favourite book is ",
           "it's ", "Springsteen’s "]  # fmt: skip


def _title_reference(text: str, span: Span) -> bool:
    """titles.is_title as it read before it split the quote only as far as its rules read."""
    words = text[span.start : span.end].strip(" ,.;:!?").split()
    title_case = 0 < len(words) <= 12 and words[0][:1].isupper() and all(
        word[:1].isupper() or word[:1].isdigit() or word in titles._TITLE_SMALL_WORDS
        for word in words
    )
    before = max(0, span.open_at - 40)
    if not title_case:
        return (
            0 < len(words) <= 8 and words[0][:1].isupper()
            and not any(word[-1:] in ".!?" for word in words[:-1])
            and titles._WORK_NAMED.search(text, before, span.open_at) is not None
        )  # fmt: skip
    if titles._WORK_BEFORE.search(text, before, span.open_at) or titles._WORK_AFTER.match(
        text, span.after_at
    ):
        return True
    owner = titles._TITLE_OWNER.search(text, before, span.open_at)
    return owner is not None and owner.group("name").lower() not in CONTRACTING_WORDS and (
        len(words) <= 7
    )


@settings(max_examples=500, deadline=None)
@given(
    st.sampled_from(_BEFORE),
    st.lists(st.sampled_from(_QUOTE_WORDS), max_size=16).map(" ".join),
    st.sampled_from(["", " host", ", she said."]),
)
def test_title_name_and_scare_read_as_with_every_word_split(before: str, quoted: str, after: str):
    text = f"{before}“{quoted}”{after}"
    span = Span(len(before) + 1, len(before) + 1 + len(quoted), len(before),
                len(before) + 2 + len(quoted), Paragraph(0, 0, len(text), ()))  # fmt: skip
    words = quoted.split()
    assert titles.is_title(text, span) == _title_reference(text, span)
    plain = quoted.strip(" ,.;:!?").split()
    named = bool(plain) and len(plain) <= 6 and not any(w[-1:] in ".!?" for w in plain[:-1]) and (
        titles._HANDLE.match(quoted.strip(" ,.;:!?")) is not None
        or titles._NAMED_AS.search(text, max(0, span.open_at - 30), span.open_at) is not None
    )
    assert titles.is_name(text, span) == named
    assert titles.is_scare(text, span, QuoteKind.PARTIAL) == (len(words) <= 4)
    assert titles.is_scare(text, span, QuoteKind.DIRECT) == (
        len(words) <= 1 or (len(words) <= 3 and all(word[:1].isupper() for word in words))
    )


_NAMING_PIECES = ["a", "troll", "called", "Called", "CALLED", "named", "Nicknamed", "known",
                  "as", "billed", "dubbed", "user", "name", "username", "handle", "hashtag", "is",
                  "of", "he", "so", "Film", "nic\u212aname", "ha\u017fhtag", "b\u0131lled", "Ella",
                  "@"]  # fmt: skip
_NAMING_GLUE = ["", " ", "  ", "\n", "-", ", ", ": ", " — "]


@settings(max_examples=600, deadline=None)
@given(
    st.lists(st.tuples(st.sampled_from(_NAMING_PIECES), st.sampled_from(_NAMING_GLUE)), max_size=9),
    st.sampled_from(["Ella", "grumpy fox", "Big Red Dog", "@fox", "she said so."]),
)
def test_is_name_skips_the_naming_search_only_where_it_finds_nothing(
    pieces: list[tuple[str, str]], quoted: str
) -> None:
    """is_name searches _NAMED_AS only where the 30 characters before the mark hold one of its
    words (an ASCII window); the answer is the search's in every window, the Kelvin sign, long s and
    dotless i (which the search folds to "k", "s" and "i") included."""
    before = "".join(word + glue for word, glue in pieces)
    text = f"{before}‘{quoted}’"
    span = Span(len(before) + 1, len(before) + 1 + len(quoted), len(before),
                len(before) + 2 + len(quoted), Paragraph(0, 0, len(text), ()))  # fmt: skip
    plain = quoted.strip(" ,.;:!?").split()
    search = titles._NAMED_AS.search(text, max(0, span.open_at - 30), span.open_at)
    named = bool(plain) and len(plain) <= 6 and not any(w[-1:] in ".!?" for w in plain[:-1]) and (
        titles._HANDLE.match(quoted.strip(" ,.;:!?")) is not None or search is not None
    )
    assert titles.is_name(text, span) == named
    if search is not None and search.group(0).isascii():
        assert any(word in search.group(0).lower() for word in titles._NAMING_WORDS)
