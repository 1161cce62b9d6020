"""Two of casting.py's patterns found over a whole article, searched only where a match can start.

Both are rare (about one match an article) and costly to try at every character: scanning all
the text for them was half of `build_cast`'s regex time. Each generator yields exactly the
matches the pattern's `finditer(text)` would (same spans, same groups, same order), found from a
cheaper mark every match must stand at; tests/index/quotes/test_casting_scans.py compares them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from index.quotes.cues import ORG_NOUNS
from index.quotes.people.mentions import NAME

# "the harbor master, Tom Reyes,", "Kazakhstan's foreign minister, Erlan Idrissov,"
ROLE_BEFORE_NAME = re.compile(  # (?=…): the letters it can begin with, tested first (2x faster)
    rf"(?=[A-Zat])(?:\b[Tt]he|\b[Aa]n?|[A-Z][\w\-]*['’]s)\s+(?P<role>[a-z][^,.;:\"“”()]{{2,60}}+),\s+(?P<name>{NAME}),"
)
# What follows the role in ROLE_BEFORE_NAME: its comma, the name and the comma after the name.
_COMMA_NAME = re.compile(rf",\s+(?:{NAME}),")
# Where `_COMMA_NAME` can match: a comma, white space and a capital (NAME opens with one).
_COMMA_THEN_CAPITAL = re.compile(r",\s+[A-Z]")

# "a denial from the Greek finance ministry": a body named by a description.
DESCRIBED_ORGANIZATION = re.compile(
    r"\b[Tt]he\s+(?P<org>(?:[A-Z][\w'’\-]*\s+){1,3}(?:[a-z][\w\-]*\s+){0,2}"
    rf"(?P<head>{'|'.join(sorted(ORG_NOUNS, key=len, reverse=True))}))\b"
)
# Where DESCRIBED_ORGANIZATION can start, one character before: a literal the engine finds fast.
_HE_THEN_CAPITAL = re.compile(r"he\s+[A-Z]")


def roles_before_names(text: str) -> Iterator[re.Match[str]]:
    """`ROLE_BEFORE_NAME.finditer(text)`, searched only around the commas a name follows.

    A match's role runs to the first comma after its start (nothing before that comma can hold
    one), and `_COMMA_NAME` must match there; the match then ends where that does. So the
    leftmost match at or after `position` is the first one starting between the comma before
    such a comma and it, and a search no further than the end of its `_COMMA_NAME` finds it
    (the pattern ends in literal text, so that bound changes no match).
    """
    position = 0
    for capital in _COMMA_THEN_CAPITAL.finditer(text):  # the only commas a name can follow
        comma = capital.start()
        tail = _COMMA_NAME.match(text, comma) if comma >= position else None
        if tail is not None:
            previous = text.rfind(",", 0, comma)
            match = ROLE_BEFORE_NAME.search(text, max(position, previous + 1), tail.end())
            if match is not None and match.start() < comma:
                yield match
                position = match.end()


def described_organizations(text: str) -> Iterator[re.Match[str]]:
    """`DESCRIBED_ORGANIZATION.finditer(text)`, tried only at a "The"/"the" before a capital.

    Every match starts with that; `_HE_THEN_CAPITAL` finds each such "he" (its matches cannot
    overlap the next one's "he"), and the leftmost match at or after `position` is the first
    of those starts where the pattern matches.
    """
    position = 0
    for he in _HE_THEN_CAPITAL.finditer(text):
        start = he.start() - 1
        if start < position or text[start] not in "Tt":
            continue
        match = DESCRIBED_ORGANIZATION.match(text, start)
        if match is not None:
            yield match
            position = match.end()


# "The Dutch company Trafigura", "the Israeli newspaper Maariv": the name that follows a body's
# description on the same line is the body's name; not a title's first word ("the TV game show
# Who Wants …") nor a site's next sentence ("the BBC News website Ford did not …").
_NAME_AFTER = re.compile(rf"[ \t]+(?P<name>{NAME})")
_NOT_NAMED_BY_NEXT = frozenset({"website", "show", "court", "site"})


def named_organization(text: str, match: re.Match[str]) -> tuple[int, str, str]:
    """Return where the body a DESCRIBED_ORGANIZATION match describes is named, its name (the
    name right after the description, else the description: "the Greek finance ministry"), and
    the words a later description of it may use ("the company")."""
    after = _NAME_AFTER.match(text, match.end())
    if after is not None and match.group("head").lower() not in _NOT_NAMED_BY_NEXT and (
        after.group("name").split()[0] not in ("The", "A", "An")
    ):
        return after.start("name"), after.group("name"), f"{match.group('org')} {after.group('name')}"
    return match.start("org"), match.group("org"), match.group("org")
