"""What the learned speaker ranker changes in the extractor's output, cascades included.

The trainer's own proposals are counted on the rules' run, quote by quote; but a name the ranker
gives also becomes the last speaker that the next uncued quote continues, so the figures
eval_quotes.py reports move by more (or less) than the proposals. Here each dev article is
extracted twice, by the rules alone and with the ranker, and every gold quote whose speaker
outcome differs is counted: made right, or made wrong (another name, a name where the gold says
no one is named, or a right name lost). The precision of the ranker's changes is right / (right +
wrong).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from eval_quotes import names_match

from index.models import Quote, QuoteKind
from index.quotes.analyze import analyze
from index.quotes.people.speaker_ranker import Ranker

Pairing = Callable[[list[dict], list[Quote]], list[tuple[int, int]]]
GoldSpeaker = Callable[[dict], tuple[bool, str | None]]
Outcomes = dict[tuple[str, int], str]


def outcome(quote: Quote, gold: str | None) -> str:
    """right / unknown / wrong for a named gold speaker; guessed / unnamed where no one is named
    (describing the speaker, "a senior official", as the article does, is no guess)."""
    if gold is None:
        return "guessed" if quote.speaker_named else "unnamed"
    if names_match(quote.speaker, gold):
        return "right"
    return "unknown" if quote.speaker is None else "wrong"


def outcomes(
    articles: list[dict], ranker_for: Callable[[str], Ranker], pairs: Pairing,
    gold_speaker: GoldSpeaker,
) -> Outcomes:
    """Each used gold quote's outcome, keyed by (article id, gold index), with the ranker
    `ranker_for` gives for the article."""
    found = {}
    for row in articles:
        quotes = [q for q in analyze(row["text"], ranker_for(row["id"])).quotes
                  if q.kind is not QuoteKind.REPORTED]
        for g, p in pairs(row["quotes"], quotes):
            used, speaker = gold_speaker(row["quotes"][g])
            if used:
                found[row["id"], g] = outcome(quotes[p], speaker)
    return found


def changes(before: Outcomes, after: Outcomes, group: Callable[[str], str]) -> Counter[tuple[str, str]]:
    """Per group of articles: "right" (a quote made right), "wrong" (made wrong, guessed, or a
    right one lost), and "net" (named gold right after minus before)."""
    counted: Counter[tuple[str, str]] = Counter()
    for key in before.keys() & after.keys():
        old, new = before[key], after[key]
        name = group(key[0])
        counted[name, "net"] += (new == "right") - (old == "right")
        if old != new and new == "right":
            counted[name, "right"] += 1
        elif old != new and (new in ("wrong", "guessed") or old == "right"):
            counted[name, "wrong"] += 1
    return counted
