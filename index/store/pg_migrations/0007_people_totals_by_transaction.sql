-- In step with SQLite's migration 0007 by number only: PostgreSQL keeps its `voices_follow`
-- trigger (SQLite's writer now adds people's totals once a transaction; that change was
-- measured on SQLite's import alone).
SELECT 1;
