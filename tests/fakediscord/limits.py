"""Discord's validation of what a bot sends, as strict as the real API (400 Invalid Form Body).

Each check returns a list of problems `(path, code, message)`; `form_error` nests them the way
Discord does, so discord.py's HTTPException shows them as "In embeds.0.title: ...".
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

Problem = tuple[tuple[str, ...], str, str]

CONTENT = 2000
EMBEDS = 10
EMBED_TOTAL = 6000
EMBED_TEXT = {"title": 256, "description": 4096}
FIELDS = 25
FIELD_NAME = 256
FIELD_VALUE = 1024
FOOTER_TEXT = 2048
AUTHOR_NAME = 256
ACTION_ROWS = 5
ROW_BUTTONS = 5
CUSTOM_ID = 100
BUTTON_LABEL = 80
SELECT_OPTIONS = 25
CHOICES = 25
CHOICE_NAME = 100
CHOICE_VALUE = 100
MODAL_TITLE = 45
TEXT_INPUT_LABEL = 45
TEXT_INPUT_MAX = 4000
KNOWN_FLAGS = (1 << 2) | (1 << 6) | (1 << 12) | (1 << 15)  # suppress embeds, ephemeral, silent, V2
COMPONENTS_V2 = 1 << 15  # resources/message#message-object-message-flags (IS_COMPONENTS_V2)
# Edit Message: "SUPPRESS_EMBEDS and IS_COMPONENTS_V2 only" (resources/message#edit-message).
EDITABLE_FLAGS = (1 << 2) | COMPONENTS_V2
# "^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$" (interactions/application-commands#application-
# command-object-application-command-naming); \w is letters, digits and _ (and marks, which the
# Devanagari and Thai scripts need).
COMMAND_NAME = re.compile(r"^[-_'\w]{1,32}$")
BUTTON_STYLES = range(1, 7)  # components/reference#button-button-styles: 1-5, 6 premium
SELECT_TYPES = (3, 5, 6, 7, 8)  # string, user, role, mentionable, channel select
MENTION_IDS = 100  # resources/message#allowed-mentions-object: users, roles "Max size of 100"
COMMANDS = 100  # interactions/application-commands#registering-a-command: 100 CHAT_INPUT
V2_COMPONENTS = 40  # components/reference: "Messages allow up to 40 total components"
# components/reference#component-object-component-types: the types a V2 message may use.
V2_MESSAGE_TYPES = frozenset({1, 2, 3, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 17})
V2_TOP_LEVEL = frozenset({1, 9, 10, 12, 13, 14, 17})
URL_SCHEMES = ("http://", "https://", "attachment://")


def _max(value: Any, limit: int, path: tuple[str, ...]) -> list[Problem]:
    if value is None:
        return []
    if not isinstance(value, str):
        return [(path, "BASE_TYPE_STRING", "Must be a string.")]
    if len(value) > limit:
        return [(path, "BASE_TYPE_MAX_LENGTH", f"Must be {limit} or fewer in length.")]
    return []


def _required_text(value: Any, limit: int, path: tuple[str, ...]) -> list[Problem]:
    if value is None or value == "":
        return [(path, "BASE_TYPE_REQUIRED", "This field is required")]
    return _max(value, limit, path)


def embed_length(embed: dict[str, Any]) -> int:
    """The characters Discord counts towards the 6000 total of a message's embeds."""
    parts = [embed.get("title"), embed.get("description")]
    parts += [(embed.get("footer") or {}).get("text"), (embed.get("author") or {}).get("name")]
    for f in embed.get("fields") or []:
        parts += [f.get("name"), f.get("value")]
    return sum(len(p) for p in parts if isinstance(p, str))


def check_embed(embed: dict[str, Any], path: tuple[str, ...]) -> list[Problem]:
    problems: list[Problem] = []
    for key, limit in EMBED_TEXT.items():
        problems += _max(embed.get(key), limit, (*path, key))
    footer, author = embed.get("footer"), embed.get("author")
    if footer is not None:
        problems += _required_text(footer.get("text"), FOOTER_TEXT, (*path, "footer", "text"))
    if author is not None:
        problems += _required_text(author.get("name"), AUTHOR_NAME, (*path, "author", "name"))
    fields = embed.get("fields") or []
    if len(fields) > FIELDS:
        problems.append(
            ((*path, "fields"), "BASE_TYPE_MAX_LENGTH", f"Must be {FIELDS} or fewer in length.")
        )
    for i, f in enumerate(fields):
        here = (*path, "fields", str(i))
        problems += _required_text(f.get("name"), FIELD_NAME, (*here, "name"))
        problems += _required_text(f.get("value"), FIELD_VALUE, (*here, "value"))
    color = embed.get("color")
    if color is not None and not (isinstance(color, int) and 0 <= color <= 0xFFFFFF):
        problems.append(((*path, "color"), "NUMBER_TYPE_MAX", "int value should be <= 16777215."))
    urls = [("url",), ("image", "url"), ("thumbnail", "url"), ("author", "url")]
    for keys in urls:
        value: Any = embed
        for key in keys:
            value = value.get(key) if isinstance(value, dict) else None
        if value is not None and not str(value).startswith(URL_SCHEMES):
            problems.append(((*path, *keys), "URL_TYPE_INVALID_URL", "Not a well formed URL."))
    return problems


def _check_button(button: dict[str, Any], path: tuple[str, ...]) -> list[Problem]:
    problems = _max(button.get("label"), BUTTON_LABEL, (*path, "label"))
    if button.get("style") not in BUTTON_STYLES:  # components/reference#button-button-styles
        problems.append(
            ((*path, "style"), "BASE_TYPE_CHOICES", f"Value must be one of {set(BUTTON_STYLES)}.")
        )
        return problems
    if button.get("style") == 6:  # premium: a sku_id, and nothing else a button may carry
        if not button.get("sku_id") or any(
            button.get(k) for k in ("custom_id", "label", "url", "emoji")
        ):
            problems.append(
                (path, "BUTTON_COMPONENT_INVALID", "A premium button needs a sku_id only.")
            )
        return problems
    if button.get("style") == 5:
        if not button.get("url") or button.get("custom_id"):
            problems.append(
                (path, "COMPONENT_INVALID", "A link button needs a url and no custom_id.")
            )
    else:
        problems += _required_text(button.get("custom_id"), CUSTOM_ID, (*path, "custom_id"))
    if not button.get("label") and not button.get("emoji"):
        problems.append((path, "BUTTON_COMPONENT_INVALID", "A button needs a label or an emoji."))
    return problems


def _check_select(select: dict[str, Any], path: tuple[str, ...]) -> list[Problem]:
    problems = _required_text(select.get("custom_id"), CUSTOM_ID, (*path, "custom_id"))
    options = select.get("options")
    if select.get("type") == 3 and not 1 <= len(options or []) <= SELECT_OPTIONS:
        problems.append(
            ((*path, "options"), "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 25 in length.")
        )
    for i, option in enumerate(options or []):
        problems += _required_text(option.get("label"), 100, (*path, "options", str(i), "label"))
        problems += _required_text(option.get("value"), 100, (*path, "options", str(i), "value"))
    return problems


def check_components(components: list[dict[str, Any]], v2: bool) -> list[Problem]:
    """Classic action rows (at most 5, each 1-5 buttons or one select), or a V2 layout."""
    if v2:
        return _check_v2(components)
    problems: list[Problem] = []
    if len(components) > ACTION_ROWS:
        problems.append((("components",), "BASE_TYPE_MAX_LENGTH", "Must be 5 or fewer in length."))
    custom_ids: list[str] = []
    for i, row in enumerate(components):
        path = ("components", str(i))
        if row.get("type") != 1:
            problems.append(
                ((*path, "type"), "COMPONENT_LAYOUT_INVALID", "Top level must be action rows.")
            )
            continue
        problems += _check_row(row, path, custom_ids)
    if len(custom_ids) != len(set(custom_ids)):
        problems.append((("components",), "COMPONENT_CUSTOM_ID_DUPLICATED", "Duplicate custom_id."))
    return problems


def _check_row(row: dict[str, Any], path: tuple[str, ...], custom_ids: list[str]) -> list[Problem]:
    """components/reference#action-row: "Up to 5 contextually grouped buttons" or "A single
    select component"; a text input (type 4) belongs in a modal, never in a message."""
    problems: list[Problem] = []
    children = row.get("components") or []
    kinds = [c.get("type") for c in children]
    buttons = kinds.count(2)
    selects = sum(kind in SELECT_TYPES for kind in kinds)
    if (
        not children
        or buttons > ROW_BUTTONS
        or (buttons and buttons != len(children))
        or (selects and len(children) != 1)
    ):
        problems.append(((*path, "components"), "COMPONENT_LAYOUT_WIDTH_EXCEEDED", "Bad row."))
    for j, child in enumerate(children):
        here = (*path, "components", str(j))
        if child.get("type") == 2:
            problems += _check_button(child, here)
        elif child.get("type") in SELECT_TYPES:
            problems += _check_select(child, here)
        else:  # components/reference#component-object-component-types: "Modal" only, or unknown
            problems.append(
                ((*here, "type"), "COMPONENT_TYPE_INVALID", "Not allowed in a message.")
            )
        if child.get("custom_id"):
            custom_ids.append(child["custom_id"])
    return problems


def _check_v2(components: list[dict[str, Any]]) -> list[Problem]:
    """A Components V2 layout (components/reference): known message types, layouts at the top,
    text displays with content, rows as in classic messages, at most 40 components in all."""
    problems: list[Problem] = []
    custom_ids: list[str] = []
    count = 0

    def walk(component: dict[str, Any], path: tuple[str, ...], top: bool) -> None:
        nonlocal count
        count += 1
        kind = component.get("type")
        if kind not in V2_MESSAGE_TYPES or (top and kind not in V2_TOP_LEVEL):
            problems.append(
                ((*path, "type"), "COMPONENT_TYPE_INVALID", f"Type {kind} not allowed here.")
            )
            return
        if kind == 1:
            count += len(component.get("components") or [])
            problems.extend(_check_row(component, path, custom_ids))
        elif kind == 10:
            problems.extend(_required_text(component.get("content"), 4000, (*path, "content")))
        for key in ("components",) if kind in (9, 17) else ():
            for i, child in enumerate(component.get(key) or []):
                walk(child, (*path, key, str(i)), False)
        if kind == 9 and component.get("accessory") is not None:
            walk(component["accessory"], (*path, "accessory"), False)

    for i, component in enumerate(components):
        walk(component, ("components", str(i)), True)
    if count > V2_COMPONENTS:
        problems.append((("components",), "BASE_TYPE_MAX_LENGTH", "Must be 40 or fewer in total."))
    if len(custom_ids) != len(set(custom_ids)):
        problems.append((("components",), "COMPONENT_CUSTOM_ID_DUPLICATED", "Duplicate custom_id."))
    return problems


def check_allowed_mentions(allowed: dict[str, Any] | None) -> list[Problem]:
    if allowed is None:
        return []
    path = ("allowed_mentions",)
    parse = allowed.get("parse", [])
    problems: list[Problem] = []
    if not set(parse) <= {"everyone", "users", "roles"}:
        problems.append(((*path, "parse"), "ENUM_TYPE_COERCE", f"Bad parse value in {parse}."))
    for kind in ("users", "roles"):
        if len(allowed.get(kind) or []) > MENTION_IDS:  # resources/message#allowed-mentions-object
            problems.append(
                ((*path, kind), "BASE_TYPE_MAX_LENGTH", "Must be 100 or fewer in length.")
            )
        if kind in parse and allowed.get(kind):
            message = f'parse:["{kind}"] and {kind}: [ids...] are mutually exclusive.'
            problems.append(((*path, kind), "MENTION_PARSE_CONFLICT", message))
    return problems


def check_message(payload: dict[str, Any]) -> list[Problem]:
    """Content, embeds, components, flags and allowed_mentions of a message or an edit."""
    problems = _max(payload.get("content"), CONTENT, ("content",))
    embeds = payload.get("embeds") or []
    if len(embeds) > EMBEDS:
        problems.append(
            (("embeds",), "BASE_TYPE_MAX_LENGTH", f"Must be {EMBEDS} or fewer in length.")
        )
    for i, embed in enumerate(embeds):
        problems += check_embed(embed, ("embeds", str(i)))
    if sum(embed_length(e) for e in embeds) > EMBED_TOTAL:
        problems.append(
            (("embeds",), "MAX_EMBED_SIZE_EXCEEDED", "Embed size exceeds maximum size of 6000")
        )
    flags = payload.get("flags") or 0
    if flags & ~KNOWN_FLAGS:
        problems.append((("flags",), "MESSAGE_FLAGS_INVALID", f"Flags {flags} cannot be set."))
    v2 = bool(flags & COMPONENTS_V2)
    # resources/message#create-message: with IS_COMPONENTS_V2 "the message can only contain
    # components. Providing content, embeds, sticker_ids, poll ... will fail with a 400".
    for key in ("content", "embeds", "sticker_ids", "poll") if v2 else ():
        if payload.get(key):
            problems.append(
                ((key,), "MESSAGE_CANNOT_USE_LEGACY_FIELDS_WITH_COMPONENTS_V2", "Not with V2.")
            )
    problems += check_components(payload.get("components") or [], v2)
    problems += check_allowed_mentions(payload.get("allowed_mentions"))
    return problems


def is_empty(payload: dict[str, Any], files: int) -> bool:
    keys = ("content", "embeds", "components", "sticker_ids", "poll")
    return not files and not any(payload.get(k) for k in keys)


def check_choices(data: dict[str, Any]) -> list[Problem]:
    choices = data.get("choices") or []
    problems: list[Problem] = []
    if len(choices) > CHOICES:
        problems.append(
            (("data", "choices"), "BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length.")
        )
    for i, choice in enumerate(choices):
        path = ("data", "choices", str(i))
        problems += _required_text(choice.get("name"), CHOICE_NAME, (*path, "name"))
        if isinstance(choice.get("value"), str):
            problems += _max(choice["value"], CHOICE_VALUE, (*path, "value"))
    return problems


def text_inputs(components: Iterable[dict[str, Any]]) -> list[tuple[str | None, dict[str, Any]]]:
    """Every text input of a modal with its label: inside action rows or Label components."""
    found: list[tuple[str | None, dict[str, Any]]] = []
    for component in components:
        if component.get("type") == 1:
            found += [(c.get("label"), c) for c in component.get("components", [])]
        elif component.get("type") == 18:
            found.append((component.get("label"), component["component"]))
    return [(label, c) for label, c in found if c.get("type") == 4]


def check_modal(data: dict[str, Any]) -> list[Problem]:
    problems = _required_text(data.get("title"), MODAL_TITLE, ("data", "title"))
    problems += _required_text(data.get("custom_id"), CUSTOM_ID, ("data", "custom_id"))
    components = data.get("components") or []
    if not 1 <= len(components) <= 5:
        problems.append(
            (("data", "components"), "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 5 in length.")
        )
    for i, (label, text) in enumerate(text_inputs(components)):
        path = ("data", "components", str(i))
        problems += _required_text(label, TEXT_INPUT_LABEL, (*path, "label"))
        problems += _required_text(text.get("custom_id"), CUSTOM_ID, (*path, "custom_id"))
        problems += _max(text.get("value"), TEXT_INPUT_MAX, (*path, "value"))
        problems += _max(text.get("placeholder"), 100, (*path, "placeholder"))
        low, high = text.get("min_length", 0), text.get("max_length", TEXT_INPUT_MAX)
        if not (0 <= low <= TEXT_INPUT_MAX and 1 <= high <= TEXT_INPUT_MAX and low <= high):
            problems.append((path, "BASE_TYPE_BAD_LENGTH", "Bad min_length/max_length."))
    return problems


def check_commands(commands: list[dict[str, Any]]) -> list[Problem]:
    """A bulk overwrite of application commands: names, descriptions, option order."""
    problems: list[Problem] = []
    if sum(c.get("type", 1) == 1 for c in commands) > COMMANDS:  # 100 CHAT_INPUT commands
        problems.append(((), "BASE_TYPE_MAX_LENGTH", "Must be 100 or fewer in length."))
    names = [(c.get("type", 1), c.get("name")) for c in commands]
    if len(names) != len(set(names)):
        problems.append(((), "APPLICATION_COMMANDS_DUPLICATE_NAME", "Duplicate command name."))
    for i, command in enumerate(commands):
        chat = command.get("type", 1) == 1
        problems += _check_command(command, (str(i),), chat)
    return problems


def _check_command(command: dict[str, Any], path: tuple[str, ...], chat: bool) -> list[Problem]:
    name = command.get("name") or ""
    problems: list[Problem] = []
    if chat and (not COMMAND_NAME.match(name) or name != name.lower()):
        problems.append(
            ((*path, "name"), "APPLICATION_COMMAND_INVALID_NAME", f"Bad name {name!r}.")
        )
    if chat:
        problems += _required_text(command.get("description"), 100, (*path, "description"))
    options = command.get("options") or []
    if len(options) > 25:
        problems.append(
            ((*path, "options"), "BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length.")
        )
    seen_optional = False
    for j, option in enumerate(options):
        here = (*path, "options", str(j))
        if option.get("type") in (1, 2):
            problems += _check_command(option, here, True)
            continue
        problems += _check_command({**option, "options": []}, here, True)
        if option.get("required"):
            if seen_optional:
                problems.append(
                    (
                        here,
                        "APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID",
                        "Required options must be placed before non-required options",
                    )
                )
        else:
            seen_optional = True
        if option.get("choices") and option.get("autocomplete"):
            # interactions/application-commands#application-command-object-application-command-
            # option-structure: "autocomplete may not be set to true if choices are present".
            problems.append(
                ((*here, "autocomplete"), "APPLICATION_COMMAND_OPTION_INVALID", "Not with choices.")
            )
        if len(option.get("choices") or []) > CHOICES:
            problems.append(
                ((*here, "choices"), "BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length.")
            )
    return problems


def form_error(problems: list[Problem]) -> dict[str, Any]:
    """Discord's 400 body: {'code': 50035, 'errors': {path...: {'_errors': [...]}}}."""
    errors: dict[str, Any] = {}
    for path, code, message in problems:
        node = errors
        for key in path:
            node = node.setdefault(key, {})
        node.setdefault("_errors", []).append({"code": code, "message": message})
    return {"code": 50035, "errors": errors, "message": "Invalid Form Body"}
