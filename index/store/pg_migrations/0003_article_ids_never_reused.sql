-- In step with SQLite's migration 0003, which makes article ids never reused there. An identity
-- column never gives a deleted article's id again, so PostgreSQL only records the promise.
COMMENT ON COLUMN articles.id IS 'never reused: a deleted article''s id is not given to a new one';
