-- MinHash signatures of each article's story text, and their LSH band keys, so a near-duplicate
-- (the same story with other furniture, headline, byline or dateline) is found among a guild's
-- articles by a few index lookups. Articles stored before this migration get theirs when their
-- guild is next added to (index/service.py).
CREATE TABLE story_signatures (
    article_id  INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    shingles    INTEGER NOT NULL,
    signature   BLOB NOT NULL      -- little-endian uint32 MinHash values
);
CREATE TABLE story_bands (
    guild_id    INTEGER NOT NULL,
    band_key    INTEGER NOT NULL,
    article_id  INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    PRIMARY KEY (guild_id, band_key, article_id)
) WITHOUT ROWID;
CREATE INDEX story_bands_by_article ON story_bands (article_id);
