"""The articlebot command line, through its entry point, on a real database file."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import main
from tests.conftest import FIXTURES

ROOT = Path(__file__).resolve().parents[2]


def run(db: Path, *args: str, stdin: str | None = None, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "DISCORD_TOKEN": "", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "bot", "--db", str(db), *args],
        input=stdin, capture_output=True, text=True, cwd=ROOT, env=environment, timeout=120, check=False,
    )  # fmt: skip


def count(db: Path) -> int:
    with sqlite3.connect(db) as raw:
        return raw.execute("SELECT count(*) FROM articles").fetchone()[0]


def test_add_then_ask_through_the_entry_point(tmp_path: Path) -> None:
    db = tmp_path / "cli.db"
    added = run(db, "add", str(FIXTURES / "river-dam.txt"))
    assert added.returncode == 0, added.stderr
    assert "Added #1" in added.stdout
    asked = run(db, "ask", "what did Reyes say?")
    assert asked.returncode == 0, asked.stderr
    assert "Nobody from the state has walked these fields" in asked.stdout
    assert "— Tomas Reyes" in asked.stdout


def test_run_without_token_exits_nonzero_with_one_line(tmp_path: Path) -> None:
    result = run(tmp_path / "x.db", "run", env={"DISCORD_TOKEN": ""})
    assert result.returncode != 0
    assert result.stderr.strip().count("\n") == 0
    assert "DISCORD_TOKEN" in result.stderr


@pytest.mark.parametrize(
    ("name", "content"),
    [("empty.txt", b""), ("binary.txt", bytes(range(256)) * 8), ("huge.txt", b"word " * 600_000)],
)
def test_bad_files_give_one_line_and_change_nothing(tmp_path: Path, name: str, content: bytes) -> None:
    db = tmp_path / "cli.db"
    assert main(["--db", str(db), "add", str(FIXTURES / "school-budget.txt")]) == 0
    before = count(db)
    bad = tmp_path / name
    bad.write_bytes(content)
    result = run(db, "add", str(bad))
    assert result.returncode == 1
    assert len(result.stderr.strip().splitlines()) == 1
    assert count(db) == before


def test_json_outputs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "j.db")
    assert main(["--db", db, "add", str(FIXTURES / "river-dam.txt"), "--json"]) == 0
    added = json.loads(capsys.readouterr().out)
    assert added["id"] == 1 and added["title"].startswith("Valley towns")
    assert main(["--db", db, "list", "--json"]) == 0
    assert [a["id"] for a in json.loads(capsys.readouterr().out)] == [1]
    assert main(["--db", db, "summary", "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    text = (FIXTURES / "river-dam.txt").read_text(encoding="utf-8")
    for sentence in summary["sentences"]:
        assert text[sentence["start"] : sentence["end"]] == sentence["text"]
    assert main(["--db", db, "quotes", "Nair", "--json"]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert answer["kind"] == "speaker" and answer["speaker"] == "Priya Nair"
    assert all(item["speaker"] == "Priya Nair" for item in answer["items"])


def test_ask_jsonl_and_import(tmp_path: Path) -> None:
    db = tmp_path / "b.db"
    records = tmp_path / "records.jsonl"
    lines = [
        {"id": "dam", "title": "Dam", "text": (FIXTURES / "river-dam.txt").read_text(encoding="utf-8")},
        {"id": "school", "title": "School", "text": (FIXTURES / "school-budget.txt").read_text(encoding="utf-8")},
        {"id": "bad", "title": "Empty", "text": ""},
    ]
    records.write_text("\n".join(json.dumps(line) for line in lines) + "\nnot json\n", encoding="utf-8")
    imported = run(db, "import", str(records), "--quiet")
    assert "2 added, 0 duplicate, 2 failed" in imported.stdout
    again = run(db, "import", str(records), "--quiet")
    assert "0 added, 2 duplicate, 2 failed" in again.stdout
    questions = "\n".join(
        json.dumps(q) for q in [{"question": "what did Cho say?", "article": "school"}, {"question": "what did Cho say?", "article": "dam"}, {"question": ""}]
    )
    asked = run(db, "ask", "--jsonl", stdin=questions)
    answers = [json.loads(line) for line in asked.stdout.splitlines()]
    assert answers[0]["kind"] == "speaker" and answers[0]["items"][0]["external_id"] == "school"
    assert answers[1]["kind"] == "not-found"
    assert "error" in answers[2]


def test_extract_and_summarize_batch(tmp_path: Path) -> None:
    text = (FIXTURES / "river-dam.txt").read_text(encoding="utf-8")
    extracted = run(tmp_path / "unused.db", "extract", stdin=json.dumps({"id": "a", "text": text}) + "\n")
    record = json.loads(extracted.stdout)
    assert record["id"] == "a"
    assert {"quote", "start", "end", "speaker", "speaker_mention", "kind", "statement"} <= set(record["quotes"][0])
    for quote in record["quotes"]:
        assert text[quote["start"] : quote["end"]] == quote["quote"]
    summarized = run(tmp_path / "unused.db", "summarize", "--sentences", "2", stdin=json.dumps({"id": "a", "text": text}) + "\n")
    summary = json.loads(summarized.stdout)
    assert len(summary["sentences"]) == 2
    assert summary["summary"] == " ".join(s["text"] for s in summary["sentences"])
    assert not (tmp_path / "unused.db").exists()


def test_batch_commands_report_bad_lines_and_go_on(tmp_path: Path) -> None:
    text = (FIXTURES / "river-dam.txt").read_text(encoding="utf-8")
    lines = "\n".join(["not json", json.dumps({"id": "no-text"}), json.dumps({"id": "a", "text": text})]) + "\n"
    extracted = run(tmp_path / "unused.db", "extract", stdin=lines)
    records = [json.loads(line) for line in extracted.stdout.splitlines()]
    assert extracted.returncode == 1
    assert [r.get("line") for r in records[:2]] == [1, 2] and all("error" in r for r in records[:2])
    assert records[2]["id"] == "a" and records[2]["quotes"]
    refused = run(tmp_path / "unused.db", "summarize", "--sentences", "lots", stdin=lines)
    assert refused.returncode == 1 and not refused.stdout
    assert "Length must be short, medium, long or a number" in refused.stderr
    assert "Traceback" not in refused.stderr


def test_demo_answers_from_the_bundled_example() -> None:
    result = subprocess.run([sys.executable, "-m", "bot", "demo"], capture_output=True, text=True, cwd=ROOT, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    assert "In brief" in result.stdout
    assert "— Adaeze Okafor" in result.stdout
