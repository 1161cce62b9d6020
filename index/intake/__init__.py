"""Articles coming in: safe URL fetching, HTML extraction, checks on offered text, bulk import."""
