"""Which of a family a bare surname at a speech cue means.

"Levy said" in an article about slain intern Chandra Levy that her mother Susan Levy told CNN
about: the surname alone is the Levy the narrative has had speak in full ("Susan Levy told
CNN"), not the first one named, who never spoke. When the first named has spoken in full
("Mehdi Karrubi says …", then "Hossein Karrubi said …"), the bare surname stays theirs: the
famous one keeps the surname, the relative is the aside (cast.py decides; this finds speech).
"""

from __future__ import annotations

import re

# A verb of speech right after the full name ("Susan Levy told", "Ann Lee, said", "Ed Orr is
# telling"), or right before it after a quote (‘…," said Susan Levy’; a bare "said Michael
# Fritzl died" is reported speech about him).
_SPEECH_AFTER = re.compile(
    r"(?:,|\s+(?:also|later|then|too|is|was))?\s+(?:said|says|saying|told|tells|telling|added|"
    r"adds|explained|explains|commented|comments|recalled|recalls|asked|asks|wrote|writes)\b"
)
_SPEECH_BEFORE = re.compile(r"[,?!]\s?[\"”’]\s+(?:said|says|added|explained|wrote)\s+\Z")


def last_speech(text: str, name: str, named_at: list[int], before: int) -> int:
    """Return where the full name was last written at a verb of speech before `before` ("Susan
    Levy told"), or -1: a surname refers back, never to someone yet to be introduced."""
    last = -1
    for at in named_at:
        if at >= before:
            break
        if not text.startswith(name, at):
            continue  # named there by another full form ("Mrs Susan Levy"): not read
        if _SPEECH_AFTER.match(text, at + len(name)) or _SPEECH_BEFORE.search(
            text, max(0, at - 16), at
        ):
            last = at
    return last
