"""Score quote extraction and speaker attribution on the annotated dev split (issue 3).

Run: python benchmarks/eval_quotes.py [--lapd] [--rules-only]   one table: quotes-dev (the 266
     articles whose quote marks the gold annotates) and quotes-dev-cnndm, all articles and each
     half; `--rules-only` without the learned speaker ranker (the cue rules alone: "before");
     python benchmarks/eval_quotes.py path.jsonl [--errors N] [--dump PATH]   one set in detail

Scoring, as the issue defines it:
- quotes: lower-case, strip punctuation, split into tokens; a predicted and a gold quote match
  when their shared tokens (multiset) are at least 0.8 of the longer one; one-to-one greedy
  within a document; P/R/F1 over direct and partial quotes (reported speech is not scored);
- speaker accuracy over matched quotes whose gold speaker is named: names match after dropping
  case, punctuation, possessives and titles, when they share the surname or one's tokens appear
  in order inside the other's; a pronoun or null never matches;
- end-to-end F1: a match counts only with the right speaker (gold quotes without a named speaker
  count on the quote alone);
- a breakdown by how the gold speaker is referred to (name, pronoun, description), and seconds
  per 100 articles.

Gold speakers named by automatic coreference (`speaker_resolved_by` == "corenlp-dcoref") are not
human gold, so speaker accuracy is also printed over the human-annotated gold alone. `--dump PATH`
writes every misattributed quote (gold speaker, ours, mention type, the passage), grouped by cause.

The table is printed twice: over every article, and without the articles quoted with doubled
apostrophes ('' … '', old wire copy), whose quotes the corpus never annotated: there every quote
the extractor finds counts as a false positive.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from devsplit import HALVES, half

from index.models import Quote, QuoteKind
from index.quotes.analyze import analyze
from index.quotes.people.speaker_ranker import DEFAULT_RANKER, Ranker, RulesOnly

SHARED = Path(__file__).resolve().parents[2] / "shared"  # ../shared, as every benchmark finds it
DEV = SHARED / "data" / "quotes-dev.jsonl"
LAPD = SHARED / "articles" / "lapd-beck.txt"

_TOKEN = re.compile(r"\w+")
PRONOUNS = frozenset(
    "he she they him her them his hers their it its i we you who which that this these those "
    "himself herself themselves".split()
)
# Titles dropped before comparing names.
TITLES = frozenset(
    """
    mr mrs ms miss dr prof rev sen senator rep representative gov governor pres president
    gen general lt col capt sgt chief judge justice secretary sec speaker mayor sir dame lord
    lady hon the former vice attorney candidate
    """.split()
)
DETERMINERS = frozenset("the a an his her its their our this that these those one some".split())
NAMED = frozenset({"annotation", "corenlp-dcoref", "hand"})
HUMAN = frozenset({"annotation", "hand"})  # a person named the speaker (not coreference)
CNNDM = SHARED / "data" / "quotes-dev-cnndm.jsonl"


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.lower().replace("_", " "))


def name_tokens(name: str | None) -> list[str]:
    if not name:
        return []
    name = re.sub(r"['’]s\b", "", name)
    return [token for token in tokens(name) if token not in TITLES]


def names_match(predicted: str | None, gold: str | None) -> bool:
    """Whether two names denote one person: shared surname, or one's tokens in order in the other."""
    if not predicted or not gold:
        return False
    if predicted.strip().lower() in PRONOUNS or gold.strip().lower() in PRONOUNS:
        return False
    left, right = name_tokens(predicted), name_tokens(gold)
    if not left or not right:
        return False
    if left[-1] == right[-1]:
        return True
    short, long = sorted((left, right), key=len)
    position = 0
    for token in long:
        if position < len(short) and token == short[position]:
            position += 1
    return position == len(short)


def mention_type(gold: dict) -> str:
    """How the article refers to the gold speaker at this quote: name, pronoun or description."""
    if gold.get("mention_type"):  # quotes-dev-cnndm says it by hand
        return gold["mention_type"]
    span = (gold.get("speaker_span") or "").split(",")[0].strip()
    words = span.split()
    if not words:
        return "none"
    if len(words) == 1 and re.sub(r"['’]s$", "", words[0].lower()) in PRONOUNS:  # "she’s"
        return "pronoun"
    if words[0].lower() in DETERMINERS and not words[-1][:1].isupper():
        return "description"
    if not any(word[:1].isupper() for word in words):
        return "description"
    return "name"


def quote_match(predicted: Counter[str], gold: Counter[str]) -> bool:
    longer = max(sum(predicted.values()), sum(gold.values()))
    if longer == 0:
        return False
    return sum((predicted & gold).values()) >= 0.8 * longer


@dataclass
class Tally:
    """Counts for one table: quotes, speakers, end to end, and speaker accuracy by mention type."""

    predicted: int = 0
    gold: int = 0
    matched: int = 0
    e2e: int = 0
    speaker_total: int = 0
    speaker_right: int = 0
    human_total: int = 0  # gold speakers a human named (not coreference)
    human_right: int = 0
    speaker_wrong: int = 0  # matched, gold named, we named someone else
    speaker_unknown: int = 0  # matched, gold named, we named no one
    human_wrong: int = 0  # the same two, over human-named gold only
    human_unknown: int = 0

    def prf(self, hits: int) -> tuple[float, float, float]:
        precision = hits / self.predicted if self.predicted else 0.0
        recall = hits / self.gold if self.gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return precision, recall, f1


def score_article(
    predicted: list[Quote], gold: list[dict], tally: Tally, by_type: dict[str, list[int]],
    errors: list[tuple[str, dict | None, Quote | None]],
) -> None:
    """Match predictions to gold one-to-one (greedy, best overlap first) and count."""
    predicted_bags = [Counter(tokens(quote.text)) for quote in predicted]
    gold_bags = [Counter(tokens(quote["quote"])) for quote in gold]
    pairs = []
    for g, gold_bag in enumerate(gold_bags):
        for p, predicted_bag in enumerate(predicted_bags):
            if quote_match(predicted_bag, gold_bag):
                shared = sum((predicted_bag & gold_bag).values())
                pairs.append((-shared, g, p))
    pairs.sort()
    used_gold: set[int] = set()
    used_predicted: set[int] = set()
    tally.predicted += len(predicted)
    tally.gold += len(gold)
    for _, g, p in pairs:
        if g in used_gold or p in used_predicted:
            continue
        used_gold.add(g)
        used_predicted.add(p)
        tally.matched += 1
        quote, answer = gold[g], predicted[p]
        if quote["speaker_resolved_by"] in NAMED and quote["speaker"]:
            right = names_match(answer.speaker, quote["speaker"])
            tally.speaker_total += 1
            tally.speaker_right += right
            human = quote["speaker_resolved_by"] in HUMAN
            tally.human_total += human
            tally.human_right += right and human
            for key in (mention_type(quote), f"human {mention_type(quote)}" if human else ""):
                counts = by_type.setdefault(key, [0, 0])
                counts[0] += 1
                counts[1] += right
            tally.e2e += right
            if not right:
                errors.append(("speaker", quote, answer))
                tally.speaker_wrong += answer.speaker is not None
                tally.speaker_unknown += answer.speaker is None
                tally.human_wrong += human and answer.speaker is not None
                tally.human_unknown += human and answer.speaker is None
        else:
            tally.e2e += 1
    errors.extend(("missed", gold[g], None) for g in range(len(gold)) if g not in used_gold)
    errors.extend(
        ("spurious", None, predicted[p]) for p in range(len(predicted)) if p not in used_predicted
    )


def unannotated_marks(text: str) -> bool:
    """Wire copy quoted with doubled apostrophes ('' … ''), which the corpus never annotated."""
    return "''" in text and '"' not in text and "“" not in text


def cause(quote: Quote) -> str:
    """Why a predicted speaker is wrong, from how the extractor reached it."""
    if quote.speaker is None:
        return "no speaker: no cue found" if quote.cue is None else "no speaker: cue, unresolved"
    words = (quote.mention or "").split()
    if quote.mention_start is None or not words:
        return "wrong: carried over from the previous quote"
    if len(words) == 1 and words[0].lower() in PRONOUNS:
        return "wrong: pronoun resolved to someone else"
    if words[0].lower() in DETERMINERS and not words[-1][:1].isupper():
        return "wrong: description resolved to someone else"
    return "wrong: another name at the cue"


def dump(path: Path, errors: list[tuple[str, dict | None, Quote | None]], texts: dict) -> None:
    """Write the misattributed quotes grouped by cause, largest group first."""
    groups: dict[str, list[str]] = {}
    for label, gold, quote in errors:
        if gold is None or quote is None:
            continue
        text = texts[label.split()[0]]
        passage = text[max(0, gold["start"] - 220) : gold["end"] + 120].replace("\n", " / ")
        groups.setdefault(cause(quote), []).append(
            f"[{label.split()[0]}] gold={gold['speaker']!r} ({gold['speaker_resolved_by']}, "
            f"{mention_type(gold)}: {gold.get('speaker_span', gold.get('mention'))!r})  ours={quote.speaker!r} "
            f"(mention {quote.mention!r}, cue {quote.cue!r})\n    {passage}\n"
        )
    with path.open("w", encoding="utf-8") as out:
        for name, lines in sorted(groups.items(), key=lambda item: -len(item[1])):
            out.write(f"== {name}: {len(lines)}\n\n" + "\n".join(lines) + "\n")


def evaluate(
    path: Path, show_errors: int, *, annotated_only: bool = False, dump_to: Path | None = None,
    ranker: Ranker = DEFAULT_RANKER,
) -> dict[str, float]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    if annotated_only:
        rows = [row for row in rows if not unannotated_marks(row["text"])]
        print("\n-- scope: articles whose quote marks the gold annotates --")
    started = time.perf_counter()
    analyses = [analyze(row["text"], ranker) for row in rows]
    seconds = time.perf_counter() - started
    tally = Tally()
    by_type: dict[str, list[int]] = {}
    errors: list[tuple[str, dict | None, Quote | None]] = []
    for row, analysis in zip(rows, analyses, strict=True):
        scored = [quote for quote in analysis.quotes if quote.kind is not QuoteKind.REPORTED]
        before = len(errors)
        score_article(scored, row["quotes"], tally, by_type, errors)
        for index in range(before, len(errors)):
            errors[index] = (f"{row['id']} {errors[index][0]}", *errors[index][1:])
    precision, recall, f1 = tally.prf(tally.matched)
    _, _, e2e = tally.prf(tally.e2e)
    accuracy = tally.speaker_right / tally.speaker_total if tally.speaker_total else 0.0
    per100 = seconds / len(rows) * 100
    print(f"articles {len(rows)}  gold quotes {tally.gold}  predicted {tally.predicted}")
    print(f"{'metric':<40}{'value':>8}")
    for label, value in (
        ("quote precision", precision),
        ("quote recall", recall),
        ("quote F1", f1),
        (f"speaker accuracy (n={tally.speaker_total})", accuracy),
    ):
        print(f"{label:<40}{value:>8.3f}")
    for kind in ("name", "pronoun", "description"):
        total, right = by_type.get(kind, [0, 0])
        label = f"  by {kind} (n={total})"
        print(f"{label:<40}{(right / total if total else 0.0):>8.3f}")
    total = sum(by_type.get(kind, [0, 0])[0] for kind in ("pronoun", "description"))
    right = sum(by_type.get(kind, [0, 0])[1] for kind in ("pronoun", "description"))
    label = f"  pronoun+description (n={total})"
    print(f"{label:<40}{(right / total if total else 0.0):>8.3f}")
    human = tally.human_right / tally.human_total if tally.human_total else 0.0
    print(f"{f'speaker accuracy, human gold (n={tally.human_total})':<40}{human:>8.3f}")
    for kind in ("name", "pronoun", "description"):
        total, right = by_type.get(f"human {kind}", [0, 0])
        if total:
            print(f"{f'  by {kind} (n={total})':<40}{right / total:>8.3f}")
    print(f"{'end-to-end F1':<40}{e2e:>8.3f}")
    # Every end-to-end error is one of these: a gold quote not found, a quote the gold lacks,
    # a found quote with the wrong speaker, or one whose speaker we left unknown.
    causes = (
        ("quote missed", tally.gold - tally.matched),
        ("quote spurious", tally.predicted - tally.matched),
        ("speaker wrong", tally.speaker_wrong),
        ("speaker unknown", tally.speaker_unknown),
    )
    print("  end-to-end errors: " + ", ".join(f"{label} {count}" for label, count in causes))
    print(f"{'seconds per 100 articles':<40}{per100:>8.3f}")
    if show_errors:
        print_errors(errors, show_errors)
    if dump_to is not None:
        dump(dump_to, [e for e in errors if e[0].endswith("speaker")], {r["id"]: r["text"] for r in rows})
    return {"f1": f1, "speaker": accuracy, "e2e": e2e, "per100": per100}


def print_errors(errors: list[tuple[str, dict | None, Quote | None]], limit: int) -> None:
    counts = Counter(label.split()[-1] for label, _, _ in errors)
    print("\nerrors:", dict(counts))
    for label, gold, quote in errors[:limit]:
        gold_text = gold and f"{gold['quote'][:70]!r} <{gold['speaker']}|{gold.get('speaker_span', gold.get('mention'))}> @{gold['start']}"
        predicted = quote and (
            f"{quote.text[:70]!r} <{quote.speaker}|{quote.mention}> {quote.kind} @{quote.start}"
        )
        print(f"- {label}\n    gold: {gold_text}\n    pred: {predicted}")


def show_lapd() -> None:
    """Print what the extractor finds in the article the product was imagined for."""
    analysis = analyze(LAPD.read_text(encoding="utf-8"))
    for quote in analysis.quotes:
        print(f"{quote.kind:<9}{quote.statement:>3} {quote.speaker!s:<16} {quote.mention!s:<18} "
              f"{quote.text[:70]!r}")
    print(analysis.speakers)


def score(rows: list[dict], ranker: Ranker = DEFAULT_RANKER) -> Tally:
    """Score the extractor on rows in this process (no timing)."""
    tally, by_type, errors = Tally(), {}, []  # type: ignore[var-annotated]
    for row in rows:
        analysis = analyze(row["text"], ranker)
        quotes = [q for q in analysis.quotes if q.kind is not QuoteKind.REPORTED]
        score_article(quotes, row["quotes"], tally, by_type, errors)
    return tally


def seconds_per_100(rows: list[dict], repeats: int) -> float:
    """`articlebot extract` over the rows, process start included; the best of `repeats`."""
    feed = "".join(json.dumps({"id": r["id"], "text": r["text"]}) + "\n" for r in rows)
    best = float("inf")
    for _ in range(repeats):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "bot", "extract"], input=feed.encode(),
                       stdout=subprocess.DEVNULL, check=True)
        best = min(best, time.perf_counter() - started)
    return best / len(rows) * 100


def table(repeats: int, ranker: Ranker = DEFAULT_RANKER) -> None:
    """One table: both dev sets, all articles and each half (benchmarks/devsplit.py)."""
    header = ("set", "half", "arts", "gold", "qP", "qR", "qF1", "spk(n)", "spkH", "unk", "wrong",
              "e2eF1")
    print(" | ".join(header))
    print("|".join("---" for _ in header))
    everything = []
    for name, path in (("quotes-dev", DEV), ("quotes-dev-cnndm", CNNDM)):
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
        if path == DEV:  # wire copy quoted with '' … '', never annotated (see the docstring)
            rows = [row for row in rows if not unannotated_marks(row["text"])]
        everything += rows
        for part in ("all", *HALVES):
            chosen = [row for row in rows if part == "all" or half(row["id"]) == part]
            tally = score(chosen, ranker)
            _, _, e2e = tally.prf(tally.e2e)
            n = tally.human_total or 1
            cells = (name, part, len(chosen), tally.gold, *tally.prf(tally.matched),
                     f"{tally.human_total}", tally.human_right / n, tally.human_unknown / n,
                     tally.human_wrong / n, e2e)
            print(" | ".join(f"{c:.3f}" if isinstance(c, float) else str(c) for c in cells))
    print("spkH: speaker right where a human named the speaker; unk / wrong: shares of those "
          "left unknown / given another name")
    if isinstance(ranker, RulesOnly):
        print("rules only: the learned speaker ranker was off (`articlebot extract` always uses "
              "it, so no timing here)")
        return
    print(f"seconds per 100 articles, `articlebot extract` over both sets ({len(everything)} "
          f"articles), process start included, best of {repeats}: "
          f"{seconds_per_100(everything, repeats):.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", type=Path, help="one dev set in detail (no table)")
    parser.add_argument("--repeats", type=int, default=3, help="timing runs per row (table)")
    parser.add_argument("--errors", type=int, default=0, help="print this many errors")
    parser.add_argument("--lapd", action="store_true", help="also show the lapd-beck article")
    parser.add_argument("--dump", type=Path, help="write the misattributed quotes here, by cause")
    parser.add_argument("--rules-only", action="store_true",
                        help="without the learned speaker ranker: the cue rules alone")
    args = parser.parse_args()
    ranker: Ranker = RulesOnly() if args.rules_only else DEFAULT_RANKER
    if args.path is None:
        table(args.repeats, ranker)
    else:
        evaluate(args.path, args.errors, dump_to=args.dump, ranker=ranker)
        evaluate(args.path, 0, annotated_only=True, ranker=ranker)
    if args.lapd:
        show_lapd()


if __name__ == "__main__":
    main()
