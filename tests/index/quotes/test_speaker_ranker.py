"""The learned speaker ranker: shipped data loads, it names a clear speaker the rules miss,
stays silent below its threshold, and answers the same every time."""

from __future__ import annotations

from index.quotes.analyze import analyze
from index.quotes.people.speaker_features import FEATURES
from index.quotes.people.speaker_ranker import (
    LearnedRanker,
    Model,
    Ranker,
    RulesOnly,
    shipped_model,
)

# No speech cue at the quote, which speaks in no one's voice (a first-person quote would be hers by
# the rules, index/quotes/intros.py): the rules leave it unknown; Jane Roe is the only person around.
TEXT = (
    "The bridge over the river has been closed since March.\n\n"
    "On Monday Jane Roe, the mayor of Springfield, walked across it with engineers.\n\n"
    "\u201cThis bridge will not be allowed to fall down.\u201d\n"
)


def _model(intercept: float, threshold: float) -> Model:
    size = len(FEATURES)
    return Model((0.0,) * size, (1.0,) * size, (0.0,) * size, intercept, threshold)


def _last_speaker(ranker: Ranker, text: str = TEXT) -> str | None:
    return analyze(text, ranker).quotes[-1].speaker


def test_shipped_model_loads_with_one_weight_per_feature() -> None:
    model = shipped_model()
    assert len(model.coef) == len(FEATURES) == 30
    assert 0.5 <= model.threshold < 1.0


def test_rules_alone_leave_the_quote_unknown() -> None:
    assert _last_speaker(RulesOnly()) is None


def test_a_sure_ranker_names_the_only_candidate() -> None:
    assert _last_speaker(LearnedRanker(_model(intercept=5.0, threshold=0.7))) == "Jane Roe"


def test_below_the_threshold_the_speaker_stays_unknown() -> None:
    assert _last_speaker(LearnedRanker(_model(intercept=0.0, threshold=0.7))) is None


def test_a_quote_with_its_own_unnamed_speaker_is_never_ranked() -> None:
    text = TEXT.replace("down.\u201d", "down,\u201d a spokesman said.")
    ranker = LearnedRanker(_model(intercept=5.0, threshold=0.7))
    assert _last_speaker(ranker, text) == "a spokesman"  # the article's words, no one ranked


def test_the_shipped_ranker_is_deterministic() -> None:
    first = analyze(TEXT).quotes
    assert all(analyze(TEXT).quotes == first for _ in range(3))


# A definite description the rules cannot resolve ("the fighter ace" was never anyone's role):
# the ranker may name someone the article called so, and only the described one.
DESCRIBED = (
    "Jim Orr flew forty missions and became one of the finest fighter aces of the war.\n\n"
    "Tom Hale, his navigator, planned the escape with him.\n\n"
    "The fighter ace later described it as \u201cthe longest night of my life\u201d.\n"
)


def _weighing_only(feature: str) -> Model:
    size = len(FEATURES)
    coef = tuple(10.0 if name == feature else 0.0 for name in FEATURES)
    return Model((0.0,) * size, (1.0,) * size, coef, -5.0, 0.9)


def test_an_unresolved_description_is_left_to_the_ranker() -> None:
    assert _last_speaker(RulesOnly(), DESCRIBED) == "the fighter ace"  # as the article says
    ranker = LearnedRanker(_weighing_only("described_so"))
    assert _last_speaker(ranker, DESCRIBED) == "Jim Orr"
