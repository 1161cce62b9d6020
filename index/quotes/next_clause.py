"""Words after a closing mark that open the next clause, so that a speech verb there is not the
quote's own cue: a contrast ("… “indefensible” but the ministry said …"), or, after a quote that
ended its sentence, words that are no role before the subject ("….” Economists point out that
whatever Europe says"), unlike "….” Republican pollster Bill McInturff said."""

from __future__ import annotations

import re

from index.quotes.cues import PERSON_NOUNS

CONTRAST = re.compile(r"[\s,]*(?:but|while|whereas|although|though)\s")


def clause_words(prefix: str) -> bool:
    """Tell words before a cue's subject that make a clause of their own: a lower-case word that
    is no person noun ("Economists point out that whatever"), where a role has only those."""
    return not PERSON_NOUNS.issuperset(word for word in prefix.split() if word.islower())
