"""A bulk import's batch on PostgreSQL: a few round trips a batch, not a few an article.

The batch is one transaction on one connection. Its look-ups are made once for all of its
articles, against what is stored: the duplicates by content hash, URL key or external id, and
the story bands with the signatures behind them. Each article is then decided in order, in
Python, against those and against the batch's articles accepted before it, exactly as a
look-up made just before its insert would decide. The accepted articles get their ids from the
table's sequence, in order, and every row goes in by one COPY a table.

Asked one article at a time, the similar-stories query alone took 26 ms of the server's CPU an
article at 3,000 articles (its cached plan scanned every signature), and the seven round trips
an article kept the import waiting on the socket.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence

import asyncpg

from index.errors import DuplicateArticle
from index.models import ArticleInfo
from index.store.base import INFO_COLUMNS, NewArticle, SameStory, SignedArticle, StoredStories
from index.store.rows import passage_rows, quote_rows, speaker_rows
from index.voices.rows import VOICE_COLUMNS, voice_rows

_TRIES = 3  # a batch racing another writer to the same article is run again
_ARTICLE_COLUMNS = [
    "id", "guild_id", "external_id", "title", "url", "url_key", "outlet", "author",
    "published", "added_by", "added_at", "content_hash", "text",
]  # fmt: skip
# Each position's oldest stored article with its content hash, URL key or external id (one
# unique index each, hence three branches rather than one OR).
_DUPLICATES_SQL = (
    "SELECT DISTINCT ON (k.pos) k.pos, a.id, a.title FROM unnest($1::bigint[], $2::text[],"
    " $3::text[], $4::text[]) WITH ORDINALITY AS k(guild_id, content_hash, url_key,"
    " external_id, pos) CROSS JOIN LATERAL ("
    " SELECT id, title FROM articles WHERE guild_id = k.guild_id AND content_hash = k.content_hash"
    " UNION ALL SELECT id, title FROM articles WHERE guild_id = k.guild_id AND url_key = k.url_key"
    " UNION ALL SELECT id, title FROM articles WHERE guild_id = k.guild_id"
    " AND external_id = k.external_id) a ORDER BY k.pos, a.id"
)
_BANDS_SQL = (
    "SELECT band_key, article_id FROM story_bands WHERE guild_id = $1"
    " AND band_key = ANY($2::bigint[])"
)
_SIGNATURES_SQL = (
    "SELECT article_id, shingles, signature FROM story_signatures"
    " WHERE article_id = ANY($1::bigint[])"
)
_NEXT_IDS_SQL = (
    "SELECT nextval(pg_get_serial_sequence('articles', 'id')) FROM generate_series(1, $1)"
)
_BUMP_SQL = (
    "INSERT INTO guild_versions VALUES ($1, $2) ON CONFLICT (guild_id)"
    " DO UPDATE SET version = guild_versions.version + excluded.version"
)

Story = tuple[int, int, bytes]  # (article id, shingles, signature), as the stores give them


async def add_articles(
    pool: asyncpg.Pool, batch: Sequence[SignedArticle], same_story: SameStory
) -> list[ArticleInfo | DuplicateArticle]:
    """Store a batch in order in one transaction (see the module's docstring)."""
    for attempt in range(_TRIES):
        try:
            async with pool.acquire() as db, db.transaction():
                return await _add_batch(db, batch, same_story)
        except asyncpg.UniqueViolationError:
            # Another writer committed one of these articles between the look-ups and the
            # writes; run again, the look-ups now see it.
            if attempt == _TRIES - 1:
                raise
    raise AssertionError("unreachable")


class StoredBands:
    """The stored articles sharing a band key with the batch's, with their signatures."""

    def __init__(self, ids: dict[tuple[int, int], list[int]], stories: dict[int, Story]):
        self._ids = ids  # (guild id, band key) -> article ids
        self._stories = stories  # article id -> its story row

    @classmethod
    async def read(cls, db: asyncpg.Connection, batch: Sequence[SignedArticle]) -> StoredBands:
        """Read the band rows of the batch's keys, then the signatures behind them."""
        keys: dict[int, set[int]] = defaultdict(set)
        for signed in batch:
            keys[signed.article.guild_id].update(signed.bands)
        ids: dict[tuple[int, int], list[int]] = defaultdict(list)
        for guild_id, guild_keys in keys.items():
            for key, article_id in await db.fetch(_BANDS_SQL, guild_id, list(guild_keys)):
                ids[guild_id, key].append(article_id)
        wanted = sorted({i for found in ids.values() for i in found})
        rows = await db.fetch(_SIGNATURES_SQL, wanted) if wanted else []
        return cls(ids, {int(a): (int(a), int(n), bytes(s)) for a, n, s in rows})

    def sharing(self, guild_id: int, bands: Sequence[int]) -> list[Story]:
        """Return the story rows of the stored articles sharing one of these keys, oldest first."""
        found = {i for key in bands for i in self._ids.get((guild_id, key), ())}
        return [self._stories[i] for i in sorted(found) if i in self._stories]


class Accepted:
    """The batch's articles stored so far (by position), by their keys and band keys."""

    def __init__(self) -> None:
        self.positions: list[int] = []
        self._keys: dict[tuple[int, str, str], int] = {}
        self._bands: dict[tuple[int, int], list[int]] = defaultdict(list)

    @staticmethod
    def _keys_of(new: NewArticle) -> list[tuple[int, str, str]]:
        named = (("hash", new.content_hash), ("url", new.url_key), ("id", new.meta.external_id))
        return [(new.guild_id, kind, value) for kind, value in named if value is not None]

    def repeated(self, new: NewArticle) -> int | None:
        """Return the first accepted article with this one's content hash, URL key or id."""
        found = [self._keys[k] for k in self._keys_of(new) if k in self._keys]
        return min(found) if found else None

    def sharing(self, guild_id: int, bands: Sequence[int]) -> list[int]:
        """Return the accepted articles sharing one of these band keys, in order."""
        return sorted({p for key in bands for p in self._bands.get((guild_id, key), ())})

    def add(self, position: int, signed: SignedArticle) -> None:
        """Accept the article at `position`."""
        self.positions.append(position)
        for key in self._keys_of(signed.article):
            self._keys.setdefault(key, position)
        for band in set(signed.bands):
            self._bands[signed.article.guild_id, band].append(position)


async def _stored_duplicates(
    db: asyncpg.Connection, batch: Sequence[SignedArticle]
) -> dict[int, tuple[int, str]]:
    """Position -> (id, title) of its oldest stored duplicate, for those that have one."""
    news = [signed.article for signed in batch]
    rows = await db.fetch(
        _DUPLICATES_SQL,
        [n.guild_id for n in news], [n.content_hash for n in news],
        [n.url_key for n in news], [n.meta.external_id for n in news],
    )  # fmt: skip
    return {int(pos) - 1: (int(article_id), str(title)) for pos, article_id, title in rows}


async def _add_batch(
    db: asyncpg.Connection, batch: Sequence[SignedArticle], same_story: SameStory
) -> list[ArticleInfo | DuplicateArticle]:
    stored_duplicates = await _stored_duplicates(db, batch)
    stored = await StoredBands.read(db, batch)
    accepted = Accepted()
    # Each article's fate: None when stored, the position of the batch's earlier article it
    # repeats, or the id of the stored one it repeats (titled afterwards).
    fates: list[int | tuple[int] | None] = []
    for position, signed in enumerate(batch):
        new = signed.article
        # The oldest duplicate by id, and stored articles are older than the batch's.
        if position in stored_duplicates:
            fates.append((stored_duplicates[position][0],))
            continue
        earlier = accepted.repeated(new)
        if earlier is not None:
            fates.append(earlier)
            continue
        rows = stored.sharing(new.guild_id, signed.bands)
        mine = accepted.sharing(new.guild_id, signed.bands)
        found = same_story(
            position,
            StoredStories.of(rows + [(-1, batch[p].shingles, batch[p].signature) for p in mine]),
        )
        if found is None:
            accepted.add(position, signed)
            fates.append(None)
        else:
            fates.append((rows[found][0],) if found < len(rows) else mine[found - len(rows)])
    ids = dict(zip(accepted.positions, await _next_ids(db, len(accepted.positions)), strict=True))
    await _write(db, [(ids[p], batch[p]) for p in accepted.positions])
    titles = {i: t for i, t in stored_duplicates.values()}
    untitled = [f[0] for f in fates if isinstance(f, tuple) and f[0] not in titles]
    if untitled:
        sql = "SELECT id, title FROM articles WHERE id = ANY($1::bigint[])"
        titles.update((int(i), str(t)) for i, t in await db.fetch(sql, untitled))
    infos = await _infos(db, list(ids.values()))
    outcomes: list[ArticleInfo | DuplicateArticle] = []
    for position, fate in enumerate(fates):
        if fate is None:
            outcomes.append(infos[ids[position]])
        elif isinstance(fate, int):
            outcomes.append(DuplicateArticle(ids[fate], batch[fate].article.title))
        else:
            outcomes.append(DuplicateArticle(fate[0], titles[fate[0]]))
    return outcomes


async def _next_ids(db: asyncpg.Connection, count: int) -> list[int]:
    """Take `count` ids from the articles' sequence, in order (what inserts would be given)."""
    return [int(row[0]) for row in await db.fetch(_NEXT_IDS_SQL, count)] if count else []


async def _write(db: asyncpg.Connection, articles: list[tuple[int, SignedArticle]]) -> None:
    """Write the accepted articles with all their rows, one COPY a table, and bump versions."""
    tables: dict[str, list[tuple[object, ...]]] = defaultdict(list)
    for article_id, signed in articles:
        new, meta = signed.article, signed.article.meta
        tables["articles"].append((
            article_id, new.guild_id, meta.external_id, new.title, meta.url, new.url_key,
            meta.outlet, meta.author, meta.published, new.added_by, new.added_at,
            new.content_hash, new.text,
        ))  # fmt: skip
        tables["story_signatures"].append((article_id, signed.shingles, signed.signature))
        tables["story_bands"] += [
            (new.guild_id, key, article_id) for key in dict.fromkeys(signed.bands)
        ]
        tables["passages"] += passage_rows(article_id, new.analysis)
        tables["quotes"] += quote_rows(article_id, new.analysis)
        tables["speakers"] += speaker_rows(article_id, new.guild_id, new.analysis)
        tables["voices"] += voice_rows(
            article_id, new.guild_id, new.meta, new.added_at, new.analysis
        )
    columns = {"articles": _ARTICLE_COLUMNS, "voices": VOICE_COLUMNS.split(", ")}
    for table, records in tables.items():
        if records:
            await db.copy_records_to_table(table, records=records, columns=columns.get(table))
    added = Counter(signed.article.guild_id for _, signed in articles)
    if added:
        await db.executemany(_BUMP_SQL, list(added.items()))


async def _infos(db: asyncpg.Connection, ids: list[int]) -> dict[int, ArticleInfo]:
    sql = f"SELECT {INFO_COLUMNS} FROM articles a WHERE a.id = ANY($1::bigint[])"
    return {int(row[0]): ArticleInfo(*row) for row in await db.fetch(sql, ids)} if ids else {}
