-- PostgreSQL twin of migrations/0002_index_snapshots.sql: a guild's saved passage index.
CREATE TABLE index_snapshots (
    guild_id     BIGINT PRIMARY KEY,
    version      BIGINT NOT NULL,
    article_ids  BYTEA NOT NULL,   -- int64 little-endian ids of the articles covered
    data         BYTEA NOT NULL    -- retrieve.PassageIndex.to_bytes()
);
