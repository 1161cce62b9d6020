"""A pronoun at a speech cue is who spoke, not whom a reported clause talked about (issue 18,
read outside the dev sets): "Carla left early, he said" after Tom Reed spoke is Reed's."""

from __future__ import annotations

from index.quotes.analyze import analyze
from index.quotes.people.speaker_ranker import RulesOnly


def speakers(text: str) -> list[tuple[str, str | None]]:
    return [(quote.text, quote.speaker) for quote in analyze(text, RulesOnly()).quotes]


TEXT = (
    "The charity's walk went ahead on Friday, said Tom Reed, a volunteer who led it.\n\n"
    "\"It was a long, wet day for all of us,\" Reed said.\n\n"
    "Mayor Paul Hart stopped to talk to every walker he passed, he said.\n\n"
    "\"It was good to see him out with the public on such a grim day,\" he said.\n\n"
    "The next walk is planned for June."
)


def test_a_pronoun_after_a_reported_clause_is_the_last_speaker() -> None:
    found = dict(speakers(TEXT))
    assert found["Mayor Paul Hart stopped to talk to every walker he passed"] == "Tom Reed"
    assert found["It was good to see him out with the public on such a grim day,"] == "Tom Reed"


def test_a_subject_outside_any_reported_clause_still_outranks_the_last_speaker() -> None:
    text = (
        "The walk went ahead on Friday, said Tom Reed, a volunteer who led it.\n\n"
        "Mayor Paul Hart arrived late and joined the walkers at the lake.\n\n"
        "\"It was good to be out with the public on such a grim day,\" he said."
    )
    assert ("It was good to be out with the public on such a grim day,", "Paul Hart") in (
        speakers(text)
    )
