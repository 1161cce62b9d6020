"""Quoted words nobody said: titles of works, scare quotes and slogans.

A title is Title Case and owned by a name (`ABC's “Good Morning America”`) or named by the work
it is (`the TLC reality show “Cake Boss”`, `the book “Failure to Adjust: …”`, `the “Daily Show”
host`); a scare quote is a short phrase with no speaker.
"""

from __future__ import annotations

import re

from index.models import QuoteKind
from index.quotes.cue_patterns import alternation
from index.quotes.cues import CONTRACTING_WORDS, WORKS_AFTER_TITLE, WORKS_BEFORE_TITLE
from index.quotes.marks import Span

# `ABC's “` right before an opening mark: a proper name owning what is quoted.
_TITLE_OWNER = re.compile(r"\b(?P<name>[A-Z][\w.&-]*)(?:['’]s|s['’]|['’])\s*\Z")
_TITLE_SMALL_WORDS = frozenset("a an the and of with to in on for at by or".split())
# The kind of work a title names, written before it ("the show “Cake Boss”", "the book “…”",
# "her favourite book is ‘…’").
_WORK_BEFORE = re.compile(
    rf"\b(?:{alternation(WORKS_BEFORE_TITLE)})(?:\s+(?:of|titled|called|entitled|is|was))?[\s,:]*\Z",
    re.IGNORECASE,
)
# Words before "called" that make it a verb of speech or a so-called, not a naming.
_NOT_NAMING = frozenset(
    "he she they we i you it who which that so also was were is are be been has have had "
    "not then once".split()
)
# A name given right before it: a film dubbed ‘…’, a troll called ‘…’, known as ‘…’.
_NAMED_AS = re.compile(
    r"(?:\b(?:dubbed|nicknamed|known\s+as|billed\s+as)"
    # "a troll called ‘…’" names; "he called it ‘…’", "so called ‘…’" are someone's words
    rf"|(?<![\w-])(?!(?:{alternation(_NOT_NAMING)})\s)[a-z]+\s+(?:called|named)"
    r"|\b(?:user\s?name|nickname|handle|hashtag)(?:\s+(?:is|was|of|to))?)[\s,:–—-]*\Z",
    re.IGNORECASE,
)
# One of these is in every match of _NAMED_AS, in some case ("nicknamed" holds "named", "user
# name" "user"): a window holding none has no match. Tested only on an ASCII window, where
# case folding pairs no other letters (elsewhere "K", the Kelvin sign, matches a "k").
_NAMING_WORDS = ("dubbed", "named", "known", "billed", "called", "user", "nickname", "handle",
                 "hashtag")  # fmt: skip
_HANDLE = re.compile(r"[@#]\w+\Z")
# ... and joined to it by a verb: "her favourite book is", "a song called", "the film titled"
# (not "the show was ‘a total disaster’", which someone says).
_WORK_NAMED = re.compile(
    rf"\b(?:(?:favou?rite|latest|debut|new|first|next|last)\s+(?:{alternation(WORKS_BEFORE_TITLE)})"
    r"\s+(?:is|was)"
    rf"|(?:{alternation(WORKS_BEFORE_TITLE)})\s+(?:titled|called|entitled))[\s,:]*\Z",
    re.IGNORECASE,
)
# ... or after it: the “Daily Show” host, the “Remain” campaign.
_WORK_AFTER = re.compile(rf"[\s,.’'\"”]*(?:{alternation(WORKS_AFTER_TITLE)})\b")


def is_scare(text: str, span: Span, kind: QuoteKind) -> bool:
    """Short quoted phrases with no speaker: scare quotes, titles, slogans."""
    words = text[span.start : span.end].split(None, 4)  # five pieces: more than four words
    if kind is QuoteKind.PARTIAL:
        return len(words) <= 4
    return len(words) <= 1 or (len(words) <= 3 and all(word[:1].isupper() for word in words))


# A Title Case phrase of two words or more right after one of these is a work's title: a
# statement in Title Case is rare, and is not framed by a preposition. Not "on": the PolNeAR
# gold keeps a programme a speaker appeared on ("a video of Trump on “Meet the Press”") a quote.
_PLACE_OF_WORK = re.compile(r"\b(?:of|in|from|at)\s*\Z")


def is_name(text: str, span: Span) -> bool:
    """Tell a name given in quotes, not a statement: `a film dubbed ‘The Last Run’`, `a troll called
    ‘grumpyfox’`, a user name or hashtag (`‘@grumpyfox’`), even beside a cue."""
    quoted = text[span.start : span.end].strip(" ,.;:!?")
    words = quoted.split(None, 6)  # seven pieces: more than six words
    if not words or len(words) > 6 or any(word[-1:] in ".!?" for word in words[:-1]):
        return False
    if _HANDLE.match(quoted):
        return True
    before = max(0, span.open_at - 30)
    # The words first, in C: the search tries `[a-z]+` at every letter, and most windows hold
    # none of them (nine in ten).
    window = text[before : span.open_at]
    if window.isascii() and not any(map(window.lower().__contains__, _NAMING_WORDS)):
        return False
    return _NAMED_AS.search(text, before, span.open_at) is not None


def is_title(text: str, span: Span) -> bool:
    """Tell a title owned by a proper name or named by its kind of work, even beside a cue: `he
    told ABC's “Good Morning America”`, `Springsteen's “Born to Run”`, `the show “Cake Boss”`.
    Nobody says those words; an owner that is a pronoun ("it's “very sad”", "he's “too nice”")
    is a contraction, not a title's owner."""
    # Split no further than 13 pieces: no rule reads words past the 12th of a longer quote.
    words = text[span.start : span.end].strip(" ,.;:!?").split(None, 12)
    title_case = 0 < len(words) <= 12 and words[0][:1].isupper() and all(
        word[:1].isupper() or word[:1].isdigit() or word in _TITLE_SMALL_WORDS for word in words
    )
    before = max(0, span.open_at - 40)
    if not title_case:
        # Sentence case too when the sentence names the work (`her favourite film is ‘Brief
        # encounters’`): a capitalized phrase of a few words with no sentence inside.
        return (  # the words first: most fragments are lower-case, and spare the search
            0 < len(words) <= 8 and words[0][:1].isupper()
            and not any(word[-1:] in ".!?" for word in words[:-1])
            and _WORK_NAMED.search(text, before, span.open_at) is not None
        )
    if _WORK_BEFORE.search(text, before, span.open_at) or _WORK_AFTER.match(text, span.after_at):
        return True
    if len(words) >= 2 and _PLACE_OF_WORK.search(text, before, span.open_at):
        return True  # the producer of “Saturday Night Live”, a role in “Mad Men”
    owner = _TITLE_OWNER.search(text, before, span.open_at)
    return owner is not None and owner.group("name").lower() not in CONTRACTING_WORDS and len(words) <= 7
