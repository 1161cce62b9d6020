"""A small learned ranker that names a quote's speaker where the cue rules leave it unknown.

The rules stay first: the ranker is consulted only for a quote that has no speaker and no mention
of its own at a cue (or only a pronoun, or a definite description like "the fighter ace", with no
referent), never where the rules found an unnamed speaker on purpose ("a spokesman said", an
organisation). It scores each person mentioned near the
quote (speaker_features.py) with a logistic regression, and names the best one only when its
probability reaches a threshold chosen out of fold for precision: a wrong name is worse than none.

The coefficients are plain data (speaker_ranker.json, written by
benchmarks/train_speaker_ranker.py --write); scoring is a dot product, deterministic, with no
machine-learning library at run time.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Protocol

from index.quotes.people.cast import Cast, Person
from index.quotes.people.pronouns import pronoun_gender
from index.quotes.people.speaker_features import FEATURES, Site, candidates


class Ranker(Protocol):
    """What attribution asks once per quote: a speaker for it, or None. `eligible` says whether
    the rules left the quote unknown without an unnamed speaker of its own."""

    def speaker(self, site: Site, cast: Cast, eligible: bool) -> Person | None:
        """Return the person to name for the quote at `site`, or None."""


@dataclass(frozen=True, slots=True)
class Model:
    """Standardization, coefficients and the threshold of one fit."""

    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float
    threshold: float

    def probability(self, row: list[float]) -> float:
        """Return the probability that the candidate of this feature row said the quote."""
        logit = self.intercept + sum(  # a list, faster than a generator; the same sum
            [weight * (value - mean) / scale
             for weight, value, mean, scale in zip(self.coef, row, self.mean, self.scale, strict=True)]
        )  # fmt: skip
        return 1.0 / (1.0 + math.exp(-logit))

    def best(self, site: Site, cast: Cast) -> tuple[Person, float] | None:
        """Return the likeliest candidate and its probability (ties: the one mentioned first in the
        cast's order, so the answer never depends on anything but the text)."""
        wanted = pronoun_gender(site.pronoun) if site.pronoun else None
        scored = [
            (self.probability(row), person) for person, row in candidates(site, cast)
            if wanted is None or person.org or person.gender in (wanted, None)
        ]  # never "she" for a man: a wrong name is worse than none
        if not scored:
            return None
        probability, person = max(scored, key=lambda pair: pair[0])
        return person, probability


def model_from(data: dict[str, object]) -> Model:
    """Read a fit written by the trainer; it must name the features this code computes."""
    if tuple(data["features"]) != FEATURES:  # type: ignore[arg-type]
        raise ValueError("speaker_ranker.json was trained on other features")
    return Model(
        mean=tuple(data["mean"]),  # type: ignore[arg-type]
        scale=tuple(data["scale"]),  # type: ignore[arg-type]
        coef=tuple(data["coef"]),  # type: ignore[arg-type]
        intercept=float(data["intercept"]),  # type: ignore[arg-type]
        threshold=float(data["threshold"]),  # type: ignore[arg-type]
    )


@cache
def shipped_model() -> Model:
    """Return the coefficients shipped with the package."""
    text = resources.files("index.quotes.people").joinpath("speaker_ranker.json").read_text("utf-8")
    return model_from(json.loads(text))


class LearnedRanker:
    """Names the best candidate of an eligible quote when it is sure enough."""

    def __init__(self, model: Model | None = None) -> None:
        self._model = model

    def speaker(self, site: Site, cast: Cast, eligible: bool) -> Person | None:
        """Return the best candidate if the quote is eligible and the model is sure of it."""
        if not eligible:
            return None
        model = self._model or shipped_model()
        found = model.best(site, cast)
        if found is None or found[1] < model.threshold:
            return None
        return found[0]


class RulesOnly:
    """Never names anyone: attribution by the cue rules alone (the baseline it is measured on)."""

    def speaker(self, site: Site, cast: Cast, eligible: bool) -> Person | None:
        """Return None: the rules' answer stands."""
        return None


DEFAULT_RANKER: Ranker = LearnedRanker()


def site_of(
    text: str, starts: tuple[int, int, int], span: tuple[int, int, int], partial: bool,
    pronoun: str | None, last: tuple[Person | None, int], description: str | None = None,
) -> Site:
    """Build a quote's `Site` from (window, previous paragraph, own paragraph) starts, the span's
    (opening mark, end, paragraph end), the pronoun at its cue and the last (speaker, start)."""
    window, previous, own = starts
    open_at, after_at, paragraph_end = span
    return Site(text, open_at, after_at, own, paragraph_end, previous, window, partial, pronoun,
                last[0], last[1], description)
