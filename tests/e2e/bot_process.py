"""`articlebot ARGS` in a process of its own, pointed at a fake Discord at $FAKE_DISCORD_URL.

The fake patches discord.py's REST base and gateway address inside its own process; a bot in
another process needs the same two addresses set before `articlebot run` starts. Nothing else
differs from the production command.
"""

from __future__ import annotations

import os
import sys

import discord.gateway
import discord.http
import yarl

from bot.cli import main

if __name__ == "__main__":
    base = os.environ["FAKE_DISCORD_URL"]
    discord.http.Route.BASE = f"{base}/api/v10"
    discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(
        base.replace("http://", "ws://") + "/gateway"
    )
    sys.exit(main(sys.argv[1:]))
