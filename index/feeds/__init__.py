"""Feeds: subscriptions to RSS/Atom feeds polled into a guild's library, and watched channels."""
