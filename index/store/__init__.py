"""Where the library lives: SQLite or PostgreSQL stores, their schemas, backup and migrate."""
