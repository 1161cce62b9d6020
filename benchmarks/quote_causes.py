"""Count the quote-finding errors of the dev sets by cause (issue 18), tuning half by default.

Run: python benchmarks/quote_causes.py [--half tune|check|all] [--show CAUSE] [--limit N]

Every gold quote no found quote matches (missed) and every found quote no gold quote matches
(spurious), scored as benchmarks/eval_quotes.py scores them, is put in one cause from the
marks and the words around it:

missed
- boundary: a found quote overlaps it but its edges differ too much: a closing single mark
  read as an apostrophe, a run-on part not cut at a lost paragraph break or caption, a nested
  quote closing with the outer one, a found quote starting early (an earlier mark paired
  wrongly) or shorter than the gold one;
- reopened part: a part of a quote re-opened across a lost paragraph break (the gold part
  starts right after an opening mark that no closing mark answers before the next opening);
- dropped as scare/title: the marks were paired but the quote was then dropped as a scare
  quote or title;
- single marks: quoted with single marks, no pair found (apostrophe read as a mark or a mark
  read as an apostrophe);
- nested: inside another quote (marks of the other family);
- double marks: quoted with double marks, no pair found;
- unmarked: no quote mark at its edges (a tweet, a headline).
spurious
- scare/title/name: at most four words, or a Title Case phrase;
- doubled '' marks: quoted with '' … '' in an article that also uses double marks (old wire
  copy the corpus left unannotated);
- apostrophe pairing: the found quote begins or ends at a single mark that reads as an
  apostrophe (`don’t`, `’90s`, `Smiths’`) or contains more text than its gold neighbours;
- overlaps gold: overlaps a gold quote (the boundary twin of a missed quote);
- other: a quote the gold does not annotate.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from devsplit import half
from eval_quotes import CNNDM, DEV, Tally, score_article, unannotated_marks

from index.models import QuoteKind
from index.quotes.analyze import analyze
from index.quotes.marks import find_spans

SINGLE = "'‘’"
DOUBLE = '"“”„'


def missed_cause(text: str, gold: dict, found: list, spans: list) -> str:
    start, end = gold["start"], gold["end"]
    over = [q for q in found if q.start < end and start < q.end]
    if over:
        return "boundary: " + _boundary(text, gold, over[0])
    if any(s.start <= start + 2 and end <= s.end + 2 for s in spans):
        return "dropped as scare/title"
    before = text[max(0, start - 2) : start]
    after = text[end : end + 2]
    marks = [c for c in before + after if c in SINGLE + DOUBLE]
    if not marks:
        return "unmarked (tweet, headline, no marks)"
    opener = before[-1:] if before[-1:] in SINGLE + DOUBLE else ""
    if opener and not any(c in SINGLE + DOUBLE for c in after):
        # opened, not closed at its end: a part of a quote re-opened across a lost paragraph
        return "reopened part (no close before the next opening)"
    if any(s.start < start and end < s.end for s in spans):
        return "nested in another quote"
    if any(c in SINGLE for c in marks):
        return "single marks unpaired"
    return "double marks unpaired"


def _boundary(text: str, gold: dict, quote) -> str:
    """Why a found quote overlapping a gold one has other edges."""
    start, end = gold["start"], gold["end"]
    closer = text[end : end + 1]
    if quote.end > end + 2 and closer in SINGLE:
        return "closing ’ read as an apostrophe"
    if quote.end > end + 2 and closer not in SINGLE + DOUBLE:
        return "run-on part not cut (lost break, caption)"
    if quote.end > end + 2 and text[end : end + 2] in ("''", "’’"):
        return "nested quote closing with the outer one"
    if quote.start < start - 2:
        return "starts early (an earlier mark mispaired)"
    if quote.start > start + 2 or quote.end < end - 2:
        return "found quote shorter (split or nested)"
    return "other"


def spurious_cause(text: str, quote, golds: list[dict]) -> str:
    if any(g["start"] < quote.end and quote.start < g["end"] for g in golds):
        return "overlaps gold (boundary)"
    words = quote.text.split()
    if len(words) <= 4 or all(w[:1].isupper() for w in words if w[:1].isalpha()):
        return "short / Title Case (scare, title, name)"
    open_mark = text[quote.start - 2 : quote.start]
    close_mark = text[quote.end : quote.end + 2]
    if "''" in (open_mark, close_mark):
        return "doubled '' marks (wire copy the gold skips)"
    if open_mark[-1:] in SINGLE or close_mark[:1] in SINGLE:
        return "single marks (apostrophe pairing)"
    return "not in gold (other)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--half", default="tune", choices=("tune", "check", "all"))
    parser.add_argument("--show", help="print the cases of causes containing this")
    parser.add_argument("--limit", type=int, default=40)
    args = parser.parse_args()
    for name, path in (("quotes-dev", DEV), ("quotes-dev-cnndm", CNNDM)):
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
        if path == DEV:  # as eval_quotes: wire copy quoted with doubled apostrophes is not annotated
            rows = [r for r in rows if not unannotated_marks(r["text"])]
        rows = [r for r in rows if args.half == "all" or half(r["id"]) == args.half]
        counts: Counter[str] = Counter()
        shown = 0
        for row in rows:
            text = row["text"]
            analysis = analyze(text)
            found = [q for q in analysis.quotes if q.kind is not QuoteKind.REPORTED]
            spans = find_spans(text, analysis.document.story_paragraphs())
            errors: list = []
            score_article(found, row["quotes"], Tally(), {}, errors)
            for label, gold, quote in errors:
                if label == "missed":
                    what = "missed: " + missed_cause(text, gold, found, spans)
                    start, end = gold["start"], gold["end"]
                elif label == "spurious":
                    what = "spurious: " + spurious_cause(text, quote, row["quotes"])
                    start, end = quote.start, quote.end
                else:
                    continue
                counts[what] += 1
                if args.show and args.show in what and shown < args.limit:
                    shown += 1
                    context = text[max(0, start - 120) : end + 80].replace("\n", " / ")
                    print(f"[{row['id']}] {what}\n   {text[start:end][:200]!r}\n   …{context}…\n")
        print(f"\n{name} ({args.half}, {len(rows)} articles)")
        for what, count in sorted(counts.items()):
            print(f"  {what:<58}{count:>4}")


if __name__ == "__main__":
    main()
