"""Who is quoted across a guild's library: per-article speaker rows, counted by period."""
