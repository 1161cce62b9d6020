"""A sentence whose subject is a plural common noun ("appeal court judges decided the fine was
not 'excessively high'", "Meanwhile motoring groups said …"): a quoted fragment it frames is
theirs, never the article's main person's, and no one person is named for it (issue 18)."""

from __future__ import annotations

import re

# A leading conjunction, one prepositional phrase set off by a comma, a time word.
_LEAD = (
    r"\s*(?:(?:But|And|Yet|So|Meanwhile|However|Now|Still)\s*,?\s+)?"
    r"(?:(?:[Ii]n|[Aa]t|[Oo]n|[Aa]fter|[Dd]uring|[Bb]efore|[Ee]arlier|[Ll]ast)\b[^,.;:'\"‘“]{0,60},\s+)?"
    r"(?:(?:yesterday|today|tonight|now|meanwhile|also)\s+)?"
)
_NOT_MODIFIER = r"(?!(?:said|says|told|tells|claimed|added|explained|and|or|who|that)\b)"
_NOT_HEAD = frozenset(
    "has was is this his its as always perhaps sometimes thus yes says claims insists argues "
    "warns admits adds believes thinks describes calls accuses tells".split()
)
_PLURAL = re.compile(
    _LEAD + r"(?!(?:He|She|It|They|We|I|You|This|That|There|These|Those)\b)"
    rf"(?:{_NOT_MODIFIER}[\w’'-]+\s+){{0,3}}?"
    r"(?P<head>[a-z][a-z-]*[^su\W]s|people|police|staff|children|men|women)"
    r"(?:\s+(?:have|had|were|are|also|previously|repeatedly|both|all))*"
    # a verb of speech, judgment or feeling: "cameras captured a 'disoriented' man" frames nothing
    r"\s+(?:say|said|tell|told|decide|rule|react|claim|warn|argue|insist|describe|accuse|urge|"
    r"brand|dub|believe|think|thought|fear|call|complain|criticise|criticize|condemn|slam|"
    r"welcome|praise|agree|label|wrote|write|add|state|conclude|question|dismiss|reject)"
    r"(?:s|d|ed|ing)?\b"
)


def plural_subject(text: str, start: int, end: int) -> bool:
    """Whether the sentence from `start` opens with a plural common noun as its subject and a verb
    before `end`."""
    match = _PLURAL.match(text, start, end)
    return match is not None and match.group("head") not in _NOT_HEAD
