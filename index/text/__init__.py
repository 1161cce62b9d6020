"""Text as the library reads it: paragraphs and sentences, page furniture, search terms."""
