"""Shared fixtures: small articles written for the tests and a library on a temporary file."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from index.service import Library
from tests.backends import (  # noqa: F401 - fixtures and the summary hook
    database,
    fresh_schema,
    postgres_url,
    pytest_terminal_summary,
    store,
)

FIXTURES = Path(__file__).parent / "fixtures"
GUILD = 1001
OTHER_GUILD = 2002
# A short article the index tests add beside a fixture one.
FERRY = (
    "Island council delays the ferry contract\n\n"
    "The island council voted on Thursday to delay the new ferry contract until spring.\n\n"
    '"We cannot sign a ten-year deal on a boat nobody has inspected," said Marta Quill, '
    "the harbor master.\n\n"
    "Commuters said the old ferry broke down four times this winter."
)


def fixture_text(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


@pytest.fixture
def dam_text() -> str:
    return fixture_text("river-dam.txt")


@pytest.fixture
def school_text() -> str:
    return fixture_text("school-budget.txt")


@pytest.fixture
async def library(tmp_path: Path) -> AsyncIterator[Library]:
    async with await Library.open(tmp_path / "library.db") as opened:
        yield opened
