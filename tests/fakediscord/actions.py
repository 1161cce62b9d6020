"""What a user does in the Discord client, as INTERACTION_CREATE events the bot receives.

The Discord client only offers what Discord allows: commands that are registered for the
guild and that the member's permissions unlock, options of the declared types, enabled
buttons on messages the member can see, text inputs within their lengths. Asking for anything
else raises FakeDiscordError before the bot sees a thing.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from tests.fakediscord import limits
from tests.fakediscord.models import ADMINISTRATOR, Channel, Guild, Member
from tests.fakediscord.records import DEFERRED_MESSAGE, Interaction, Message, Upload

if TYPE_CHECKING:
    from tests.fakediscord.server import FakeDiscord

ATTACHMENT_SIZE_LIMIT = 10 * 1024 * 1024
SUBCOMMAND, GROUP, STRING, INTEGER, BOOLEAN, NUMBER, ATTACHMENT = 1, 2, 3, 4, 5, 10, 11
CHANNEL = 7


def _error(message: str) -> AssertionError:
    from tests.fakediscord.server import FakeDiscordError

    return FakeDiscordError(message)


class UserActions:
    """Mixed into FakeDiscord: the helper API the tests drive the bot with."""

    # -- commands -----------------------------------------------------------------------

    def find_command(self: FakeDiscord, guild: Guild, name: str) -> tuple[dict[str, Any], bool]:
        """The registered command `name` ('ask', 'article add') the guild offers."""
        top = name.split()[0]
        for commands, in_guild in (
            (self.guild_commands.get(guild.id, []), True),
            (self.global_commands, False),
        ):
            for command in commands:
                if (
                    command["name"] == top
                    and command["type"] == 1
                    and 0 in (command["contexts"] or [0])
                ):
                    return command, in_guild
        raise _error(
            f"/{top} is not registered in {guild.name}: the Discord client does not offer it"
        )

    @staticmethod
    def _leaf(
        command: dict[str, Any], name: str
    ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """The subcommand path (as option wrappers) and the leaf's option definitions."""
        path, definition = [], command
        for part in name.split()[1:]:
            found = next(
                (
                    o
                    for o in definition.get("options") or []
                    if o["name"] == part and o["type"] in (SUBCOMMAND, GROUP)
                ),
                None,
            )
            if found is None:
                raise _error(f"no subcommand {part!r} in /{name}")
            path.append(found)
            definition = found
        if any(o["type"] in (SUBCOMMAND, GROUP) for o in definition.get("options") or []):
            raise _error(f"/{name} is a group: name one of its subcommands")
        return path, definition.get("options") or []

    @contextmanager
    def allowing(self: FakeDiscord, guild: Guild, name: str, member: Member) -> Iterator[None]:
        """A server admin's override (Integrations settings) for the block: `member` may use
        /name whatever its default_member_permissions, so only the bot's own run-time check
        stands. Taken back at the end, so no later test inherits it."""
        key = (guild.id, name.split()[0], member.id)
        self.overrides.add(key)
        try:
            yield
        finally:
            self.overrides.discard(key)

    def _check_permission(
        self: FakeDiscord, command: dict[str, Any], member: Member, name: str
    ) -> None:
        required = command.get("default_member_permissions")
        if required is None or (member.guild.id, command["name"], member.id) in self.overrides:
            return
        required = int(required)
        allowed = member.has(ADMINISTRATOR) if required == 0 else member.has(required)
        if not allowed:
            raise _error(f"{member.user.name} lacks {required:#x} for /{name}: Discord hides it")

    def _option(
        self: FakeDiscord, spec: dict[str, Any], value: Any, resolved: dict[str, Any], focused: bool
    ) -> dict[str, Any]:
        kind, name = spec["type"], spec["name"]
        option = {"name": name, "type": kind, "value": value}
        if focused:  # what is typed so far, always a string
            if not spec.get("autocomplete"):
                raise _error(f"option {name!r} has no autocomplete")
            return option | {"value": str(value), "focused": True}
        if kind == ATTACHMENT:
            if not isinstance(value, Upload):
                raise _error(f"option {name!r} takes a file: use fake.upload()")
            attachment = self.host_file(value) | {"ephemeral": True}
            resolved.setdefault("attachments", {})[attachment["id"]] = attachment
            return option | {"value": attachment["id"]}
        if kind == CHANNEL:  # the id as the value, the channel in resolved.channels
            # https://discord.com/developers/docs/interactions/receiving-and-responding#interaction-object-resolved-data-structure
            if not isinstance(value, Channel):
                raise _error(f"option {name!r} takes a channel of the guild")
            partial = {k: v for k, v in value.to_json().items() if k in ("id", "name", "type")}
            resolved.setdefault("channels", {})[str(value.id)] = partial | {
                "permissions": str((1 << 53) - 1)
            }
            return option | {"value": str(value.id)}
        expected = {STRING: str, INTEGER: int, BOOLEAN: bool, NUMBER: (int, float)}.get(kind)
        if expected is None or not isinstance(value, expected):
            raise _error(f"option {name!r} of type {kind} cannot take {value!r}")
        choices = [c["value"] for c in spec.get("choices") or []]
        if choices and value not in choices:
            raise _error(f"option {name!r} offers only {choices}")
        if kind == STRING and not spec.get("min_length", 0) <= len(value) <= spec.get(
            "max_length", 6000
        ):
            raise _error(f"option {name!r}: {len(value)} characters is outside its limits")
        low, high = spec.get("min_value"), spec.get("max_value")
        if kind in (INTEGER, NUMBER) and (
            (low is not None and value < low) or (high is not None and value > high)
        ):
            raise _error(f"option {name!r}: {value} is outside [{low}, {high}]")
        return option

    def _command_data(
        self: FakeDiscord, guild: Guild, member: Member, name: str, options: dict[str, Any],
        focus: str | None = None,
    ) -> dict[str, Any]:  # fmt: skip
        command, in_guild = self.find_command(guild, name)
        self._check_permission(command, member, name)
        path, specs = self._leaf(command, name)
        by_name = {s["name"]: s for s in specs}
        unknown = set(options) - set(by_name)
        if unknown:
            raise _error(f"/{name} has no option {sorted(unknown)}; it has {sorted(by_name)}")
        if focus is None:
            missing = [s["name"] for s in specs if s.get("required") and s["name"] not in options]
            if missing:
                raise _error(f"/{name} needs {missing}")
        elif focus not in options:
            raise _error(f"the focused option {focus!r} needs a value")
        resolved: dict[str, Any] = {}
        values = [self._option(by_name[k], v, resolved, k == focus) for k, v in options.items()]
        for wrapper in reversed(path):
            values = [{"name": wrapper["name"], "type": wrapper["type"], "options": values}]
        data = {"id": command["id"], "name": command["name"], "type": 1, "options": values}
        if in_guild:
            data["guild_id"] = str(guild.id)
        if resolved:
            data["resolved"] = resolved
        return data

    def upload(self, filename: str, data: bytes | str, content_type: str = "text/plain") -> Upload:
        """A file a user attaches to a command option."""
        raw = data.encode() if isinstance(data, str) else data
        if len(raw) > ATTACHMENT_SIZE_LIMIT:
            raise _error(f"{filename} is larger than the attachment limit")
        return Upload(filename, content_type, raw)

    async def command(
        self: FakeDiscord, guild: Guild, member: Member, name: str, /, *, within: float = 5.0,
        **options: Any,
    ) -> Interaction:  # fmt: skip
        """Run /name with options; return once the bot has answered (a deferral is not enough)."""
        data = self._command_data(guild, member, name, options)
        return await self.interact(2, guild, member, data, within=within)

    async def autocomplete(
        self: FakeDiscord, guild: Guild, member: Member, name: str, focus: str, /, **options: Any
    ) -> list[dict[str, Any]]:
        """Type into option `focus` of /name; the choices the bot offers."""
        data = self._command_data(guild, member, name, options, focus)
        rec = await self.interact(4, guild, member, data)
        assert rec.choices is not None
        return rec.choices

    # -- components and modals ----------------------------------------------------------

    async def click(
        self: FakeDiscord, message: Message, button: str, member: Member, *, within: float = 5.0
    ) -> Interaction:
        """Press the button labelled `button` (or with that custom_id) on a message."""
        if message.ephemeral and member.id != message.owner_id:
            raise _error(f"{member.user.name} cannot see an ephemeral message of someone else")
        spec = message.button(button)
        if spec.get("disabled"):
            raise _error(f"button {button!r} is disabled")
        if spec.get("style") == 5:
            raise _error(f"button {button!r} is a link")
        source = next(i for i in self.interactions.values() if message in i.messages)
        data = {"custom_id": spec["custom_id"], "component_type": 2}
        if "id" in spec:
            data["id"] = spec["id"]
        return await self.interact(3, source.guild, member, data, source=message, within=within)

    async def select(
        self: FakeDiscord, message: Message, label: str, member: Member, *, within: float = 5.0
    ) -> Interaction:
        """Choose the option labelled `label` in the message's (single) string select menu."""
        if message.ephemeral and member.id != message.owner_id:
            raise _error(f"{member.user.name} cannot see an ephemeral message of someone else")
        menus = [c for row in message.components for c in row.get("components", []) if c["type"] == 3]
        if len(menus) != 1:
            raise _error(f"the message has {len(menus)} string select menus, not one")
        (menu,) = menus
        if menu.get("disabled"):
            raise _error("the select menu is disabled")
        option = next((o for o in menu["options"] if label in (o["label"], o["value"])), None)
        if option is None:
            raise _error(f"no option {label!r} in {[o['label'] for o in menu['options']]}")
        source = next(i for i in self.interactions.values() if message in i.messages)
        data = {"custom_id": menu["custom_id"], "component_type": 3, "values": [option["value"]]}
        if "id" in menu:
            data["id"] = menu["id"]
        return await self.interact(3, source.guild, member, data, source=message, within=within)

    async def submit_modal(
        self: FakeDiscord, opened: Interaction, values: dict[str, str], *, within: float = 5.0
    ) -> Interaction:
        """Fill in the modal the bot opened (fields by label or custom_id) and submit it."""
        modal = opened.modal
        if modal is None:
            raise _error(f"interaction {opened.id} opened no modal")
        remaining = dict(values)
        components = []
        for component in modal["components"]:
            inputs = limits.text_inputs([component])
            if not inputs:
                continue
            label, spec = inputs[0]
            key = next((k for k in remaining if k in (label, spec["custom_id"])), None)
            value = remaining.pop(key) if key is not None else ""
            if spec.get("required", True) and not value:
                raise _error(f"the field {label!r} is required")
            if value and not spec.get("min_length", 0) <= len(value) <= spec.get(
                "max_length", 4000
            ):
                raise _error(
                    f"the field {label!r} takes {spec.get('min_length', 0)}-{spec.get('max_length', 4000)} characters"
                )
            text = {
                "type": 4,
                "id": spec.get("id", 0),
                "custom_id": spec["custom_id"],
                "value": value,
            }
            if component["type"] == 18:
                components.append({"type": 18, "id": component.get("id", 0), "component": text})
            else:
                components.append({"type": 1, "id": component.get("id", 0), "components": [text]})
        if remaining:
            raise _error(f"the modal has no field {sorted(remaining)}")
        data = {"custom_id": modal["custom_id"], "components": components}
        return await self.interact(
            5, opened.guild, opened.member, data, source=opened.source, within=within
        )

    # -- injection ----------------------------------------------------------------------

    async def interact(
        self: FakeDiscord, kind: int, guild: Guild, member: Member, data: dict[str, Any], *,
        source: Message | None = None, channel: Channel | None = None, within: float = 5.0,
    ) -> Interaction:  # fmt: skip
        """Inject an interaction and wait for its answer (acknowledged in time, then shown)."""
        rec = await self.inject(kind, guild, member, data, source=source, channel=channel)
        await self.wait_for(
            lambda: rec.acknowledged,
            f"the bot to acknowledge interaction {rec.id} (type {kind})",
            min(within, self.response_deadline + 0.5),
        )
        what = (
            "the deferred reply to be edited"
            if rec.callback_type == DEFERRED_MESSAGE
            else "an answer"
        )
        await self.wait_for(lambda: rec.answered, f"{what} to interaction {rec.id}", within)
        return rec

    async def inject(
        self: FakeDiscord, kind: int, guild: Guild, member: Member, data: dict[str, Any], *,
        source: Message | None = None, channel: Channel | None = None, age: float = 0.0,
    ) -> Interaction:  # fmt: skip
        """Send INTERACTION_CREATE to the bot; return the record without waiting.

        `age` > 0 delivers an interaction Discord created that long ago (its snowflake and
        its response deadline both date from then), as a backlogged gateway would.
        """
        channel = channel or guild.channel
        bot = guild.members[self.bot_user.id]
        interaction_id = self.ids.next(age)
        token = f"aW50ZXJhY3Rpb24.{secrets.token_urlsafe(48)}"
        payload: dict[str, Any] = {
            "id": str(interaction_id),
            "application_id": str(self.application_id),
            "type": kind,
            "data": data,
            "guild_id": str(guild.id),
            "guild": {"id": str(guild.id), "locale": "en-US", "features": []},
            "channel_id": str(channel.id),
            "channel": channel.to_json() | {"permissions": str(member.permissions)},
            "member": member.to_json(),
            "token": token,
            "version": 1,
            "app_permissions": str(bot.permissions),
            "locale": "en-GB",
            "guild_locale": "en-US",
            "entitlements": [],
            "authorizing_integration_owners": {"0": str(guild.id)},
            "context": 0,
            "attachment_size_limit": ATTACHMENT_SIZE_LIMIT,
        }
        if source is not None:
            payload["message"] = source.data
        rec = Interaction(
            interaction_id, token, kind, guild, member, channel, payload, self.loop_time() - age,
            source,
        )
        self.interactions[rec.id] = rec
        await self.dispatch("INTERACTION_CREATE", payload)
        return rec

    async def dispatch(self: FakeDiscord, event: str, data: dict[str, Any]) -> None:
        """Send a gateway event on the live, identified connection (of the guild's shard)."""
        live = [c for c in self.connections if c.session is not None and not c.ws.closed]
        if "guild_id" in data:
            live = [c for c in live if c.owns(int(data["guild_id"]))]
        if not live:
            raise _error(f"no identified gateway connection to send {event} on")
        await live[-1].dispatch(event, data)

    async def request_reconnect(self: FakeDiscord) -> None:
        """Ask the client to reconnect (op 7); it should come back with RESUME."""
        live = [c for c in self.connections if c.session is not None and not c.ws.closed]
        if not live:
            raise _error("no identified gateway connection")
        await live[-1].send({"op": 7, "d": None})
