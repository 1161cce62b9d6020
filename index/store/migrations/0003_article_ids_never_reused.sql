-- rebuilds tables: articles gets AUTOINCREMENT, so the id of a deleted article is never given
-- to a new one (a plain INTEGER PRIMARY KEY reuses the highest id after it is deleted). An id
-- cited in a channel, or remembered by a cached index, then always means the same article.
CREATE TABLE articles_rebuilt (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    guild_id      INTEGER NOT NULL,
    external_id   TEXT,
    title         TEXT NOT NULL,
    url           TEXT,
    url_key       TEXT,
    outlet        TEXT,
    author        TEXT,
    published     TEXT,
    added_by      INTEGER,
    added_at      TEXT NOT NULL,
    content_hash  TEXT NOT NULL,
    text          TEXT NOT NULL,
    UNIQUE (guild_id, content_hash),
    UNIQUE (guild_id, external_id),
    UNIQUE (guild_id, url_key)
);
INSERT INTO articles_rebuilt SELECT * FROM articles;
DROP TABLE articles;
ALTER TABLE articles_rebuilt RENAME TO articles;
CREATE INDEX articles_by_guild ON articles (guild_id, id);
