"""A document at a cue speaks for the author its own phrase names ("her statement said", "the
company statement said", "a statement from the Home Office"); a document alone, or one from a
place or from no name, is no speaker. A body described before its name ("The Belgian brewer
Brouwer Kast") is that name, for a later "the brewer" (issue 18, CNN outside)."""

from __future__ import annotations

import pytest

from index.quotes.analyze import analyze


def speakers(text: str) -> list[str | None]:
    return [q.speaker for q in analyze(text).quotes if q.is_direct or q.kind.value == "partial"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Maria Delgado leads the tenants' union in Leeds.\n\n"
            "“Rents have doubled in three years,” her statement said.",
            ["Maria Delgado"],
            id="her-statement",
        ),
        pytest.param(
            "Tomas Varga wrote the review for the council.\n\n"
            "The city risks becoming “a byword for delay”, his report said.",
            ["Tomas Varga"],
            id="his-report",
        ),
        pytest.param(
            "The Belgian firm Brouwer Kast said its tests found nothing.\n\n"
            "“We recalled every bottle within a day,” the firm said.",
            ["Brouwer Kast"],
            id="a-body-described-before-its-name-is-that-name",
        ),
        pytest.param(
            "The Norwegian company Fjellco said sales fell.\n\n"
            "“The quarter was hard for every retailer,” the company statement said.",
            ["Fjellco"],
            id="the-company-statement",
        ),
        pytest.param(
            "Ministers met on Tuesday.\n\n"
            "“The scheme will open in May,” said a statement from the Home Office.",
            ["Home Office"],
            id="a-statement-from-a-body",
        ),
        pytest.param(
            "Auditors met on Tuesday.\n\n"
            "“Stock was lost,” said a statement from Hannah Birch, the chief archivist.",
            ["Hannah Birch"],
            id="a-statement-from-a-person-named-in-full",
        ),
        pytest.param(
            "Fighting went on.\n\n“The road was closed,” according to a report from Baghdad.",
            [None],
            id="a-report-from-a-place-is-no-one",
        ),
        pytest.param(
            "The firm was sold.\n\n“Costs doubled,” the statement said.",
            [None],
            id="a-statement-alone-stays-unknown",
        ),
    ],
)
def test_document_author(text, expected):
    assert speakers(text) == expected
