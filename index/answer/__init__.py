"""Answers to questions: routing, per-guild indexes, passage retrieval and evidence."""
