"""Per-quote speaker outcomes on the dev sets, their causes, and the transitions between two runs.

Run: python benchmarks/speaker_outcomes.py save PATH      one line per human-named gold quote of
         both dev sets (quotes-dev as eval_quotes.py scopes it, and quotes-dev-cnndm): set, half,
         article, gold speaker and mention, outcome (right / unknown / wrong / missed), ours; on
         quotes-dev-cnndm also the quotes whose speaker the article does not name (unnamed, or
         guessed when we named someone);
     python benchmarks/speaker_outcomes.py causes PATH [--half tune]   the failures by cause;
     python benchmarks/speaker_outcomes.py diff BEFORE AFTER   right→wrong, unknown→wrong, … per
         set and half, and the quotes that changed (so a rule's cost is seen beside its gain).

Outcomes are matched exactly as eval_quotes.py scores them (same token overlap, same name
comparison), so the counts here add up to its table. The causes are read off the text around
the gold quote by a few plain tests (which cue the sentence has, how the gold refers to the
speaker), a triage for reading cases, not a score.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from devsplit import half
from eval_quotes import (
    CNNDM,
    DEV,
    HUMAN,
    PRONOUNS,
    mention_type,
    names_match,
    quote_match,
    tokens,
    unannotated_marks,
)

from index.models import QuoteKind
from index.quotes.analyze import analyze


def outcomes() -> list[dict]:
    """Every human-named gold quote of both dev sets, with what the extractor made of it."""
    found = []
    for name, path in (("quotes-dev", DEV), ("cnndm", CNNDM)):
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
        rows = [row for row in rows if path != DEV or not unannotated_marks(row["text"])]
        for row in rows:
            predicted = [q for q in analyze(row["text"]).quotes if q.kind is not QuoteKind.REPORTED]
            bags = [Counter(tokens(q.text)) for q in predicted]
            pairs = sorted(
                (-sum((bag & gold_bag).values()), g, p)
                for g, gold_bag in enumerate(Counter(tokens(q["quote"])) for q in row["quotes"])
                for p, bag in enumerate(bags)
                if quote_match(bag, gold_bag)
            )
            matched: dict[int, int] = {}
            for _, g, p in pairs:
                if g not in matched and p not in matched.values():
                    matched[g] = p
            for g, gold in enumerate(row["quotes"]):
                quote = predicted[matched[g]] if g in matched else None
                if name == "cnndm" and not gold["speaker"]:
                    # the article names no one: naming someone is a guess (describing them, "a
                    # senior official", as the article does, is not)
                    outcome = "missed" if quote is None else (
                        "guessed" if quote.speaker_named else "unnamed"
                    )
                elif gold["speaker_resolved_by"] not in HUMAN or not gold["speaker"]:
                    continue
                else:
                    outcome = "missed" if quote is None else (
                        "right" if names_match(quote.speaker, gold["speaker"])
                        else "unknown" if quote.speaker is None else "wrong"
                    )
                found.append({
                    "set": name, "half": half(row["id"]), "id": row["id"],
                    "start": gold["start"], "end": gold["end"], "quote": gold["quote"][:80],
                    "gold": gold["speaker"],
                    "mention": gold.get("mention", gold.get("speaker_span")),
                    "mention_type": mention_type(gold), "outcome": outcome,
                    "ours": quote and quote.speaker, "our_mention": quote and quote.mention,
                    "cue": quote and quote.cue,
                    "before": row["text"][max(0, gold["start"] - 200) : gold["start"]],
                    "after": row["text"][gold["end"] : gold["end"] + 120],
                })
    return found


_TOLD = re.compile(r"\btold\s+(?:the\s+)?(?:MailOnline|Mail|BBC|[A-Z][\w.]*)")
_ACCORDING = re.compile(r"\baccording to\b", re.IGNORECASE)
_SPOKES = re.compile(r"\bspokes(?:man|woman|person)\b|\brepresentative\b", re.IGNORECASE)
_INVERTED = re.compile(r"^[\s,'’\"”]*(?:[a-z]+\s+)?(?:said|says|added|adds|explained|told|insist|insists|claimed|admitted)\s+(?:the\s+)?[A-Za-z]")
_QUOTE_END = re.compile(r"['’\"”]\s*$")


def cause(item: dict) -> str:
    """The likeliest reason a human-named speaker was missed, read off the text around it."""
    sentence_before = re.split(r"(?<=[.!?])\s+", item["before"])[-1]
    near = sentence_before + " " + item["after"][:80]
    kind = item["mention_type"] or ""
    mention = (item["mention"] or "").lower()
    if item["outcome"] == "wrong" and item["our_mention"] and item["our_mention"].lower() in PRONOUNS:
        return "pronoun resolved to the wrong person"
    if _TOLD.search(near):
        return "told <outlet> cue"
    if _ACCORDING.search(near):
        return "according to"
    if _SPOKES.search(mention) or _SPOKES.search(near):
        return "organisation vs its spokesman"
    if _INVERTED.match(item["after"]):
        return "inverted cue (… said X)"
    if kind == "description":
        return "description not resolved" if item["outcome"] == "unknown" else (
            "description resolved to someone else"
        )
    if kind == "pronoun":
        return "pronoun not resolved" if item["outcome"] == "unknown" else (
            "pronoun resolved to the wrong person"
        )
    if kind == "none":
        if _QUOTE_END.search(item["before"].rstrip()[-3:]) or item["before"].rstrip().endswith(("’", "'", "”", '"')):
            return "continued quote, no cue"
        return "no mention at the quote"
    if item["cue"] is None:
        return "cue not connected to the quote"
    return "another name at the cue" if item["outcome"] == "wrong" else "name at cue not resolved"


def show_causes(items: list[dict], chosen_half: str) -> None:
    failed = [i for i in items if i["half"] == chosen_half and i["outcome"] in ("unknown", "wrong")]
    for name in ("quotes-dev", "cnndm"):
        table = Counter((cause(i), i["outcome"]) for i in failed if i["set"] == name)
        print(f"\n{name} {chosen_half}: {sum(table.values())} unknown or wrong")
        print(f"{'cause':<42}{'unknown':>8}{'wrong':>7}")
        for label in sorted({c for c, _ in table}, key=lambda c: -table[c, "unknown"] - table[c, "wrong"]):
            print(f"{label:<42}{table[label, 'unknown']:>8}{table[label, 'wrong']:>7}")


def diff(before: list[dict], after: list[dict]) -> None:
    key = lambda i: (i["set"], i["id"], i["start"])  # noqa: E731
    old = {key(i): i for i in before}
    changed = [(old[key(i)], i) for i in after if key(i) in old and (
        old[key(i)]["outcome"], old[key(i)]["ours"]) != (i["outcome"], i["ours"])]
    for name in ("quotes-dev", "cnndm"):
        for part in ("tune", "check"):
            moves = Counter(
                f"{a['outcome']}→{b['outcome']}" for a, b in changed
                if b["set"] == name and b["half"] == part
            )
            print(f"{name:<11}{part:<6}" + (", ".join(f"{m} {n}" for m, n in sorted(moves.items())) or "no change"))
    for a, b in changed:
        print(f"  [{b['set']} {b['half']} {b['id'][-12:]}@{b['start']}] gold={b['gold']!r}: "
              f"{a['outcome']} {a['ours']!r} → {b['outcome']} {b['ours']!r}  {b['quote'][:50]!r}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=("save", "causes", "diff"))
    parser.add_argument("paths", nargs="+", type=Path)
    parser.add_argument("--half", default="tune")
    args = parser.parse_args()
    if args.command == "save":
        args.paths[0].write_text("".join(json.dumps(i) + "\n" for i in outcomes()), encoding="utf-8")
        return
    loaded = [
        [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
        for path in args.paths
    ]
    if args.command == "causes":
        show_causes(loaded[0], args.half)
    else:
        diff(loaded[0], loaded[1])


if __name__ == "__main__":
    main()
