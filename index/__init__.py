"""The articlebot library: storage, retrieval, quotes, summaries and answers. Never imports discord."""
