"""Name the speaker of a quote the rules leave unknown: a learned ranker over the people the
article mentioned before the quote.

Each candidate is scored by a logistic regression over what the rules already track (how far
back and how often the person was mentioned, as a subject or not, in this paragraph or before,
whether they were the last speaker). It is asked only about a quote with no cue at all: a
cue whose mention the rules cannot resolve names someone else ("a police source said").
The coefficients are plain data, `speaker_ranker.json`, written by
`benchmarks/train_speaker_ranker.py` from the tuning half of the dev sets. The best candidate
is named only when its probability clears the model's threshold: otherwise the speaker stays
unknown, as the bot never guesses silently.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from index.quotes.people.cast import Cast, Person

MODEL_PATH = Path(__file__).with_name("speaker_ranker.json")
FEATURES = (
    "log_distance",  # characters from the person's last mention to the quote
    "recency_rank",  # 0 for the most recently mentioned candidate, 1 for the next, …
    "last_speaker",  # the person who spoke last within the horizon
    "same_paragraph",  # last mentioned in the quote's paragraph
    "within_horizon",  # last mentioned in this paragraph or the one before
    "log_mentions",  # how often mentioned before the quote
    "log_subjects",  # how often speaking at a cue before the quote
    "subject_recent",  # last mention was as a subject at a cue
    "organization",
    "gender_known",
    "candidates",  # how many candidates compete
)
_WINDOW = 4000  # characters back: farther mentions are not candidates
# Filled by the training script (a list to append to), never at run time.
COLLECT: list[dict[str, object]] | None = None


@dataclass(frozen=True)
class Candidate:
    """A person who might have said the quote, with the model's features for them."""

    person: Person
    features: tuple[float, ...]


def candidates(
    cast: Cast, position: int, horizon: int, paragraph_start: int,
    recent: Person | None,
) -> list[Candidate]:
    """List the people mentioned in the window before `position`, nearest first, with features."""
    found: list[tuple[int, Person]] = []
    for person in cast.people:
        if person.plural:
            continue
        before = [at for at in person.positions if position - _WINDOW <= at < position]
        if before:
            found.append((before[-1], person))
    found.sort(key=lambda pair: (-pair[0], pair[1].name))
    result = []
    for rank, (last, person) in enumerate(found):
        mentions = sum(1 for at in person.positions if at < position)
        subjects = [at for at in person.subjects if at < position]
        features = (
            math.log1p(position - last),
            float(rank),
            float(person is recent),
            float(last >= paragraph_start),
            float(last >= horizon),
            math.log1p(mentions),
            math.log1p(len(subjects)),
            float(bool(subjects) and subjects[-1] == last),
            float(person.org),
            float(person.gender is not None),
            float(len(found)),
        )
        result.append(Candidate(person, features))
    return result


@cache
def _model() -> tuple[tuple[float, ...], float, float] | None:
    if not MODEL_PATH.exists():
        return None
    data = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    if tuple(data["features"]) != FEATURES:
        return None  # trained on other features: the rules alone decide
    return tuple(data["coefficients"]), float(data["intercept"]), float(data["threshold"])


def probability(features: tuple[float, ...], model: tuple[tuple[float, ...], float, float]) -> float:
    """Score one candidate: the logistic model's probability that they said the quote."""
    coefficients, intercept, _ = model
    score = intercept + sum(c * f for c, f in zip(coefficients, features, strict=True))
    return 1.0 / (1.0 + math.exp(-score))


def rank_speaker(
    cast: Cast, start: int, end: int, horizon: int, paragraph_start: int,
    recent: Person | None,
) -> Person | None:
    """Return the person the model names for the quote at [start, end), or None (unknown)."""
    found = candidates(cast, start, horizon, paragraph_start, recent)
    if COLLECT is not None:
        COLLECT.append({"start": start, "end": end, "candidates": found})
    model = _model()
    if model is None or not found:
        return None
    best = max(found, key=lambda candidate: probability(candidate.features, model))
    return best.person if probability(best.features, model) >= model[2] else None
