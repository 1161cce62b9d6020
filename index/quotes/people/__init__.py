"""The people of one article: names and titles, and who a "he" or "the police chief" stands for."""
