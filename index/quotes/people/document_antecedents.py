"""Whose words "the statement said" gives: the author of the statement the article named before.

A bare definite document ("the statement said", "according to the statement", "the release
added") points back to the document of that kind the article mentioned last, and that mention
often names who issued it: "Acme said in a statement Wednesday …", "X issued a short
statement", "according to a White House statement", "a statement from the ministry". The
speaker is that author. Only the last earlier mention of the same noun is read: when it names
no author, or lies far back, the quote stays unknown rather than borrowing an older one.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from index.quotes.people.cast import Cast
from index.quotes.people.document_authors import AUTHOR_BY, ISSUED, Found, named_author
from index.quotes.people.mentions import NAME
from index.quotes.subjects import Who, subject_before

# How far back the earlier mention may lie: about three short paragraphs of news copy.
_REACH = 1500
_SAYS = r"(?:said|says|announced|stated|added|confirmed|wrote)"
_A = r"(?:an?|its|their|his|her)\s+(?:[\w-]+\s+){0,2}"
# A verb whose subject issued the earlier mention's document, ending at its noun ({noun}).
_ISSUER_VERB = (
    # "Acme Foods said in a statement", "the White House said Wednesday in a news statement"
    rf"\s+(?P<verb>{_SAYS})(?:\s+[\w-]+){{0,3}}?\s+in\s+{_A}{{noun}}",
    # "Acme issued a short statement", "the firm hired by the family released a statement"
    rf"\s+(?P<verb>issued|released|put\s+out|posted|sent)(?:\s+[\w-]+){{0,2}}?\s+{_A}{{noun}}",
)
# "a White House statement", "the Justice Department's statement": its owner before the noun.
_OWNER_BEFORE = rf"\b(?:[Aa]n?|[Tt]he)\s+(?P<name>{NAME})(?:['’]s)?\s+(?:[a-z-]+\s+)?{{noun}}"
_BARE = re.compile(r"\b[Tt]he\s+\Z")
_SENTENCE_START = re.compile(r"[.!?][\"”’']?\s+(?=[\"“A-Z])|\n")



def earlier_document_author(
    cast: Cast, who: Who, resolve: Callable[[Who], Found]
) -> Found | None:
    """Return (person, name, role) of the author of the document "the <noun>" at a cue points
    back to, or None; `resolve` names the subject of a verb that issued it, as at a cue."""
    words = who.mention.split()
    if len(words) < 2 or words[0].lower() != "the" or who.start < 0:
        return None
    noun = words[-1].lower()
    if noun not in ISSUED or not all(word.islower() for word in words[1:]):
        return None
    text = cast.text
    earlier = [m for m in re.finditer(rf"\b{re.escape(noun)}\b", text[: who.start], re.IGNORECASE)]
    position = who.start
    for mention in reversed(earlier):
        if position - mention.start() > _REACH:
            return None
        if _BARE.search(text, max(0, mention.start() - 5), mention.start()) is None:
            return _author_at(cast, mention, resolve)
        position = mention.start()  # "the statement added" after "the statement said": go on back
    return None


def _author_at(cast: Cast, earlier: re.Match[str], resolve: Callable[[Who], Found]) -> Found | None:
    """Return the author the mention of a document names, or None."""
    text = cast.text
    sentence = max((m.end() for m in _SENTENCE_START.finditer(text, 0, earlier.start())), default=0)
    before = text[sentence : earlier.end()]
    head = re.escape(earlier.group())
    for pattern in _ISSUER_VERB:
        verb = re.search(pattern.replace("{noun}", head) + r"\Z", before)
        if verb is not None:  # the verb's subject: "Acme Foods", "the White House", "Ms Lee"
            who = subject_before(text, sentence + verb.start("verb"), 0)
            return _issuer(who, resolve) if who is not None else None
    owner = re.search(_OWNER_BEFORE.replace("{noun}", head) + r"\Z", before)
    if owner is not None:
        return named_author(cast, owner.group("name"), sentence + owner.start("name"))
    after = AUTHOR_BY.match(text, earlier.end())  # "a statement from the ministry"
    if after is not None:
        return named_author(cast, after.group("name").strip(), after.start("name"))
    return None


def _issuer(who: Who, resolve: Callable[[Who], Found]) -> Found | None:
    """Return the author a subject names: its person, or a name ("Acme Foods", "the White
    House"); a description ("the firm hired by the family") names none."""
    if who.person is None and not who.mention.removeprefix("the ")[:1].isupper():
        return None
    found = resolve(who)
    return found if found[1] else None
