"""Describe each person who could have said a quote, for the learned speaker ranker.

When the cue rules leave a quote's speaker unknown, the people the article mentions near it are
the candidates. Each is described by what the rules themselves weigh: how far back (characters,
sentences, paragraphs) it was last mentioned, whether that mention spoke at a cue or was the
subject, how often the article names it, whether it is the last speaker, whether a speech verb
stands beside its mention, gender and number against the pronouns around the quote, apposition
and role words, and for a description at the cue ("the fighter ace") whether the article called
the person so. speaker_ranker.py turns these numbers into a probability.
"""

from __future__ import annotations

import bisect
import math
import re
from typing import NamedTuple

from index.quotes.cue_patterns import CUES
from index.quotes.people.cast import Cast, Person
from index.quotes.people.pronouns import pronoun_gender

# The order is the model's: speaker_ranker.json stores one coefficient per name, in this order.
FEATURES = (
    "before", "log_chars_before", "sentences_before", "same_sentence", "same_paragraph",
    "previous_paragraph", "after_in_paragraph", "log_chars_after", "nearest", "recency_rank",
    "spoke_at_cue", "plain_mention", "possessive", "cue_after_mention", "cue_before_mention",
    "cue_before_after_mention", "last_speaker", "log_mentions", "mention_share", "organization",
    "personal", "role", "apposition", "gender_agrees", "gender_clashes", "number_agrees",
    "only_candidate", "opens_paragraph", "partial", "described_so",
)

_MALE = frozenset({"he", "him", "his", "himself"})
_FEMALE = frozenset({"she", "her", "hers", "herself"})
_PLURAL = frozenset({"they", "them", "their", "we", "our"})
_PRONOUN = re.compile(r"\b(?:[Hh]e|[Hh]im|[Hh]is|[Ss]he|[Hh]er)\b")
# A name set off by an appositive: "Jane Roe, 34,", "Jane Roe, a spokeswoman", "Roe, who …".
_APPOSITION = re.compile(
    r"[A-Z][\w.'’-]*(?:[ \u00a0][A-Z][\w.'’-]*)*,[ \u00a0]+(?:\d+\b|a\b|an\b|the\b|who\b|[a-z]+\s+of\b)"
)


class Site(NamedTuple):
    """Where a quote stands and what attribution knew when it reached it.

    A named tuple, immutable like the frozen dataclass it was and made in a fraction of its
    time: attribution builds one for every quote (speaker_ranker.site_of)."""

    text: str
    open_at: int  # the opening mark
    after_at: int  # just past the closing mark
    paragraph_start: int
    paragraph_end: int
    previous_start: int  # the previous paragraph's start (the quote's own, if first)
    window_start: int  # the start of the paragraph two before: candidates are mentioned after it
    partial: bool
    pronoun: str | None  # the pronoun at the quote's cue, if the rules found one but no referent
    last_person: Person | None  # the last statement's speaker
    last_start: int  # where the last statement starts (-1: none yet)
    description: str | None = None  # "the fighter ace": a description at the cue, unresolved


def candidates(site: Site, cast: Cast) -> list[tuple[Person, list[float]]]:
    """Return each person mentioned in the window around the quote with its feature row."""
    near = []
    for person in cast.people:
        if person.plural:
            continue
        low = bisect.bisect_left(person.positions, site.window_start)
        if low < len(person.positions) and person.positions[low] < site.paragraph_end:
            near.append(person)
    if not near:
        return []
    befores = [_last_before(person.positions, site.open_at) for person in near]
    order = sorted({at for at in befores if at >= site.window_start}, reverse=True)
    counts = [bisect.bisect_left(person.positions, site.after_at) for person in near]
    total = sum(counts) or 1
    lead_gender = _lead_gender(site)
    rows = []
    for person, before, count in zip(near, befores, counts, strict=True):
        if before < site.window_start:
            before = -1
        after = _first_after(person.positions, site.after_at, site.paragraph_end)
        rank = order.index(before) if before >= 0 else len(order)
        rows.append((person, _row(site, cast, person, before, after, rank, count / total,
                                  count, lead_gender, len(near))))
    return rows


def _row(
    site: Site, cast: Cast, person: Person, before: int, after: int, rank: int, share: float,
    count: int, lead_gender: str | None, how_many: int,
) -> list[float]:
    text = site.text
    has_before = before >= 0
    sentences = _sentences_between(cast, before, site.open_at) if has_before else 6
    gender = person.gender if not person.org else None
    plural_pronoun = site.pronoun in _PLURAL
    values = {
        "before": has_before,
        "log_chars_before": math.log1p(site.open_at - before) if has_before else 0.0,
        "sentences_before": min(sentences, 6),
        "same_sentence": has_before and sentences == 0,
        "same_paragraph": before >= site.paragraph_start,
        "previous_paragraph": site.previous_start <= before < site.paragraph_start,
        "after_in_paragraph": after >= 0,
        "log_chars_after": math.log1p(after - site.after_at) if after >= 0 else 0.0,
        "nearest": has_before and rank == 0,
        "recency_rank": min(rank, 4),
        "spoke_at_cue": has_before and before in person.subjects,
        "plain_mention": has_before and cast.obliques.plain(before),
        "possessive": has_before and cast.obliques.is_possessive(before),
        "cue_after_mention": has_before and CUES.search(text, before, min(before + 60, site.open_at))
        is not None,
        "cue_before_mention": has_before and CUES.search(text, max(0, before - 16), before)
        is not None,
        "cue_before_after_mention": after >= 0 and CUES.search(text, max(0, after - 16), after)
        is not None,
        "last_speaker": person is site.last_person and site.last_start >= site.previous_start,
        "log_mentions": math.log1p(count),
        "mention_share": share,
        "organization": person.org,
        "personal": person.personal,
        "role": person.role is not None,
        "apposition": has_before and _APPOSITION.match(text, before, before + 120) is not None,
        "gender_agrees": gender is not None and gender == lead_gender,
        "gender_clashes": gender is not None and lead_gender is not None and gender != lead_gender,
        "number_agrees": plural_pronoun == (person.org or person.plural),
        "only_candidate": how_many == 1,
        "opens_paragraph": site.open_at == site.paragraph_start,
        "partial": site.partial,
        "described_so": site.description is not None and _described_so(cast, person, site),
    }
    return [float(values[name]) for name in FEATURES]


def _described_so(cast: Cast, person: Person, site: Site) -> bool:
    """Whether the description's head noun ("ace" of "the fighter ace") is one of the person's
    roles' words, or stands in a sentence that names the person before the quote."""
    head = (site.description or "").split()[-1].lower()
    if any(head in role.lower().split() for role in person.roles):
        return True
    noun = re.compile(rf"\b{re.escape(head)}s?\b", re.IGNORECASE)
    for at in person.positions:
        if at >= site.open_at:
            break
        sentence = bisect.bisect_right(cast.sentences, at) - 1
        start = cast.sentences[sentence] if sentence >= 0 else 0
        end = cast.sentences[sentence + 1] if sentence + 1 < len(cast.sentences) else site.open_at
        if noun.search(cast.text, start, min(end, site.open_at)):
            return True
    return False


def _lead_gender(site: Site) -> str | None:
    """Return the gender of the pronoun at the cue, else of the last gendered pronoun before the quote
    in its paragraph ("She paused. “…”")."""
    if site.pronoun is not None:
        return pronoun_gender(site.pronoun)
    found = None
    for match in _PRONOUN.finditer(site.text, max(site.paragraph_start, site.open_at - 200),
                                   site.open_at):
        found = match.group(0).lower()
    if found is None:
        return None
    return "m" if found in _MALE else "f" if found in _FEMALE else None


def _sentences_between(cast: Cast, start: int, end: int) -> int:
    """How many sentences open between two places (0: the same sentence)."""
    return bisect.bisect_right(cast.sentences, end) - bisect.bisect_right(cast.sentences, start)


def _last_before(positions: list[int], at: int) -> int:
    index = bisect.bisect_left(positions, at)
    return positions[index - 1] if index else -1


def _first_after(positions: list[int], at: int, end: int) -> int:
    index = bisect.bisect_left(positions, at)
    return positions[index] if index < len(positions) and positions[index] < end else -1
