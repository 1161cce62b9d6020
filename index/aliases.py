"""A speaker's aliases as the JSON list the store and the index keep them as.

`json.dumps` makes a new encoder each call (storing 1,000 imported articles' rows: 59M of their
2,280M instructions); a list of strings is its items, each quoted as `json.dumps` quotes a
string, one ", " apart, in brackets: the same text.
"""

from __future__ import annotations

from collections.abc import Sequence
from json.encoder import encode_basestring_ascii  # what json.dumps quotes a str with


def aliases_json(aliases: Sequence[str]) -> str:
    """Return `json.dumps(list(aliases))`."""
    if not aliases:
        return "[]"
    return "[" + ", ".join(map(encode_basestring_ascii, aliases)) + "]"
