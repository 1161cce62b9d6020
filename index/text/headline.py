"""The headline rule: a short first line standing above the story, with no closing punctuation.

Pasted and extracted articles often keep their headline as the first line. Titles are derived
from it, retrieval leaves it out (it would outrank the story) and summaries score against it.
"""

from __future__ import annotations

import re

from index.models import Document, Paragraph

MAX_WORDS = 25
# A sentence's end (possibly inside closing quotes or brackets), a clause mark, or a closing
# quote: a line ending so is prose, not a headline.
_CLOSED = re.compile(r"""[.!?…:;,]["'”’)\]]*$|["'”’]$""")


def headline(document: Document) -> Paragraph | None:
    """Return the headline standing as the story's first line, if there is one.

    A headline is a single short line with no closing punctuation, with more story after it.
    """
    story = document.story_paragraphs()
    if len(story) < 2 or len(story[0].sentences) != 1:
        return None
    line = document.text[story[0].start : story[0].end].strip()
    if not line or len(line.split()) > MAX_WORDS or _CLOSED.search(line):
        return None
    return story[0]
