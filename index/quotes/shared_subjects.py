"""A subject a cue verb shares with the verb before it ("Fowler came to her defence and responded
that …"): read by `shared_subject` when no subject stands right before the cue."""

from __future__ import annotations

import re

from index.quotes.cue_patterns import ADV, ADV_TAIL
from index.quotes.cues import ORG_NOUNS, PERSON_NOUNS
from index.quotes.people.mentions import NAME, parse_name
from index.quotes.subjects import Who, who_from


def shared_subject(text: str, end: int, offset: int, cue: str) -> Who | None:
    """Return the subject a cue verb shares with the verb before it, when none stands right
    before it: "Fowler came to her defence and responded that he …", "which Julia discussed with
    Page Six, explaining that …". The nearest name that opens a clause of the sentence and is
    followed by a verb speaks (not an object: "told Jones", "with Page Six"); not a pronoun,
    whose person is a guess more ("she … and charged": a wrong name is worse than none)."""
    lo = max(0, end - 160)
    tail = ADV_TAIL.search(text, lo, end)
    gap = text[lo : tail.start() if tail else end].rstrip()
    if text[max(0, end - 8) : end].rstrip().endswith(_PASSIVE_AUXILIARIES):
        return None  # "Nowak was given … and was asked": no one speaks in a passive
    participle = _PARTICIPLE.match(text, end) is not None
    # a comma before a finite verb closes an apposition ("a woman in Worcester, Mass., told")
    if not gap.endswith((" and", " but", " then") + ((",",) if participle else ())):
        return None
    for match in reversed(list(_CLAUSE_SUBJECT.finditer(text, lo, end))):
        opener = text[max(0, match.start() - 12) : match.start()].split() or [","]
        verb = match.group("v")
        if not (opener[-1].endswith((",", ";"))
                or opener[-1].lower() in _OPENERS) or not (
            verb in _IRREGULAR_PAST or verb.endswith("ed") or (
                verb.endswith("s") and not verb.endswith("ss") and verb[:-1] not in _NOUNS)
        ):  # "New York officials": a noun after it, not a verb
            continue
        mention = match.group("m")
        if parse_name(mention) is not None:
            who = who_from(match, offset)
            who.shared, who.cue = True, cue
            return who
    return None


# A word after which a clause opens with its subject: "before Fowler came", "which Julia …".
_OPENERS = frozenset(
    "before after when while as since because though although which that and but so then once if"
    " until".split()
)
_CLAUSE_SUBJECT = re.compile(
    rf"(?<![\w'’.\-])(?P<m>{NAME})(?<!['’]s)\s+{ADV}"
    r"(?P<v>[a-z]{2,})\b"
)
_PARTICIPLE = re.compile(r"[a-z]+ing\b")
_PASSIVE_AUXILIARIES = (" was", " were", " been", " being", " is", " are")
_IRREGULAR_PAST = frozenset(
    "came went took made gave got sat stood ran left met saw found kept held brought thought felt"
    " began spoke wrote told said put set let read heard".split()
)
_NOUNS = PERSON_NOUNS | ORG_NOUNS
