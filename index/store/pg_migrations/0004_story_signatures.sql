-- In step with SQLite's migration 0004: MinHash signatures of each article's story text and
-- their LSH band keys, for finding near-duplicates within a guild.
CREATE TABLE story_signatures (
    article_id  BIGINT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    shingles    INTEGER NOT NULL,
    signature   BYTEA NOT NULL
);
CREATE TABLE story_bands (
    guild_id    BIGINT NOT NULL,
    band_key    BIGINT NOT NULL,
    article_id  BIGINT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    PRIMARY KEY (guild_id, band_key, article_id)
);
CREATE INDEX story_bands_by_article ON story_bands (article_id);
