"""How surely a quote is its speaker's, judged by the words that named the speaker.

A name at the quote's own speech verb is surest; then a quote carried on from the previous one
(or framed by a name without a speech verb); then a pronoun; then a description ("the official
said"), which is resolved least reliably (eval_ask.py's precision by mention). Answers list the
surest attributions first.
"""

from __future__ import annotations

from index.models import Quote
from index.quotes.cue_patterns import DETERMINERS, INDEFINITE, PRONOUNS

BY_NAME, CARRIED, BY_PRONOUN, BY_DESCRIPTION = range(4)

# Words that open a description rather than a name ("the former pollster", "this official").
_DESCRIBING = DETERMINERS | INDEFINITE | {"this", "that"}


def attribution_strength(quote: Quote) -> int:
    """Rank the evidence that names a quote's speaker: 0 (a name at its cue) to 3."""
    mention = (quote.mention or "").strip()
    if quote.mention_start is None or not mention:
        return CARRIED
    first = mention.split()[0].lower()
    if mention.lower() in PRONOUNS:
        return BY_PRONOUN
    if first in _DESCRIBING or not mention[:1].isupper():
        return BY_DESCRIPTION  # "the former pollster", "The New York businessman"
    # A name with no speech verb frames a fragment ("Trump's 'rigged system'"): less sure.
    return BY_NAME if quote.cue else CARRIED
