"""Who frames a quoted fragment or a quote paragraph when no plain speech cue names them."""

from __future__ import annotations

from tests.index.quoting import direct


def test_a_name_in_apposition_to_another_description_frames_the_fragment():
    text = (
        "The harbor plan angered critics, including Mayor Helen Dorn.\n\n"
        'Another critic, Paul J. Hume, likened the plan to "tearing up the charter" - a charge '
        "that stung.\n\nMr. Hume teaches law."
    )
    assert direct(text) == [("tearing up the charter", "Paul J. Hume")]
