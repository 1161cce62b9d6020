"""Who a document at a cue speaks for, when its own phrase says it.

A document's words are its author's, and a document is never a speaker (resolution.py). The
phrase naming it often names the author too: "her statement said" (whoever "she" is there),
"the company statement said" (the company the article named), "said a statement from Allen
Weinstein", "according to a statement from the White House", "a statement on her website
said". That author is the speaker. Nothing else is guessed: "the statement said" alone, "a
report from Baghdad" (a place), "a statement from the victim's family" (no name) stay unknown.
"""

from __future__ import annotations

import re

from index.quotes.cues import DOCUMENT_NOUNS, ORG_HEADS, ORG_NAMES
from index.quotes.people.cast import Cast, Person
from index.quotes.people.descriptions import resolve_description
from index.quotes.people.mentions import NAME, first_name_known, parse_name
from index.quotes.people.pronouns import resolve_pronoun
from index.quotes.subjects import Who

# Nouns of what an author issues (cues.DOCUMENT_NOUNS, less what has no single author).
ISSUED = (DOCUMENT_NOUNS - {"study", "poll", "survey", "paper"}) | frozenset(
    {"website", "communique", "communiqué", "announcement"}
)
_OWNER_PRONOUNS = {"his": "he", "her": "she"}
_SITE = r"(?:official\s+)?(?:[Ww]eb\s*site|website)"
# "… from the White House", "… issued by Acme Corp": the author named after the document; or
# its site's owner ("… on her website", "… on Acme's Web site").
_BY = rf"(?:from|by|(?:issued|released|posted)\s+by)\s+(?:the\s+)?(?P<name>{NAME})(?![\w'’])"
AUTHOR_BY = re.compile(rf"\s+{_BY}")
_AUTHOR_AFTER = re.compile(
    rf"\s+(?:{_BY}|on\s+(?:(?P<pronoun>his|her)|(?:the\s+)?(?P<site_owner>{NAME})['’]s?)\s+{_SITE})"
)
# What a resolution gives: the person, the name shown, the role shown.
Found = tuple[Person | None, str | None, str | None]


def document_author(
    cast: Cast, who: Who, recent: Person | None, horizon: int
) -> Found | None:
    """Return (person, name, role) of the author a document mention names, or None."""
    words = who.mention.split()
    if words and words[-1] in ("from", "by"):  # "according to a statement from": the cue's cut
        words = words[:-1]
    if len(words) < 2 or words[-1].lower() not in ISSUED:
        return None
    first = words[0].lower()
    if first in _OWNER_PRONOUNS:  # "her statement said", "his latest report said"
        if not all(word.islower() for word in words[1:]):
            return None
        return _found(resolve_pronoun(cast, _OWNER_PRONOUNS[first], who.start, recent, horizon))
    if first == "the" and len(words) == 3 and words[1].lower() in ORG_HEADS:
        # "the company statement said": the company the article named, if one
        person = resolve_description(cast, f"the {words[1].lower()}", who.start, recent)
        return _found(person) if person is not None and person.org else None
    if first not in ("a", "an", "the") or who.end < 0:
        return None
    head = cast.text.find(words[-1], who.start)
    after = _AUTHOR_AFTER.match(cast.text, head + len(words[-1])) if head >= 0 else None
    if after is None:
        return None
    if after.group("pronoun"):
        pronoun = _OWNER_PRONOUNS[after.group("pronoun")]
        return _found(resolve_pronoun(cast, pronoun, who.start, recent, horizon))
    name = (after.group("name") or after.group("site_owner") or "").strip()
    return named_author(cast, name, after.start())


def named_author(cast: Cast, name: str, position: int) -> Found | None:
    """Return the author a name gives: a person the article names in full, or a body by its name
    ("the White House", "the UN", "Acme Corp"); a lone word may be a place ("from Baghdad")."""
    person = cast.lookup(name, position)
    if person is not None and (person.org or " " in person.name):
        return _found(person)
    last = name.split()[-1]
    if last.lower() in ORG_HEADS | ORG_NAMES or (last.isupper() and len(last) > 1):
        return None, name, None
    parsed = parse_name(name, position)
    if person is None and parsed is not None and len(name.split()) >= 2 and first_name_known(name):
        return _found(cast.name_person(parsed))
    return None


def _found(person: Person | None) -> Found | None:
    return (person, person.name, person.role) if person is not None else None
