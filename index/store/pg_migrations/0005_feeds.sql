-- In step with SQLite's migration 0005: feed subscriptions, seen items, watched channels.
CREATE TABLE feeds (
    id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    guild_id       BIGINT NOT NULL,
    url            TEXT NOT NULL,
    url_key        TEXT NOT NULL,
    channel_id     BIGINT,
    title          TEXT,
    added_by       BIGINT,
    added_at       BIGINT NOT NULL,
    interval_s     BIGINT NOT NULL,
    etag           TEXT,
    last_modified  TEXT,
    polled         INTEGER NOT NULL DEFAULT 0,
    next_poll_at   BIGINT NOT NULL DEFAULT 0,
    failures       INTEGER NOT NULL DEFAULT 0,
    failing_since  BIGINT,
    last_error     TEXT,
    last_success   BIGINT,
    UNIQUE (guild_id, url_key)
);
CREATE INDEX feeds_due ON feeds (next_poll_at);
CREATE TABLE feed_items (
    guild_id    BIGINT NOT NULL,
    item_key    TEXT NOT NULL,
    feed_id     BIGINT,
    article_id  BIGINT,
    seen_at     BIGINT NOT NULL,
    PRIMARY KEY (guild_id, item_key)
);
CREATE TABLE watched_channels (
    guild_id    BIGINT NOT NULL,
    channel_id  BIGINT NOT NULL,
    added_by    BIGINT,
    added_at    BIGINT NOT NULL,
    PRIMARY KEY (guild_id, channel_id)
);
