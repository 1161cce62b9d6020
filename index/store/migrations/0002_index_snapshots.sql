-- A guild's fitted passage index, saved so a restart need not re-read and re-tokenize every
-- article. Derived data: it records the version and the articles it covers, and is rebuilt
-- or patched when they differ from the library's.
CREATE TABLE index_snapshots (
    guild_id     INTEGER PRIMARY KEY,
    version      INTEGER NOT NULL,
    article_ids  BLOB NOT NULL,   -- int64 little-endian ids of the articles covered
    data         BLOB NOT NULL    -- retrieve.PassageIndex.to_bytes()
);
