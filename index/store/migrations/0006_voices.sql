-- Who is quoted (issue 24): one row per speaker of each article, with the article's day and
-- site copied in, so counting the people of a period is one scan of a covering index rather
-- than a join over every quote. Derived from `quotes` and `speakers`; written with them.
-- `person` links one speaker across articles: the full name, or for a one-word name the name
-- and the article (never linked across articles), or '' for the statements nobody is named for.
-- `day` is the article's published date where it is an ISO date, else the day it was added.
-- A speaker only described ("a police spokesman": its first word a lower-case determiner, as
-- index/models.py `is_described` reads it) is no one: its statements count under ''.
CREATE TABLE voices (
    article_id  INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    guild_id    INTEGER NOT NULL,
    person      TEXT NOT NULL,
    name        TEXT,
    role        TEXT,
    day         TEXT NOT NULL,
    site        TEXT,
    quoted      INTEGER NOT NULL,
    reported    INTEGER NOT NULL,
    PRIMARY KEY (article_id, person)
) WITHOUT ROWID;
CREATE INDEX voices_by_day ON voices (guild_id, day, person, quoted, reported);
CREATE INDEX voices_by_person ON voices (guild_id, person, day);

INSERT INTO voices
SELECT q.article_id, a.guild_id,
       CASE WHEN q.speaker IS NULL THEN ''
            WHEN instr(q.speaker, ' ') > 0 THEN q.speaker
            ELSE q.speaker || ' #' || q.article_id END,
       q.speaker,
       (SELECT s.role FROM speakers s WHERE s.article_id = q.article_id AND s.name = q.speaker),
       CASE WHEN a.published GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*'
            THEN substr(a.published, 1, 10) ELSE substr(a.added_at, 1, 10) END,
       coalesce(lower(a.outlet), CASE WHEN instr(a.url, '://') > 0 THEN
           replace(lower(substr(substr(a.url, instr(a.url, '://') + 3), 1,
                                instr(substr(a.url, instr(a.url, '://') + 3) || '/', '/') - 1)),
                   'www.', '') END),
       count(DISTINCT CASE WHEN q.kind <> 'reported' THEN q.statement END),
       count(DISTINCT CASE WHEN q.kind = 'reported' THEN q.statement END)
FROM (SELECT article_id, kind, statement,
             CASE WHEN substr(speaker, 1, instr(speaker || ' ', ' ') - 1) IN (
                 'a', 'an', 'the', 'one', 'another', 'some', 'several', 'many', 'few', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'dozens', 'hundreds', 'thousands', 'both')
             THEN NULL ELSE speaker END AS speaker
      FROM quotes) q JOIN articles a ON a.id = q.article_id
GROUP BY q.article_id, q.speaker;

-- Each person's all-time totals, kept by triggers as voices rows come and go (an article's
-- removal cascades to its voices, which fires them), so "all time" reads the top rows of an
-- index instead of summing every row of the guild.
CREATE TABLE people_totals (
    guild_id    INTEGER NOT NULL,
    person      TEXT NOT NULL,
    statements  INTEGER NOT NULL,
    quoted      INTEGER NOT NULL,
    reported    INTEGER NOT NULL,
    articles    INTEGER NOT NULL,
    PRIMARY KEY (guild_id, person)
) WITHOUT ROWID;
CREATE INDEX people_by_statements ON people_totals (guild_id, statements DESC, articles DESC, person);
INSERT INTO people_totals
SELECT guild_id, person, sum(quoted) + sum(reported), sum(quoted), sum(reported), count(*)
FROM voices GROUP BY guild_id, person;

CREATE TRIGGER voices_added AFTER INSERT ON voices BEGIN
    INSERT INTO people_totals VALUES (NEW.guild_id, NEW.person, NEW.quoted + NEW.reported,
                                      NEW.quoted, NEW.reported, 1)
    ON CONFLICT (guild_id, person) DO UPDATE SET
        statements = statements + excluded.statements, quoted = quoted + excluded.quoted,
        reported = reported + excluded.reported, articles = articles + 1;
END;
CREATE TRIGGER voices_removed AFTER DELETE ON voices BEGIN
    UPDATE people_totals SET statements = statements - OLD.quoted - OLD.reported,
        quoted = quoted - OLD.quoted, reported = reported - OLD.reported, articles = articles - 1
    WHERE guild_id = OLD.guild_id AND person = OLD.person;
    DELETE FROM people_totals WHERE guild_id = OLD.guild_id AND person = OLD.person
        AND articles <= 0;
END;
