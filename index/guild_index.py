"""One guild's library held in memory for answering: its articles, passages and speakers.

Built from the store when the guild's library version changes, off the event loop.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from index.intake import headline
from index.models import Article, Passage, Quote
from index.names import SpeakerDirectory
from index.retrieve import PassageIndex


@dataclass(frozen=True, slots=True)
class QuoteRef:
    """A quote with the article it belongs to."""

    article: Article
    quote: Quote


class GuildIndex:
    """Everything /ask needs about one guild's library at one version."""

    def __init__(self, guild_id: int, version: int, articles: Sequence[Article]) -> None:
        self.guild_id = guild_id
        self.version = version
        self.articles = {article.id: article for article in articles}
        passages: list[Passage] = []
        texts: list[str] = []
        for article in articles:
            top = headline(article.analysis.document)
            for paragraph in article.analysis.document.paragraphs:
                # The headline is shown as the title; as a passage it would outrank the story.
                if paragraph.furniture or paragraph is top:
                    continue
                passages.append(
                    Passage(article.id, paragraph.index, paragraph.start, paragraph.end)
                )
                texts.append(article.text[paragraph.start : paragraph.end])
        self.passages = PassageIndex(passages, texts)
        self.speakers = SpeakerDirectory()
        self._quotes_by_name: dict[str, list[QuoteRef]] = {}
        for article in articles:
            for speaker in article.analysis.speakers:
                self.speakers.add(speaker.name, role=speaker.role, aliases=speaker.aliases)
            for quote in article.analysis.quotes:
                if quote.speaker:
                    self._quotes_by_name.setdefault(quote.speaker, []).append(
                        QuoteRef(article, quote)
                    )
                    self.speakers.add(quote.speaker, role=quote.role)

    def quotes_of(self, canonical: str, article_ids: set[int] | None = None) -> list[QuoteRef]:
        """Every quote and reported statement by one person, in article order."""
        refs = [
            ref
            for name in self.speakers.members(canonical)
            for ref in self._quotes_by_name.get(name, [])
            if article_ids is None or ref.article.id in article_ids
        ]
        return sorted(refs, key=lambda ref: (ref.article.id, ref.quote.start))

    def all_quotes(self, article_ids: set[int] | None = None) -> list[QuoteRef]:
        return [
            QuoteRef(article, quote)
            for article in self.articles.values()
            if article_ids is None or article.id in article_ids
            for quote in article.analysis.quotes
        ]
