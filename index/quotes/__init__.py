"""Quotes and reported speech in an article, and who said them."""
