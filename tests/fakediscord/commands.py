"""Application command registration, as interactions/application-commands describes it.

Bulk overwrite (PUT …/commands), and one command at a time: create (POST, overwriting a command
of the same name and type: "Creating a command with the same name as an existing command for
your application will overwrite the old command"), edit (PATCH …/commands/{id}), fetch (GET) and
delete (DELETE, 204). Every change is checked as the whole resulting set would be.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tests.fakediscord import limits

if TYPE_CHECKING:
    from tests.fakediscord.server import FakeDiscord

NOT_FOUND = (404, {"message": "404: Not Found", "code": 0})
UNKNOWN_COMMAND = (404, {"message": "Unknown application command", "code": 10063})
MISSING_ACCESS = (403, {"message": "Missing Access", "code": 50001})


class Registry:
    """The global and per-guild command lists of the fake's one application."""

    def __init__(self, fake: FakeDiscord) -> None:
        self.fake = fake

    def current(self, guild_id: int | None) -> list[dict[str, Any]]:
        fake = self.fake
        return fake.global_commands if guild_id is None else fake.guild_commands.get(guild_id, [])

    def _store(self, guild_id: int | None, registered: list[dict[str, Any]]) -> None:
        if guild_id is None:
            self.fake.global_commands = registered
        else:
            self.fake.guild_commands[guild_id] = registered

    def _entry(self, command: dict[str, Any], guild_id: int | None, known: dict) -> dict[str, Any]:
        fake = self.fake
        kind = command.get("type", 1)
        entry = {
            "default_member_permissions": None,
            "contexts": None,
            "integration_types": [0],
            "nsfw": False,
            "options": [],
            "description": "",  # Discord's answer for USER and MESSAGE commands (docs:
            # interactions/application-commands#application-command-object)
            **command,
            "type": kind,
            "id": known.get((kind, command["name"])) or str(fake.ids.next()),
            "application_id": str(fake.application_id),
            "version": str(fake.ids.next()),
        }
        if entry["default_member_permissions"] is not None:  # Discord answers a string
            entry["default_member_permissions"] = str(int(entry["default_member_permissions"]))
        if guild_id is not None:
            entry["guild_id"] = str(guild_id)
        return entry

    def handle(
        self, method: str, guild_id: int | None, command_id: str | None, payload: Any
    ) -> tuple[int, Any]:
        if guild_id is not None and guild_id not in self.fake.guilds:
            return MISSING_ACCESS
        current = self.current(guild_id)
        if command_id is None:
            if method == "GET":
                return 200, current
            if method == "PUT" and isinstance(payload, list):
                return self._overwrite(guild_id, payload)
            if method == "POST" and isinstance(payload, dict):
                return self._create(guild_id, payload)
            return NOT_FOUND
        found = next((c for c in current if c["id"] == command_id), None)
        if found is None:
            return UNKNOWN_COMMAND
        if method == "GET":
            return 200, found
        if method == "DELETE":
            self._store(guild_id, [c for c in current if c is not found])
            return 204, None
        if method == "PATCH" and isinstance(payload, dict):
            edited = {k: v for k, v in found.items() if k not in ("id", "version")} | payload
            others = [c for c in current if c is not found]
            status, body = self._overwrite(guild_id, [*others, edited], keep=found["id"])
            if status != 200:
                return status, body
            return 200, next(c for c in body if c["id"] == found["id"])
        return NOT_FOUND

    def _create(self, guild_id: int | None, command: dict[str, Any]) -> tuple[int, Any]:
        current = self.current(guild_id)
        kind = command.get("type", 1)
        same = next((c for c in current if (c["type"], c["name"]) == (kind, command.get("name"))), None)
        others = [c for c in current if c is not same]
        status, body = self._overwrite(guild_id, [*others, command])
        if status != 200:
            return status, body
        created = next(c for c in body if (c["type"], c["name"]) == (kind, command["name"]))
        return (200 if same else 201), created

    def _overwrite(
        self, guild_id: int | None, commands: list[dict[str, Any]], keep: str | None = None
    ) -> tuple[int, Any]:
        problems = limits.check_commands(commands)
        if problems:
            return 400, limits.form_error(problems)
        known = {(c["type"], c["name"]): c["id"] for c in self.current(guild_id)}
        registered = []
        for command in commands:
            entry = self._entry(command, guild_id, known)
            if keep and command is commands[-1]:  # an edit keeps the command's id
                entry["id"] = keep
            registered.append(entry)
        self._store(guild_id, registered)
        self.fake.syncs.append((guild_id, commands))
        return 200, registered
