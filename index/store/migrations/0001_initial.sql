-- Articles of each guild, their passages (paragraphs with sentence offsets), quotes and speakers.
CREATE TABLE articles (
    id            INTEGER PRIMARY KEY,
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
CREATE INDEX articles_by_guild ON articles (guild_id, id);

CREATE TABLE passages (
    article_id  INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    idx         INTEGER NOT NULL,
    start       INTEGER NOT NULL,
    "end"       INTEGER NOT NULL,
    furniture   INTEGER NOT NULL,
    sentences   TEXT NOT NULL,   -- JSON [[start, end], ...]
    PRIMARY KEY (article_id, idx)
) WITHOUT ROWID;

CREATE TABLE quotes (
    article_id     INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    idx            INTEGER NOT NULL,
    start          INTEGER NOT NULL,
    "end"          INTEGER NOT NULL,
    kind           TEXT NOT NULL,
    statement      INTEGER NOT NULL,
    speaker        TEXT,
    role           TEXT,
    mention        TEXT,
    mention_start  INTEGER,
    mention_end    INTEGER,
    cue            TEXT,
    PRIMARY KEY (article_id, idx)
) WITHOUT ROWID;

CREATE TABLE speakers (
    article_id  INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    guild_id    INTEGER NOT NULL,
    name        TEXT NOT NULL,
    role        TEXT,
    aliases     TEXT NOT NULL,   -- JSON list
    statements  INTEGER NOT NULL,
    PRIMARY KEY (article_id, name)
) WITHOUT ROWID;
CREATE INDEX speakers_by_guild ON speakers (guild_id, name);

-- Bumped on every change to a guild's library, so cached indexes know when they are stale.
CREATE TABLE guild_versions (
    guild_id  INTEGER PRIMARY KEY,
    version   INTEGER NOT NULL
);
