"""A fake Discord (REST, gateway, CDN) on loopback, for driving the real discord.py client."""

from tests.fakediscord.harness import ErrorLog, run_client
from tests.fakediscord.models import Guild, Member, User
from tests.fakediscord.records import Capture, Interaction, Message, Upload
from tests.fakediscord.server import FakeDiscord, FakeDiscordError

__all__ = [
    "Capture",
    "ErrorLog",
    "FakeDiscord",
    "FakeDiscordError",
    "Guild",
    "Interaction",
    "Member",
    "Message",
    "Upload",
    "User",
    "run_client",
]
