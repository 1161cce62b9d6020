"""Names as an article writes them: a capitalized run split into a name and its title.

"Los Angeles Police Chief Charlie Beck" gives the name "Charlie Beck" and the role "Los Angeles
Police Chief"; sentence-opening words, possessives and lone initials are no names. The `NAME`
pattern is shared by the cue patterns (index/quotes/attribution.py) and the `Cast` (index/quotes/people/cast.py).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from index.quotes.cues import (
    AFFILIATIONS,
    FEMALE_NAMES,
    FIRST_NAMES,
    HONORIFICS,
    MALE_NAMES,
    NAME_JOINERS,
    NICKNAMES,
    NOT_NAMES,
    ORG_HEADS,
    ORG_NAMES,
    ORG_NOUNS,
    PERSON_NOUNS,
    PLACES,
    POSSESSIVE_ENDINGS,
    TITLES,
)
from index.text.lexicon import ABBREVIATIONS
from index.text.lexicon import TITLES as ABBREVIATED_TITLES


def _abbreviations_after_capital() -> str:
    """Return the abbreviations NAME allows ("Sen.", "Gov."), less their capital, which NAME
    has just read: a look-behind checks it; the rest grouped by it, longest first. Only the group
    of the capital read can match, in the order the plain alternation tries its words.

    The groups sit behind a look-ahead for lower-case letters and a period, which every one of
    them needs: most capitalized words ("Smith", "The") fail it at once, where trying each
    group's look-behind in turn was half the cost of finding names.
    """
    groups: dict[str, list[str]] = {}
    for word in sorted(
        (w.capitalize() for w in ABBREVIATIONS | ABBREVIATED_TITLES if w.isalpha()),
        key=len,
        reverse=True,
    ):
        assert "A" <= word[0] <= "Z", word
        assert re.fullmatch("[a-z]*", word[1:]), word  # what the look-ahead below allows
        groups.setdefault(word[0], []).append(word[1:])
    alternatives = "|".join(f"(?<={first})(?:{'|'.join(rest)})" for first, rest in groups.items())
    return rf"(?=[a-z]*\.)(?:{alternatives})"


# A capitalized word ("S&P", "AT&T" one word); a trailing period only on initials ("H.W.") and abbreviations ("Sen.",
# "Mr.", "Jr."), so that a name never runs over a sentence end ("… Tom Reyes. Kovac said").
# Its one capital is read in front of all three forms, so that a pattern opening with NAME opens
# with a character class: the regex engine skips to the capitals in C instead of trying the
# pattern at every character (and ends searched backwards from a cue, 2x faster).
_CAP = rf"[A-Z](?:(?:\.[A-Z])*\.|(?:{_abbreviations_after_capital()})\.|[\w'’\-]*(?:&[A-Z][\w'’\-]*)?(?:\.[A-Z][\w'’\-]*)*)"
_JOIN = "|".join(sorted((re.escape(word) for word in NAME_JOINERS), key=len, reverse=True))
# A run of capitalized words, allowing "of"/"de" between them; bounded so it cannot backtrack far.
NAME = rf"{_CAP}(?:[ \t\u00a0]+(?:(?:{_JOIN})[ \t\u00a0]+)?{_CAP}){{0,6}}"
_NAME_RUN = re.compile(NAME)
_POSSESSIVE = re.compile(r"['’]s?$")

GENERIC_ROLE = frozenset({"former", "senior", "deputy", "assistant", "acting", "vice"})
# Title-list words that modify a title but are none by themselves ("Former Arizona governor").
_MODIFIERS = GENERIC_ROLE | {"democratic", "republican", "presidential"}


class Mention(NamedTuple):
    """A name as written at one place: the name without its title, and the title as role.

    A named tuple, immutable like the frozen dataclass it was, but made in a third of the time:
    an article makes one for each of its hundred-odd name runs."""

    name: str
    role: str | None
    start: int
    end: int


# `new_mention(Mention, (name, role, start, end))`, where Mentions are made often: tuple.__new__
# in C, as the named tuple's own __new__ is a Python function, dear to call from the type.
new_mention = tuple.__new__


def split_title(words: list[str]) -> tuple[list[str], list[str]]:
    """Split 'Los Angeles Police Chief Charlie Beck' into role words and name words."""
    cut = 0
    for index, word in enumerate(words[:-1]):
        lower = word.lower()  # lowered once: every word of every new run is read here
        if lower in TITLES or lower.rstrip(".") in TITLES or ("-" in lower and _title_compound(lower)) or (
            index and _role_noun(word) and words[index + 1].lower() in FIRST_NAMES
        ):
            # "Director-General Margaret Chan"; "Police Department Commander Mark Stehlik"
            cut = index + 1
    if not cut and len(words) >= 2 and (
        _role_noun(words[0]) or (len(words) >= 3 and _agent_before_first_name(words[0], words[1]))
    ):
        # a role noun capitalized at a sentence's start: "Trainer Wyn Pellow said", "Singer
        # Adele", "Mother-of-three Ann Lee", "Golfer Tom Hale"
        cut = 1
    # "Secretary of State John Kerry": the "of" phrase belongs to the title.
    while cut and cut + 2 < len(words) and words[cut].lower() in ("of", "for"):
        cut += 2
    return words[:cut], words[cut:]


_IN_TITLES = frozenset({"in", "of", "elect", "under", "designate", "at", "large"})


def _title_compound(lower: str) -> bool:
    """Tell a hyphenated title ("vice-president", "president-elect", "editor-in-chief"): every
    part a title, a role noun or a word titles join with, one of them a title."""
    parts = lower.split("-")
    return any(part in TITLES for part in parts) and all(
        part in TITLES or part in PERSON_NOUNS or part in _IN_TITLES for part in parts
    )


def _agent_before_first_name(word: str, following: str) -> bool:
    """Tell an agent noun we do not list ("Golfer", "Footballer") opening a run before a known
    first name ("Golfer Tom Hale"): a role, where "Tucker Carlson" keeps a first name."""
    lower, first = word.lower(), following.lower()
    return (
        lower.endswith(("er", "or", "ist"))
        and lower not in FIRST_NAMES
        and (first in MALE_NAMES or first in FEMALE_NAMES)
    )


def _role_noun(word: str) -> bool:
    """Tell a role noun ("Trainer") or a family compound ("Mother-of-three")."""
    lower = word.lower()
    return lower in PERSON_NOUNS or (lower.split("-of-")[0] in PERSON_NOUNS and "-of-" in lower)


def parse_name(text: str, start: int = 0) -> Mention | None:
    """Turn a capitalized run into a Mention, dropping sentence-initial words and possessives."""
    parsed = _parse_run(text)
    if parsed is None or not start:
        return parsed
    return new_mention(Mention, (parsed.name, parsed.role, start + parsed.start, start + parsed.end))


@lru_cache(maxsize=32_768)
def read_run(run: str) -> tuple[Mention | None, str]:
    """Read a capitalized run as the cast does: its name (`parse_name` at offset 0) and the
    organization it names (`organization_name`, or ""): one cache look-up for the two."""
    return _parse_run(run), organization_name(run) if " " in run else ""


# The same runs recur within an article and across articles ("The", "But", "Mr. Obama"): parsed
# once each (Mention is frozen, so a cached one is shared safely); parse_name adds the offset.
# 32,768 (a few megabytes): an import's names recur across thousands of articles, and 8,192
# kept half as many of them (over 2,000 articles, 27,400 runs parsed again, against 14,100).
def _acronym(word: str) -> bool:
    """Tell an acronym spelled like a word the rules skip ("WHO", the World Health Organization)."""
    return len(word) > 2 and word.isalpha() and word.isupper()


@lru_cache(maxsize=32_768)
def _parse_run(text: str) -> Mention | None:
    words = text.split()
    offset = 0

    def drop_through(index: int) -> None:
        nonlocal words, offset
        for word in words[: index + 1]:
            offset = text.index(word, offset) + len(word)
        words = words[index + 1 :]

    while words and (
        (words[0].lower() in NOT_NAMES and words[0].lower() not in TITLES and not _acronym(words[0]))
        or (len(words) > 1 and _opens_clause(words[0]) and words[1].lower() not in _PLACE_HEADS)
    ):
        drop_through(0)
    # "… Stats via ESPNcricinfo But Stewart", "… in Colorado When John told": a caption run into
    # the text without its full stop; the name starts after the word that opens the sentence.
    for index in range(len(words) - 2, 0, -1):
        if words[index] in _SENTENCE_OPENERS:
            drop_through(index)
            break
    # "Florida’s Republican attorney general", "FOX13’s Craig Patrick": the owner is not the name.
    # Every possessive ending holds an apostrophe: a run with none (most) has no owner.
    for index in range(len(words) - 2, -1, -1) if "'" in text or "’" in text else ():
        if words[index].endswith(POSSESSIVE_ENDINGS):
            if "of" in words[2:index] and not is_org(" ".join(words[: words.index("of", 2)])):
                # "Kelvin Meadows of Arsenal's Black Scarf Movement": the person before "of"
                words = words[: words.index("of", 2)]
            else:
                drop_through(index)
            break
    if not words:
        return None
    words[-1] = _POSSESSIVE.sub("", words[-1]) if words[-1].endswith(POSSESSIVE_ENDINGS) else words[-1]
    if words[-1].endswith(".") and len(words[-1]) > 3 and words[-1].lower() not in ("jr.", "sr."):
        words[-1] = words[-1].rstrip(".")
    if len(words) == 1 and words[0].endswith("ing"):
        return None  # "Holding signs, …": a participle opening the sentence
    while words and words[-1].lower() in NAME_JOINERS:
        words.pop()
    role, name = split_title(words)
    if not name or not name[-1][:1].isupper() or (
        name[-1].lower().strip(".") in NOT_NAMES
        and not _calendar_surname(role, name)
        and not _acronym(name[-1])
    ):
        return None
    # Every word's parts between periods, split at once: "H.W." and "J." are initials.
    if max(map(len, ".".join(name).split("."))) <= 1:
        return None  # "M" (from `said M"ara Lind`), "J.": initials alone name no one
    if len(name) == 1 and name[0].lower() in PLACES:
        return None  # "Colorado", "Washington" alone: a place
    if len(name) == 1 and name[0].lower() in AFFILIATIONS:
        return None  # "Republican", "German": an adjective, never a speaker by itself
    if _is_title(name[-1]):
        return None  # "former Pennsylvania Gov.": a role whose name did not follow
    # "Adam B. Schiff of California": a person's name ends before "of"; "Bank of America" does not.
    if "of" in name[2:] and not is_org(" ".join(name[: name.index("of", 2)])):
        name = name[: name.index("of", 2)]
    first = text.index(words[0], offset)
    return new_mention(Mention, (" ".join(name), " ".join(role) or None, first, len(text.rstrip())))


_SENTENCE_OPENERS = frozenset(
    "But And So Yet When While After Before Since Because Although Though However Meanwhile "
    "Then".split()
)


# Words after which a word in "-ing" names a place, not a participle: "Downing Street".
_PLACE_HEADS = frozenset("street road square lane avenue park hall".split())


def _calendar_surname(role: list[str], name: list[str]) -> bool:
    """Tell a surname that is also a month or a day ("Theresa May", "Mrs May", "Chris Friday"),
    after a known first name or an honorific: no date."""
    if name[-1].lower() not in _CALENDAR_WORDS:
        return False
    if len(name) == 2:
        return name[0].lower() in FIRST_NAMES
    return len(name) == 1 and bool(role) and role[-1].lower() in HONORIFICS


_CALENDAR_WORDS = frozenset(
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday".split()
)


def _opens_clause(word: str) -> bool:
    """Tell a participle or "Given" opening a sentence before a name ("Hammering Hillary …")."""
    lower = word.lower()
    return lower.endswith("ing") and len(lower) > 5 and lower not in FIRST_NAMES


def _is_title(word: str) -> bool:
    lower = word.lower()
    return lower in TITLES or f"{lower}." in TITLES or lower.rstrip(".") in TITLES


# is_org and first_name_known are asked of every mention, whose names recur within an article
# and across articles: each answered once per name (organization_name, once per run, by read_run).
@lru_cache(maxsize=16_384)
def is_org(name: str) -> bool:
    """Tell an organization's name by its last word or an "X of Y" head ("University of …")."""
    words = name.lower().replace("the ", "").split()
    if len(words) > 2 and words[1] == "of" and words[0] in ORG_HEADS:
        return True  # "University of California", "Department of Justice"
    return bool(words) and (words[-1] in ORG_NAMES or words[-1] in ORG_NOUNS)


def organization_name(run: str) -> str:
    """Find an organization's name in a capitalized run ("Illinois Board of Elections"), or ""."""
    words = run.split()
    while words and words[0].lower() in NOT_NAMES:
        words = words[1:]
    while words and words[-1].lower() in NAME_JOINERS:
        words = words[:-1]
    heads = [word for word in words[1:] if word.lower().strip(".,") in ORG_HEADS]
    return " ".join(words) if len(words) >= 2 and heads and not words[-1].endswith(("'s", "’s")) else ""


# titled, without_honorific and personal_role are asked of every mention's role and every
# appositive, which recur: each answered once per role.
@lru_cache(maxsize=16_384)
def titled(role: str | None) -> bool:
    """Tell a role that makes a person: "Chief", "Sen.", "professor"; not "Former", "Republican"."""
    if not role:
        return False
    last = role.split()[-1].lower()
    return (last in TITLES or last in PERSON_NOUNS) and last not in _MODIFIERS


@lru_cache(maxsize=16_384)
def first_name_known(name: str) -> bool:
    """Tell whether the name's first word is a known first name (of a man or a woman)."""
    first = name.split()[0].lower()
    return first in MALE_NAMES or first in FEMALE_NAMES


def _same_first_name(one: str, other: str) -> bool:
    """"Sandy" and "Sandra", "Bill" and "William": one first name in two forms."""
    one, other = one.lower().rstrip("."), other.lower().rstrip(".")
    if one == other or NICKNAMES.get(one) == other or NICKNAMES.get(other) == one:
        return True
    return min(len(one), len(other)) >= 3 and one[:4] == other[:4] and len(one[:4]) == 4

def compatible(words: list[str], other: list[str]) -> bool:
    """Whether two names with first names can be one person: same surname, same first name."""
    if words[-1].lower() != other[-1].lower():
        return False
    if len(words) < 2 or len(other) < 2:
        return True
    return _same_first_name(words[0], other[0]) or (
        len(words[0].rstrip(".")) == 1 and other[0][:1] == words[0][:1]
    )


# Short forms of titles, so "the senator" finds "Sen. Ted Cruz".
TITLE_WORDS = {
    "sen.": "senator",
    "sen": "senator",
    "gov.": "governor",
    "gov": "governor",
    "rep.": "representative congressman congresswoman",
    "pres.": "president",
    "gen.": "general",
    "sec.": "secretary",
    "dr.": "doctor",
    "lt.": "lieutenant",
    "capt.": "captain",
    "col.": "colonel",
    "sgt.": "sergeant",
    "atty.": "attorney",
    # British ranks, written without a period: "DCI Ann Lee" is "the officer"
    "capt": "captain",
    "sgt": "sergeant",
    "det": "detective",
    "insp": "inspector",
    "supt": "superintendent",
    "dci": "inspector officer",
    "dcs": "superintendent officer",
}

_AGENT_ENDINGS = ("er", "or", "ist", "ian", "ant", "ent", "man", "woman", "person", "ee")


@lru_cache(maxsize=16_384)
def without_honorific(role: str | None) -> str | None:
    """Drop the form of address a title ends in ("Chairman Lord" -> "Chairman"; "Mr",
    "Under Mrs." -> None): an honorific says how to name someone, not what they do."""
    words = (role or "").split()
    if not words or words[-1].lower() not in HONORIFICS:
        return role
    while words and words[-1].lower() in HONORIFICS:
        words.pop()
    return " ".join(words) if words and words[-1].lower() in TITLES else None


# What follows a role's head noun: "negotiator for the union", "mother who lost …" (compiled
# once: personal_role runs for every appositive).
_ROLE_TAIL = re.compile(r"\s+(?:of|for|on|at|in|with|from|to|who|which|that)\s+")


@lru_cache(maxsize=16_384)
def personal_role(role: str) -> bool:
    """Whether an appositive describes a person ("a former negotiator", "58"), not a place or
    a thing ("the most delegate-rich state on the primary calendar"): its head noun decides."""
    if role.isdigit():
        return True
    words = _ROLE_TAIL.split(role.lower(), maxsplit=1)[0].split()
    head = words[-1] if words else ""
    return head in PERSON_NOUNS or head in TITLES or head.endswith(_AGENT_ENDINGS)
