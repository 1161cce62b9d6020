-- Feed subscriptions, the items each guild has seen, and channels watched for links (issue 20).
-- Times are Unix seconds. Item keys are per guild, not per feed: an item two feeds carry is
-- seen once, and an item is remembered by each of its keys (guid, normalized link).
CREATE TABLE feeds (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    guild_id       INTEGER NOT NULL,
    url            TEXT NOT NULL,
    url_key        TEXT NOT NULL,
    channel_id     INTEGER,
    title          TEXT,
    added_by       INTEGER,
    added_at       INTEGER NOT NULL,
    interval_s     INTEGER NOT NULL,
    etag           TEXT,
    last_modified  TEXT,
    polled         INTEGER NOT NULL DEFAULT 0,
    next_poll_at   INTEGER NOT NULL DEFAULT 0,
    failures       INTEGER NOT NULL DEFAULT 0,
    failing_since  INTEGER,
    last_error     TEXT,
    last_success   INTEGER,
    UNIQUE (guild_id, url_key)
);
CREATE INDEX feeds_due ON feeds (next_poll_at);
CREATE TABLE feed_items (
    guild_id    INTEGER NOT NULL,
    item_key    TEXT NOT NULL,
    feed_id     INTEGER,
    article_id  INTEGER,
    seen_at     INTEGER NOT NULL,
    PRIMARY KEY (guild_id, item_key)
);
CREATE TABLE watched_channels (
    guild_id    INTEGER NOT NULL,
    channel_id  INTEGER NOT NULL,
    added_by    INTEGER,
    added_at    INTEGER NOT NULL,
    PRIMARY KEY (guild_id, channel_id)
);
