"""`articlebot console`: the library's reading and editing commands as an interactive shell.

One line is one command. After `ask` or `quotes` the rest of the line is the question or the
speaker, quotes and apostrophes and all; a line that starts with no command is asked as a
question. At a terminal the line can be edited (readline) and earlier lines come back with the
arrow keys, kept in ~/.articlebot_history. Ctrl-C drops the line being typed or stops the
command running; Ctrl-D or `quit` leaves.

The console keeps one event loop open between lines (asyncio.Runner) and reads each line
outside it, so Ctrl-C at the prompt is an ordinary KeyboardInterrupt and Ctrl-C during a
command cancels only that command.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import re
import shlex
import sys
from pathlib import Path
from typing import TextIO

from bot.cli import build_parser, dispatch
from bot.settings import Settings, open_library
from index.service import Library

PROMPT = "articlebot> "
HISTORY_FILE = ".articlebot_history"  # in the user's home, like ~/.python_history
HISTORY_LENGTH = 1_000
QUIT = frozenset({"quit", "exit"})
# Commands whose words the CLI parser reads; `ask` and `quotes` take the rest of the line.
PARSED = ("add", "list", "remove", "summary", "import", "backup")
FREE_TEXT = ("ask", "quotes")
COMMANDS = (*PARSED, *FREE_TEXT)

HELP = """\
Commands (a line that starts with none of them is asked as a question):
  ask [--article A] [--json] QUESTION   answer from the library; the rest of the line is the question
  quotes [--article A] [--json] NAME    everything NAME is quoted as saying
  summary [ARTICLE] [--length L] [--json]   key sentences and quotes (default: the newest article)
  list [--json]                         the library's articles, newest first
  add SOURCE [--title T] [--url U] [--outlet O]   a .txt/.md/.html file or a URL
  remove ARTICLE                        ARTICLE is an id, an import id or words of the title
  import PATH                           a JSONL file or a folder of files
  backup PATH                           copy the library to PATH
  help                                  this list
  quit                                  leave (or Ctrl-D)"""

# Options that may come before the free text of `ask`/`quotes`.
_LEADING_OPTION = re.compile(r"--article(?:\s+|=)(?P<article>\S+)\s*|--json(?:\s+|$)")


def main(args: argparse.Namespace, database: str, settings: Settings) -> int:
    """Open the library once and read commands until quit, Ctrl-D or the end of input."""
    interactive = sys.stdin.isatty()
    history = _start_history() if interactive else None
    with asyncio.Runner() as runner:
        library = runner.run(open_library(settings, database))
        try:
            if interactive:
                print("articlebot console: 'help' lists the commands, 'quit' or Ctrl-D leaves.")
            _loop(runner, library, args.guild, interactive, sys.stdout)
        finally:
            runner.run(library.close())
            if history:
                _save_history(history)
    return 0


def _loop(
    runner: asyncio.Runner, library: Library, guild: int, interactive: bool, out: TextIO
) -> None:
    while True:
        try:
            line = input(PROMPT if interactive else "")
        except EOFError:  # Ctrl-D or the end of piped input
            if interactive:
                out.write("\n")
            return
        except KeyboardInterrupt:  # Ctrl-C drops the line being typed
            out.write("\n")
            continue
        words = line.split(maxsplit=1)
        if words and words[0].lower() in QUIT:
            return
        try:
            runner.run(run_line(line, library, guild, out))
        except KeyboardInterrupt:  # Ctrl-C stops the command, not the console
            out.write("\n(stopped)\n")
        out.flush()


async def run_line(line: str, library: Library, guild: int, out: TextIO) -> int:
    """Run one console line; return its exit status (0 for a blank line or help)."""
    words = line.split(maxsplit=1)
    if not words:
        return 0
    command, rest = words[0].lower(), words[1] if len(words) > 1 else ""
    if command == "help":
        out.write(HELP + "\n")
        return 0
    if command in FREE_TEXT:
        return await dispatch(free_text_command(command, rest, guild), library, out)
    if command in PARSED:
        parsed = _parse(command, rest, guild)
        if parsed is None:
            return 1
        return await dispatch(parsed, library, out)
    return await dispatch(free_text_command("ask", line, guild), library, out)


def free_text_command(command: str, rest: str, guild: int) -> argparse.Namespace:
    """`ask`/`quotes` with its leading options peeled off and the rest of the line as the text."""
    article, as_json = None, False
    rest = rest.strip()
    while match := _LEADING_OPTION.match(rest):
        if match["article"]:
            article = match["article"]
        else:
            as_json = True
        rest = rest[match.end() :]
    rest = rest.strip()
    if len(rest) >= 2 and rest[0] == rest[-1] and rest[0] in "\"'":
        rest = rest[1:-1]  # the whole text in quotes, as on the command line
    field = "question" if command == "ask" else "speaker"
    return argparse.Namespace(
        command=command, guild=guild, article=article, json=as_json, jsonl=False, **{field: rest}
    )


def _parse(command: str, rest: str, guild: int) -> argparse.Namespace | None:
    """Read a command's words with the CLI's own parser; None (and a line on stderr) if bad."""
    try:
        words = shlex.split(rest)
    except ValueError as error:  # an unclosed quote
        print(f"articlebot: {error}", file=sys.stderr)
        return None
    try:
        parsed = build_parser().parse_args(["--guild", str(guild), command, *words])
    except SystemExit:  # argparse has printed the usage and the error (or the --help)
        return None
    if parsed.db is not None or parsed.guild != guild:
        print("articlebot: --db and --guild are chosen when the console starts", file=sys.stderr)
        return None
    return parsed


def _start_history() -> Path | None:
    """Turn on readline editing and load earlier lines; None where readline is missing."""
    try:
        import readline
    except ImportError:  # e.g. Windows without pyreadline: plain input() still works
        return None
    path = Path.home() / HISTORY_FILE
    readline.set_history_length(HISTORY_LENGTH)
    with contextlib.suppress(OSError):  # none yet, or unreadable: start empty
        readline.read_history_file(path)
    return path


def _save_history(path: Path) -> None:
    import readline

    try:
        readline.write_history_file(path)
    except OSError as error:
        print(f"articlebot: history not saved ({error.strerror})", file=sys.stderr)
