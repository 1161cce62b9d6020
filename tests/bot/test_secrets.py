"""The bot token never shows: not in logs at DEBUG, not in errors, not in tracebacks.

The real ArticleBot logs in against a local server that answers 401 (discord.py's REST base is
pointed at it), once in-process and once as `articlebot run` in a subprocess; everything the
process prints is searched for the token and its parts.
"""

from __future__ import annotations

import asyncio
import io
import logging
import os
import subprocess
import sys
import traceback
from collections.abc import AsyncIterator
from pathlib import Path

import discord
import pytest
from aiohttp import web

from bot.client import ArticleBot, _serve
from bot.settings import Secret, Settings

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "MTE4NzQ2NTU0MzIxMDk4NzY1NA.GhXq9z.tOkEn-SeCrEt_do-not-leak_0123456789abcd"
PARTS = (TOKEN, TOKEN.split(".")[-1], TOKEN.split(".")[0], f"Bot {TOKEN}")
# Points discord.py at the test's server from inside a subprocess; no project file changes.
SITECUSTOMIZE = """
import os
base = os.environ.get("TEST_DISCORD_API_BASE")
if base:
    import discord.http
    discord.http.Route.BASE = base
"""


def assert_no_token(text: str) -> None:
    for part in PARTS:
        assert part not in text, f"token part {part[:6]}… leaked"


@pytest.fixture
async def refusing_api() -> AsyncIterator[tuple[str, list[str]]]:
    """A local Discord REST stand-in that refuses every token; yields its base URL and the
    Authorization headers it saw (proof the token was really sent)."""
    seen: list[str] = []

    async def refuse(request: web.Request) -> web.Response:
        seen.append(request.headers.get("Authorization", ""))
        return web.json_response({"message": "401: Unauthorized", "code": 0}, status=401)

    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", refuse)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    yield f"http://127.0.0.1:{port}/api/v10", seen
    await runner.cleanup()


@pytest.fixture
def debug_log() -> io.StringIO:
    """Every logger at DEBUG, formatted with tracebacks, into one buffer."""
    buffer = io.StringIO()
    handler = logging.StreamHandler(buffer)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    yield buffer
    root.removeHandler(handler)
    root.setLevel(old_level)


def test_secret_never_shows_itself() -> None:
    secret = Secret(TOKEN)
    settings = Settings(token=secret)
    shown = [str(secret), repr(secret), f"{secret}", "%s" % secret, "{}".format(secret),  # noqa: UP031, UP032
             repr(settings), str(settings), str([secret]), str({"t": secret})]  # fmt: skip
    for text in shown:
        assert_no_token(text)
    assert secret.reveal() == TOKEN


def test_settings_read_the_token_from_dotenv_and_dotenv_is_ignored(tmp_path: Path) -> None:
    env = tmp_path / ".env"
    env.write_text(f"DISCORD_TOKEN={TOKEN}\n", encoding="utf-8")
    settings = Settings.from_env({}, env_file=env)
    assert settings.token.reveal() == TOKEN
    assert_no_token(repr(settings))
    ignored = subprocess.run(
        ["git", "check-ignore", "-q", ".env"], cwd=ROOT, check=False, capture_output=True
    )
    assert ignored.returncode == 0, ".env must be git-ignored"


async def test_login_failure_at_debug_never_logs_the_token(
    refusing_api: tuple[str, list[str]],
    debug_log: io.StringIO,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    base, seen = refusing_api
    monkeypatch.setattr(discord.http.Route, "BASE", base)
    settings = Settings(token=Secret(TOKEN), database=str(tmp_path / "bot.db"), log_level="DEBUG")
    assert await _serve(settings) == 1  # the clean "refused the token" exit
    assert seen == [f"Bot {TOKEN}"]  # the token really went out, so the search means something
    printed = capsys.readouterr()
    assert "refused the token" in printed.err
    assert "401" in debug_log.getvalue()  # discord.http's DEBUG lines were captured
    assert_no_token(debug_log.getvalue() + printed.out + printed.err)


async def test_the_login_error_and_its_traceback_never_hold_the_token(
    refusing_api: tuple[str, list[str]], debug_log: io.StringIO, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    base, _ = refusing_api
    monkeypatch.setattr(discord.http.Route, "BASE", base)
    bot = ArticleBot(Settings(token=Secret(TOKEN), database=str(tmp_path / "bot.db")))
    with pytest.raises(discord.LoginFailure) as caught:
        async with bot:
            await bot.login(TOKEN)
    shown = "".join(traceback.format_exception(caught.value))
    logging.getLogger("test").exception("login failed", exc_info=caught.value)
    assert_no_token(shown + repr(caught.value) + str(caught.value) + debug_log.getvalue())


def _run_cli(tmp_path: Path, base: str) -> subprocess.CompletedProcess[str]:
    (tmp_path / "site").mkdir(exist_ok=True)
    (tmp_path / "site" / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(tmp_path / "site"), str(ROOT)]),
        "TEST_DISCORD_API_BASE": base,
        "DISCORD_TOKEN": TOKEN,
        "LOG_LEVEL": "DEBUG",
        "ARTICLEBOT_DB": str(tmp_path / "run.db"),
        "PYTHONASYNCIODEBUG": "1",
    }
    return subprocess.run(
        [sys.executable, "-m", "bot", "run"], cwd=tmp_path, env=env, capture_output=True,
        text=True, timeout=60, check=False,
    )  # fmt: skip


async def test_articlebot_run_with_a_refused_token_prints_no_token(
    refusing_api: tuple[str, list[str]], tmp_path: Path
) -> None:
    base, seen = refusing_api
    result = await asyncio.to_thread(_run_cli, tmp_path, base)
    assert result.returncode == 1, result.stderr[-2000:]
    assert seen == [f"Bot {TOKEN}"]
    assert "DEBUG discord.http" in result.stderr and "refused the token" in result.stderr
    assert_no_token(result.stdout + result.stderr)


def test_articlebot_run_against_no_server_at_all_prints_no_token(tmp_path: Path) -> None:
    """Connection refused: one line saying so, exit status 1, and never the token."""
    result = _run_cli(tmp_path, "http://127.0.0.1:9/api/v10")  # the discard port: closed
    assert result.returncode == 1, result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    said = [line for line in result.stderr.splitlines() if line.startswith("articlebot:")]
    assert len(said) == 1 and said[0].startswith("articlebot: cannot reach Discord ("), said
    assert_no_token(result.stdout + result.stderr)
