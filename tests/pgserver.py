"""A throwaway PostgreSQL cluster on a unix socket, for tests, CI and benchmarks.

`python -m tests.pgserver start DIR` prints the URL of a new cluster in DIR; `stop DIR` ends it.
The server listens on a socket in DIR only (no TCP port). initdb refuses to run as root, so
as root the cluster is run as the `postgres` user the Debian package creates.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import sys
from pathlib import Path

SUPERUSER = "postgres"


def find_bin() -> Path | None:
    """The folder holding initdb and pg_ctl, or None when PostgreSQL is not installed."""
    found = shutil.which("pg_ctl")
    if found and shutil.which("initdb"):
        return Path(found).parent
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=_version)
    return Path(versions[-1]).parent if versions else None


def _version(path: str) -> float:
    try:
        return float(Path(path).parent.parent.name)
    except ValueError:
        return 0.0


def _as_owner() -> list[str]:
    if os.geteuid() != 0:
        return []
    try:
        pwd.getpwnam("postgres")
    except KeyError:
        raise RuntimeError("running as root and there is no postgres user to run the server") from None
    return ["runuser", "-u", "postgres", "--"]


def url_for(folder: Path) -> str:
    return f"postgresql://{SUPERUSER}@/postgres?host={folder.resolve() / 'sock'}"


def with_search_path(url: str, schema: str) -> str:
    """The URL with its connections working in `schema`."""
    return f"{url}{'&' if '?' in url else '?'}search_path={schema}"


def start(folder: Path) -> str:
    """Create and start a cluster in `folder`; return its URL."""
    bin_dir = find_bin()
    if bin_dir is None:
        raise RuntimeError("PostgreSQL is not installed (no initdb/pg_ctl found)")
    folder.mkdir(parents=True, exist_ok=True)
    data, sock = folder / "data", folder / "sock"
    sock.mkdir(exist_ok=True)
    prefix = _as_owner()
    if prefix:
        record = pwd.getpwnam("postgres")
        for path in (folder, sock):
            os.chown(path, record.pw_uid, record.pw_gid)
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.PIPE, "check": True}
    if not (data / "PG_VERSION").exists():
        subprocess.run(
            [*prefix, str(bin_dir / "initdb"), "-D", str(data), "-U", SUPERUSER,
             "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8"],
            **quiet,
        )  # fmt: skip
    options = (
        f"-c listen_addresses='' -c unix_socket_directories='{sock}' -c fsync=off"
        " -c max_connections=200"
    )
    subprocess.run(
        [*prefix, str(bin_dir / "pg_ctl"), "-D", str(data), "-o", options, "-w",
         "-l", str(folder / "server.log"), "start"],
        **quiet,
    )  # fmt: skip
    return url_for(folder)


def stop(folder: Path) -> None:
    bin_dir = find_bin()
    if bin_dir is None or not (folder / "data" / "postmaster.pid").exists():
        return
    subprocess.run(
        [*_as_owner(), str(bin_dir / "pg_ctl"), "-D", str(folder / "data"), "-m", "fast",
         "-w", "stop"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False,
    )  # fmt: skip


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[0] not in {"start", "stop"}:
        print("usage: python -m tests.pgserver start|stop DIR", file=sys.stderr)
        return 2
    folder = Path(argv[1])
    if argv[0] == "stop":
        stop(folder)
        return 0
    try:
        print(start(folder))
    except (RuntimeError, subprocess.CalledProcessError) as error:
        detail = getattr(error, "stderr", b"") or b""
        print(f"pgserver: {error} {detail.decode(errors='replace').strip()}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
