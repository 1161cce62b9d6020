"""The speakers of an article: each named speaker's statements counted, with roles and aliases.

A speaker the article only describes ("a Nevada Democrat") is no one to count: it is left out
here, and so from every list, page and name lookup built on an article's speakers."""

from __future__ import annotations

from index.models import Quote, Speaker
from index.quotes.cue_patterns import PRONOUNS
from index.quotes.people.mentions import parse_name


def speaker_table(quotes: tuple[Quote, ...]) -> tuple[Speaker, ...]:
    """Count statements per named speaker, most quoted first, with roles and aliases."""
    statements: dict[str, set[tuple[bool, int]]] = {}
    roles: dict[str, str] = {}
    aliases: dict[str, set[str]] = {}
    for quote in quotes:
        if quote.speaker is None or not quote.speaker_named:
            continue
        statements.setdefault(quote.speaker, set()).add((quote.is_direct, quote.statement))
        if quote.role and quote.speaker not in roles:
            roles[quote.speaker] = quote.role
        names = aliases.setdefault(quote.speaker, set())
        if quote.mention and quote.mention[:1].isupper():
            parsed = parse_name(quote.mention)
            if parsed and parsed.name != quote.speaker and parsed.name.lower() not in PRONOUNS:
                names.add(parsed.name)
    ranked = sorted(statements.items(), key=lambda item: (-len(item[1]), item[0]))
    return tuple(
        Speaker(
            name=name,
            role=roles.get(name),
            aliases=tuple(sorted(aliases[name])),
            statements=len(counted),
        )
        for name, counted in ranked
    )
