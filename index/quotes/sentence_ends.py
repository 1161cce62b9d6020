"""A faster equivalent of the hottest pattern scan of quote extraction: the same matches.

Python's regular expressions try a pattern at every character. SENTENCE_END
(index/quotes/cue_patterns.py) is costly that way, as it opens with a long chain of look-behinds; here
it is only tried where a match can begin. tests/index/quotes/test_sentence_ends.py checks it against finditer.
(Word alternations such as REPORTS are grouped by first letter in cue_patterns.alternation.)
"""

from __future__ import annotations

import re

from index.quotes.cue_patterns import SENTENCE_END

_END_MARK = re.compile(r"[!?….]")  # the characters a SENTENCE_END match can begin with


def last_sentence_end(text: str, start: int, end: int) -> int:
    """Where the last SENTENCE_END match in text[start:end] finishes (`start` if none does).

    The same as the last of `SENTENCE_END.finditer(text, start, end)`: no ending mark occurs
    inside a match, so the matches tried from each mark do not overlap, as finditer's do not.
    """
    found = start
    for mark in _END_MARK.finditer(text, start, end):
        match = SENTENCE_END.match(text, mark.start(), end)
        if match is not None:
            found = match.end()
    return found
