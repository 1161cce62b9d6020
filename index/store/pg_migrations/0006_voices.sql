-- In step with SQLite's migration 0006: one row per speaker of each article (who is quoted).
CREATE TABLE voices (
    article_id  BIGINT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    guild_id    BIGINT NOT NULL,
    person      TEXT NOT NULL,
    name        TEXT,
    role        TEXT,
    day         TEXT NOT NULL,
    site        TEXT,
    quoted      INTEGER NOT NULL,
    reported    INTEGER NOT NULL,
    PRIMARY KEY (article_id, person)
);
CREATE INDEX voices_by_day ON voices (guild_id, day, person, quoted, reported);
CREATE INDEX voices_by_person ON voices (guild_id, person, day);

INSERT INTO voices
SELECT q.article_id, a.guild_id,
       CASE WHEN q.speaker IS NULL THEN ''
            WHEN strpos(q.speaker, ' ') > 0 THEN q.speaker
            ELSE q.speaker || ' #' || q.article_id END,
       q.speaker,
       (SELECT s.role FROM speakers s WHERE s.article_id = q.article_id AND s.name = q.speaker),
       CASE WHEN a.published ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}'
            THEN substr(a.published, 1, 10) ELSE substr(a.added_at, 1, 10) END,
       coalesce(lower(a.outlet),
                replace(lower(substring(a.url from '://([^/]*)')), 'www.', '')),
       count(DISTINCT CASE WHEN q.kind <> 'reported' THEN q.statement END),
       count(DISTINCT CASE WHEN q.kind = 'reported' THEN q.statement END)
FROM (SELECT article_id, kind, statement,
             CASE WHEN split_part(speaker, ' ', 1) IN (
                 'a', 'an', 'the', 'one', 'another', 'some', 'several', 'many', 'few', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'dozens', 'hundreds', 'thousands', 'both')
             THEN NULL ELSE speaker END AS speaker
      FROM quotes) q JOIN articles a ON a.id = q.article_id
GROUP BY q.article_id, q.speaker, a.guild_id, a.published, a.added_at, a.outlet, a.url;

-- Each person's all-time totals, kept by triggers (as in SQLite's 0006).
CREATE TABLE people_totals (
    guild_id    BIGINT NOT NULL,
    person      TEXT NOT NULL,
    statements  INTEGER NOT NULL,
    quoted      INTEGER NOT NULL,
    reported    INTEGER NOT NULL,
    articles    INTEGER NOT NULL,
    PRIMARY KEY (guild_id, person)
);
CREATE INDEX people_by_statements ON people_totals (guild_id, statements DESC, articles DESC, person);
INSERT INTO people_totals
SELECT guild_id, person, sum(quoted) + sum(reported), sum(quoted), sum(reported), count(*)
FROM voices GROUP BY guild_id, person;

CREATE FUNCTION people_totals_follow() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO people_totals AS t VALUES (NEW.guild_id, NEW.person,
            NEW.quoted + NEW.reported, NEW.quoted, NEW.reported, 1)
        ON CONFLICT (guild_id, person) DO UPDATE SET
            statements = t.statements + excluded.statements, quoted = t.quoted + excluded.quoted,
            reported = t.reported + excluded.reported, articles = t.articles + 1;
        RETURN NEW;
    END IF;
    UPDATE people_totals SET statements = statements - OLD.quoted - OLD.reported,
        quoted = quoted - OLD.quoted, reported = reported - OLD.reported, articles = articles - 1
    WHERE guild_id = OLD.guild_id AND person = OLD.person;
    DELETE FROM people_totals WHERE guild_id = OLD.guild_id AND person = OLD.person
        AND articles <= 0;
    RETURN OLD;
END;
$$;
CREATE TRIGGER voices_follow AFTER INSERT OR DELETE ON voices
    FOR EACH ROW EXECUTE FUNCTION people_totals_follow();
