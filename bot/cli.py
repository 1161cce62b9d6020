"""The terminal front end: `articlebot` drives the same service as the Discord bot.

Reading commands print readable text, or JSON with --json. The batch commands (`extract`,
`summarize`, `ask --jsonl`) live in bot/batch.py, `backup`, `restore` and `migrate` in
bot/maintenance.py.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import signal
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any, TextIO

from bot import batch, feeds_cli, jsonout, maintenance, people_cli, terminal
from bot.settings import LOCAL_GUILD, Settings, open_library
from index.errors import ArticlebotError, ArticleTooLarge
from index.models import ArticleMeta
from index.service import Library, plural, read_import

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "harbor-council.txt"
EXAMPLE_QUESTION = "what did Okafor say?"

Handler = Callable[[argparse.Namespace, Library, TextIO], Awaitable[int]]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="articlebot",
        description="Read news articles and answer for them, quoting exactly who said what.",
    )
    _global_options(parser, defaults=True)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    add = commands.add_parser("add", help="add an article from a file, '-' (stdin) or a URL")
    add.add_argument("source", help="a .txt/.md/.html file, '-' for standard input, or a URL")
    add.add_argument("--title")
    add.add_argument("--url", help="the article's source URL, kept for citations")
    add.add_argument("--outlet")
    add.add_argument("--json", action="store_true")

    listing = commands.add_parser("list", help="list the library's articles, newest first")
    listing.add_argument("--json", action="store_true")

    remove = commands.add_parser("remove", help="remove an article")
    remove.add_argument("article", help="article id, external id or title")

    summary = commands.add_parser("summary", help="summarize an article (default: the newest)")
    summary.add_argument("article", nargs="?")
    summary.add_argument("--length", default="short", help="short, medium, long or a number")
    summary.add_argument("--json", action="store_true")

    ask = commands.add_parser("ask", help="ask a question of the library")
    ask.add_argument("question", nargs="?", help="the question (omit with --jsonl)")
    ask.add_argument("--article", help="limit to one article")
    ask.add_argument("--json", action="store_true")
    ask.add_argument(
        "--jsonl", action="store_true", help='read {"question", "article"?} lines on stdin'
    )

    quotes = commands.add_parser("quotes", help="everything a speaker is quoted as saying")
    quotes.add_argument("speaker")
    quotes.add_argument("--article")
    quotes.add_argument("--json", action="store_true")

    importer = commands.add_parser(
        "import", help="import a JSONL file of {id?, title, text, url?} or a folder of files"
    )
    importer.add_argument("path")
    importer.add_argument("--quiet", action="store_true", help="no progress bar")

    commands.add_parser(
        "extract", help='read {"id", "text"} lines on stdin, write their quotes (no database)'
    )

    summarize = commands.add_parser(
        "summarize",
        help='read {"id", "text", "title"?} lines on stdin, write summaries (no database)',
    )
    summarize.add_argument("--sentences", default="3", help="sentences per summary")

    backup_cmd = commands.add_parser(
        "backup", help="copy the live library to PATH (safe while the bot writes)"
    )
    backup_cmd.add_argument("path")

    restore_cmd = commands.add_parser(
        "restore", help="bring a backup back as the library (stop the bot first)"
    )
    restore_cmd.add_argument("path", help="a file made by 'articlebot backup'")

    migrate_cmd = commands.add_parser(
        "migrate", help="copy a SQLite library into PostgreSQL, with a count check at the end"
    )
    migrate_cmd.add_argument("--from", dest="source", required=True, help="sqlite:///path.db")
    migrate_cmd.add_argument("--to", dest="target", required=True, help="postgresql://…")

    commands.add_parser("console", help="an interactive shell with the same commands")
    commands.add_parser(
        "demo", help="add the bundled example article to a scratch library and answer from it"
    )

    run = commands.add_parser("run", help="join Discord (needs DISCORD_TOKEN)")
    run.add_argument("--shard-ids", help="e.g. 0-3 (with --shard-count)")
    run.add_argument("--shard-count", type=int)
    feeds_cli.add_parser(commands)
    people_cli.add_parser(commands)
    for command in _commands(parser):  # `articlebot list --db x` as well as `--db x list`
        _global_options(command, defaults=False)
    return parser


def _global_options(parser: argparse.ArgumentParser, *, defaults: bool) -> None:
    """--db and --guild. A command's copy sets nothing unless given, so it never undoes the
    value given before the command."""
    parser.add_argument(
        "--db",
        default=None if defaults else argparse.SUPPRESS,
        help="SQLite file or postgresql:// URL (default: $DATABASE_URL, $ARTICLEBOT_DB "
        "or articlebot.db)",
    )
    parser.add_argument(
        "--guild",
        type=int,
        default=LOCAL_GUILD if defaults else argparse.SUPPRESS,
        help="library (guild id) to use (default: 0)",
    )


def _commands(parser: argparse.ArgumentParser) -> list[argparse.ArgumentParser]:
    """Every command's parser, command groups' own commands included."""
    found: dict[int, argparse.ArgumentParser] = {}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for command in action.choices.values():
                found.setdefault(id(command), command)
                for inner in _commands(command):
                    found.setdefault(id(inner), inner)
    return list(found.values())


def main(argv: list[str] | None = None) -> int:
    """Run one command; into a pipe closed early (`| head`) end quietly, as Unix tools do."""
    try:
        try:
            return _main(argv)
        finally:
            sys.stdout.flush()  # a closed pipe shows here rather than as a warning at exit
    except BrokenPipeError:
        # The Python docs' recipe: point stdout at devnull so the interpreter's own last
        # flush fails no more, and exit with the shell's status for death by SIGPIPE.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 128 + signal.SIGPIPE


def _main(argv: list[str] | None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    settings = Settings.from_env()
    logging.basicConfig(
        level=settings.log_level, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    if args.command == "run":
        from bot.client import run_bot

        return run_bot(settings, shard_spec=args.shard_ids, shard_count=args.shard_count)
    try:
        if args.command == "console":  # runs its own event loop, one command at a time
            from bot import console

            return console.main(args, args.db or settings.database, settings)
        return asyncio.run(_run(args, args.db or settings.database, settings, sys.stdout))
    except ArticlebotError as error:  # e.g. the library could not be opened
        return _fail(error)
    except KeyboardInterrupt:
        print("articlebot: interrupted", file=sys.stderr)
        return 130


def _fail(error: ArticlebotError) -> int:
    print(f"articlebot: {terminal.local(error.message)}", file=sys.stderr)
    return 1


READS_ONLY = {"list", "summary", "ask", "quotes", "people", "person"}


async def _run(args: argparse.Namespace, database: str, settings: Settings, out: TextIO) -> int:
    """Commands that need no open library first, then those that do."""
    if args.command == "extract":
        return await batch.extract(sys.stdin, out)
    if args.command == "summarize":
        return await batch.summarize(sys.stdin, out, args.sentences)
    if args.command == "demo":
        return await demo(out)
    if args.command == "restore":  # the library may be damaged or missing: do not open it
        return await maintenance.restore(args.path, database, out)
    if args.command == "migrate":
        return await maintenance.migrate(args.source, args.target, out)
    creates = args.command not in READS_ONLY  # a typo'd path must not become an empty library
    async with await open_library(settings, database, create=creates) as library:
        return await dispatch(args, library, out)


async def dispatch(args: argparse.Namespace, library: Library, out: TextIO) -> int:
    """Run one command; domain errors become one line on stderr and exit status 1."""
    try:
        return await HANDLERS[args.command](args, library, out)
    except ArticlebotError as error:
        return _fail(error)


def _show(
    args: argparse.Namespace,
    out: TextIO,
    as_json: Callable[[Any], Any],
    as_text: Callable[[Any], str],
    result: Any,
) -> None:
    """Print a result as JSON with --json, else as readable text."""
    if args.json:
        batch.emit(out, as_json(result))
    else:
        out.write(as_text(result) + "\n")


async def cmd_add(args: argparse.Namespace, library: Library, out: TextIO) -> int:
    meta = ArticleMeta(title=args.title, url=args.url, outlet=args.outlet)
    source: str = args.source
    if source.startswith(("http://", "https://")):
        info = await library.add_url(args.guild, source, meta)
    elif source == "-":
        info = await library.add_text(args.guild, sys.stdin.read(), meta)
    else:
        path = Path(source)
        limit = library.limits.max_article_bytes
        head = await asyncio.to_thread(_read_head, path, limit + 1)
        if head is None:
            print(f"articlebot: no such file: {source}", file=sys.stderr)
            return 1
        data, size = head
        if len(data) > limit:  # the file's own size when it has one, not the bytes read
            raise ArticleTooLarge(size if size > limit else None, limit)
        info = await library.add_file(args.guild, path.name, data, meta)
    if args.json:
        batch.emit(out, jsonout.article(info))
    else:
        out.write(f"Added #{info.id} “{info.title}” ({plural(info.quotes)}).\n")
    return 0


def _read_head(path: Path, size: int) -> tuple[bytes, int] | None:
    """Read at most `size` bytes (one past the limit tells a file is too large, cheaply) and
    the file's size as the system gives it (0 for a pipe)."""
    if not path.is_file():
        return None
    with path.open("rb") as handle:
        return handle.read(size), os.fstat(handle.fileno()).st_size


async def cmd_list(args: argparse.Namespace, library: Library, out: TextIO) -> int:
    articles = await library.articles(args.guild)
    if args.json:
        batch.emit(out, [jsonout.article(info) for info in articles])
    elif not articles:
        out.write("The library is empty. Add an article with: articlebot add FILE\n")
    else:
        out.write("\n".join(terminal.article_line(info) for info in articles) + "\n")
    return 0


async def cmd_remove(args: argparse.Namespace, library: Library, out: TextIO) -> int:
    info = await library.remove(args.guild, args.article)
    out.write(f"Removed #{info.id} “{info.title}”.\n")
    return 0


async def cmd_summary(args: argparse.Namespace, library: Library, out: TextIO) -> int:
    result = await library.summarize(args.guild, args.article, args.length)
    _show(args, out, jsonout.summary, terminal.summary, result)
    return 0


async def cmd_ask(args: argparse.Namespace, library: Library, out: TextIO) -> int:
    if args.jsonl:
        return await batch.ask(library, args.guild, sys.stdin, out)
    if not args.question:
        print("articlebot: ask needs a question (or --jsonl)", file=sys.stderr)
        return 1
    result = await library.ask(args.guild, args.question, args.article)
    _show(args, out, jsonout.answer, terminal.answer, result)
    return 0


async def cmd_quotes(args: argparse.Namespace, library: Library, out: TextIO) -> int:
    result = await library.quotes(args.guild, args.speaker, args.article)
    _show(args, out, jsonout.answer, terminal.answer, result)
    return 0


async def cmd_import(args: argparse.Namespace, library: Library, out: TextIO) -> int:
    total, items = read_import(Path(args.path))
    bar = None if args.quiet else terminal.ProgressBar(total, sys.stderr)
    report = await library.import_items(args.guild, items, on_item=bar and bar.update)
    if report.added:
        await library.keep_index(args.guild)  # the next `ask` loads it rather than builds it
    if bar:
        bar.close()
    out.write(report.describe() + "\n")
    return 1 if report.failed and not report.added else 0


async def cmd_backup(args: argparse.Namespace, library: Library, out: TextIO) -> int:
    return await maintenance.backup(library, args.path, out)


async def demo(out: TextIO) -> int:
    """Add the bundled example to a scratch library, then summarize it and answer from it."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        async with await Library.open(Path(folder) / "demo.db") as library:
            info = await library.add_file(LOCAL_GUILD, EXAMPLE.name, EXAMPLE.read_bytes())
            out.write(f"Added #{info.id} “{info.title}” ({plural(info.quotes)}).\n\n")
            out.write(terminal.summary(await library.summarize(LOCAL_GUILD, info.id)) + "\n\n")
            out.write(f"> {EXAMPLE_QUESTION}\n")
            answer = await library.ask(LOCAL_GUILD, EXAMPLE_QUESTION)
            out.write(terminal.answer(answer) + "\n")
    return 0


HANDLERS: dict[str, Handler] = {
    "add": cmd_add,
    "list": cmd_list,
    "remove": cmd_remove,
    "summary": cmd_summary,
    "ask": cmd_ask,
    "quotes": cmd_quotes,
    "import": cmd_import,
    "backup": cmd_backup,
    "feed": feeds_cli.cmd_feed,
    "people": people_cli.cmd_people,
    "person": people_cli.cmd_person,
}
