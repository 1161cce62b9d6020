"""`articlebot people` and `person`: table, JSON, charts, one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PIL import Image

from bot.cli import main
from tests.index.voices.articles import BAKERY, FAIR, MAYOR


def _png_size(path: Path) -> tuple[int, int]:
    with Image.open(path) as image:
        image.load()  # decodes every pixel: a truncated file fails here
        return image.size


@pytest.fixture
def db(tmp_path: Path) -> str:
    for name, text in (("mayor", MAYOR), ("bakery", BAKERY), ("fair", FAIR)):
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
        assert main(["--db", str(tmp_path / "lib.db"), "add", str(tmp_path / f"{name}.txt")]) == 0
    return str(tmp_path / "lib.db")


def test_people_json_table_and_chart(db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    chart = tmp_path / "people.png"
    assert main(["--db", db, "people", "--json", "--chart", str(chart)]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert all(set(row) == {"name", "role", "direct", "reported", "articles"} for row in rows)
    beck = next(row for row in rows if row["name"] == "Charlie Beck")
    assert (beck["direct"], beck["reported"], beck["articles"]) == (2, 0, 2)
    assert [row["name"] for row in rows].count("Smith") == 1  # the fair's Smith, on his own
    width, height = _png_size(chart)
    assert 600 <= width <= 1600 and 300 <= height <= 900
    assert main(["--db", db, "people", "--since", "7d"]) == 0
    table = capsys.readouterr().out
    assert "Charlie Beck" in table and "Quoted" in table
    again = tmp_path / "again.png"
    assert main(["--db", db, "people", "--chart", str(again)]) == 0
    assert again.read_bytes() == chart.read_bytes()  # same data, same bytes


def test_person_text_json_chart_and_errors(db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    chart = tmp_path / "beck.png"
    assert main(["--db", db, "person", "Charlie Beck", "--chart", str(chart)]) == 0
    text = capsys.readouterr().out
    assert "Police Chief" in text and "2 articles" in text
    assert "“Officers will watch the site at night”" in text
    assert 600 <= _png_size(chart)[0] <= 1600
    assert main(["--db", db, "person", "beck", "--json"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["name"] == "Charlie Beck" and record["direct"] == 2
    assert {item["text"] for item in record["items"]} == {
        "Officers will watch the site at night,", "It is a great day for the street,"
    }
    assert main(["--db", db, "person", "Smith"]) == 1
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and "several people" in error and "Anna Smith" in error
