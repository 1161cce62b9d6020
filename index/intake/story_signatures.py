"""Near-duplicates checked against a guild's stored articles, through the store's band index.

Articles stored before signatures existed (schema 0004) get theirs the first time their guild is
added to, once per process: an upgrade costs nothing until then.
"""

from __future__ import annotations

from itertools import chain
from typing import TYPE_CHECKING

from index import cpu
from index.models import Document

if TYPE_CHECKING:
    from index.intake.near_duplicates import Signature
    from index.store.base import Store


StoryWords = dict[tuple[int, int], list[str]]  # a story paragraph's (start, end) -> its words


def story_words(document: Document) -> StoryWords:
    """Split the story paragraphs into lower-cased words once, for both an import's story
    signature and its passages' terms (`count_passages`): a long paragraph, whose passages are
    windows of its sentences, by its windows, its own words theirs one after another."""
    from index.answer.passages import windows
    from index.text.words import split_words

    text = document.text
    found: StoryWords = {}
    for paragraph in document.story_paragraphs():
        start, end = paragraph.start, paragraph.end
        parts = list(windows(paragraph))
        # Only space lies between the sentences (or a sentence's closing mark, where they run
        # together), so no word spans two windows; and a window lower-cased alone is lower-cased
        # as within its paragraph, but for a final sigma ("Σ" by a window's end: the one
        # character whose lower case looks past the space or mark that bounds it).
        if len(parts) == 1 or "Σ" in text[start:end]:
            found[start, end] = split_words(text[start:end].lower())
            continue
        words: list[str] = []
        for part in parts:
            found[part] = split_words(text[part[0] : part[1]].lower())
            words += found[part]
        found[start, end] = words
    return found


def story_signature(document: Document, words: StoryWords | None = None) -> Signature:
    """Compute the MinHash signature of an article's story text (its furniture left out).
    `words`: its `story_words`, if they were split already."""
    from index.intake.near_duplicates import signature, story_text, words_signature  # numpy

    if words is None:
        return signature(story_text(document))
    # The story is its paragraphs joined by line breaks, which split no word: its words are
    # theirs one after another.
    story = (words[p.start, p.end] for p in document.story_paragraphs())
    return words_signature(list(chain.from_iterable(story)))


class StorySignatures:
    """Finds a guild's stored article telling the same story, and records new signatures."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._complete: set[int] = set()  # guilds whose every article has a signature

    async def find(self, guild_id: int, new: Signature) -> int | None:
        """Return the id of the oldest stored article that is a near-duplicate of `new`, or None."""
        from index.intake.near_duplicates import first_near_duplicate

        await self.backfill(guild_id)
        candidates = await self.store.similar_stories(guild_id, new.bands())
        found = first_near_duplicate(new, [(shingles, data) for _, shingles, data in candidates])
        return None if found is None else candidates[found][0]

    async def record(self, guild_id: int, article_id: int, sig: Signature) -> None:
        """Store an article's signature with its band keys, so later imports can find it."""
        await self.store.save_signature(
            guild_id, article_id, sig.shingles, sig.to_bytes(), sig.bands()
        )

    async def backfill(self, guild_id: int) -> None:
        """Sign the guild's articles stored before signatures existed (once per process)."""
        if guild_id in self._complete:
            return
        for article_id in await self.store.unsigned_articles(guild_id):
            article = await self.store.load_article(guild_id, article_id)
            sig = await cpu.run(story_signature, article.analysis.document)
            await self.record(guild_id, article_id, sig)
        self._complete.add(guild_id)
