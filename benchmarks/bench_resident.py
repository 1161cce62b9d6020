"""What a mapped guild index really keeps resident, against what the index cache counts.

Opens a library whose index files are saved (e.g. bench_scale's library-N.db), maps the guild's
index, asks mixed questions, and prints the process's resident memory (VmRSS) at each step
beside the size of the mapped files and `GuildIndex.nbytes` (the cache's estimate, which counts
mapped files by retrieve.MAPPED_SHARE):

    python benchmarks/bench_resident.py --db /tmp/articlebot-bench/library-10000.db [--questions 300]
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]

from corpus import build_questions  # noqa: E402

GUILD = 0


def mapped_resident_mb(folder: Path) -> float:
    """Resident pages of the process's mappings of files under `folder` (/proc/self/smaps)."""
    total, inside = 0, False
    for line in Path("/proc/self/smaps").read_text().splitlines():
        fields = line.split()
        if fields and "-" in fields[0] and len(fields) >= 5:  # a mapping's header line
            inside = len(fields) >= 6 and fields[5].startswith(str(folder))
        elif inside and fields and fields[0] == "Rss:":
            total += int(fields[1])
    return total / 1024


def anonymous_mb() -> float:
    """The process's anonymous memory (its own: objects, arrays in memory), not file pages."""
    for line in Path("/proc/self/smaps_rollup").read_text().splitlines():
        if line.startswith("Anonymous:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def main(db: Path, questions: int) -> None:
    from index.answer import retrieve, snapshot
    from index.service import Library

    folder = snapshot.folder_for(str(db))
    assert folder is not None
    guild = folder / f"guild-{GUILD}"
    current = guild / (guild / "current").read_text().strip()
    mapped = sum(p.stat().st_size for p in current.glob("*.npy")) / 2**20
    async with await Library.open(db) as library:
        await library.store.version(GUILD)
        start, start_anonymous = rss_mb(), anonymous_mb()
        index = await library.guild_index(GUILD)
        loaded = rss_mb()
        for question in build_questions(questions):
            await library.ask(GUILD, question.text)
        served = rss_mb()
        resident = mapped_resident_mb(folder)
        anonymous = anonymous_mb() - start_anonymous
        estimate = index.nbytes / 2**20
        share = retrieve.MAPPED_SHARE
        retrieve.MAPPED_SHARE = 1.0
        whole = index.nbytes / 2**20
        retrieve.MAPPED_SHARE = share
    print(f"index files (current generation): {mapped:.0f} MB")
    print(f"RSS before the index {start:.0f} MB; mapped {loaded:.0f} MB (+{loaded - start:.0f});")
    print(f"  after {questions} mixed questions {served:.0f} MB (+{served - start:.0f})")
    print(
        f"  of which pages of the mapped index files: {resident:.0f} MB ({resident / mapped:.0%})"
    )
    print(f"  anonymous memory (objects, arrays not mapped): +{anonymous:.0f} MB")
    print(
        f"cache estimate: {estimate:.0f} MB (mapped at {share:.0%}); counting files whole: {whole:.0f} MB"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--questions", type=int, default=300)
    args = parser.parse_args()
    asyncio.run(main(Path(args.db), args.questions))
