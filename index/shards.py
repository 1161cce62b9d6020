"""Which guilds a bot process owns when the bot runs as several processes, each some shards.

Discord sends a guild's events to shard `(guild_id >> 22) % shard_count`, so a process that
runs shards 0-3 of 16 only ever hears from the guilds of those shards; it keeps indexes for
them alone, and the work partitions by guild across processes and machines.
"""

from __future__ import annotations

from dataclasses import dataclass


def shard_of(guild_id: int, shard_count: int) -> int:
    """Return the shard that serves a guild, by Discord's formula (guild id >> 22, modulo count)."""
    return (guild_id >> 22) % shard_count


@dataclass(frozen=True, slots=True)
class ShardPlan:
    """The shard ids this process runs, out of `count`."""

    ids: tuple[int, ...]
    count: int

    @classmethod
    def parse(cls, spec: str | None, count: int | None) -> ShardPlan | None:
        """Read `--shard-ids 0-3,8 --shard-count 16`; None when neither is given.

        Raises ValueError with a message fit to print when the two do not fit together.
        """
        if spec is None and count is None:
            return None
        if count is None or count < 1:
            raise ValueError("--shard-count must be given, and at least 1")
        if spec is None:
            return cls(tuple(range(count)), count)
        ids: set[int] = set()
        for part in spec.replace(" ", "").split(","):
            low, _, high = part.partition("-")
            if not low.isdigit() or (high and not high.isdigit()):
                raise ValueError(f"--shard-ids takes ids and ranges like 0-3,8, not {spec!r}")
            first, last = int(low), int(high or low)
            if first > last:
                raise ValueError(f"--shard-ids range {part!r} runs backwards")
            ids.update(range(first, last + 1))
        if max(ids) >= count:
            raise ValueError(f"--shard-ids go up to {count - 1} with --shard-count {count}")
        return cls(tuple(sorted(ids)), count)

    def owns(self, guild_id: int) -> bool:
        """Tell whether a guild is served by one of this process's shards."""
        return shard_of(guild_id, self.count) in self.ids
