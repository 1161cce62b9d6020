"""Files sent with a message, checked as Discord checks them, and the attachments they become.

https://discord.com/developers/docs/reference#uploading-files : a message with files is a
multipart/form-data body: the JSON in a `payload_json` part, each file in a part named
`files[n]`; the JSON's `attachments` array lists the files with `id` = n, and may give each
a `filename` and a `description` (alt text).
https://discord.com/developers/docs/resources/message#attachment-object : `description`, max
1024 characters.
https://discord.com/developers/docs/reference#uploading-files (file size): each file at most
the interaction's `attachment_size_limit` (10 MiB without boosts); larger is refused with
413 and code 40005, "Request entity too large".
"""

from __future__ import annotations

import re
from typing import Any

from tests.fakediscord import limits
from tests.fakediscord.records import Upload

ATTACHMENT_SIZE_LIMIT = 10 * 1024 * 1024
MAX_DESCRIPTION = 1024
TOO_LARGE = (413, {"message": "Request entity too large", "code": 40005})
FILE_FIELD = re.compile(r"files\[(\d+)\]")
CONTENT_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".gif": "image/gif", ".txt": "text/plain"}


def index_of(upload: Upload) -> int | None:
    """n of a `files[n]` part (None for a file a user attached to a command option)."""
    match = FILE_FIELD.fullmatch(upload.field)
    return int(match.group(1)) if match else None


def check(payload: dict[str, Any], files: list[Upload]) -> tuple[int, Any] | None:
    """Discord's refusal of these files with this JSON, or None when it would take them."""
    if not files:
        return None
    if any(len(upload.data) > ATTACHMENT_SIZE_LIMIT for upload in files):
        return TOO_LARGE
    problems: list[limits.Problem] = []
    indexes = [index_of(upload) for upload in files]
    if None in indexes or len(set(indexes)) != len(indexes):
        problems.append((("files",), "BASE_TYPE_BAD_FIELD", "Files must be named files[n]."))
    listed = payload.get("attachments")
    new = {str(a.get("id")): (i, a) for i, a in enumerate(listed or []) if "url" not in a}
    for upload, index in zip(files, indexes, strict=True):
        if listed is None or index is None:
            continue  # no `attachments`: Discord takes the files without descriptions
        found = new.get(str(index))
        if found is None:
            path = ("attachments",)
            problems.append((path, "ATTACHMENT_NOT_FOUND", f"files[{index}] is not listed."))
            continue
        position, attachment = found
        if attachment.get("filename", upload.filename) != upload.filename:
            path = ("attachments", str(position), "filename")
            problems.append((path, "BASE_TYPE_BAD_FIELD", "Not the uploaded file's name."))
        if len(attachment.get("description") or "") > MAX_DESCRIPTION:
            path = ("attachments", str(position), "description")
            problems.append((path, "BASE_TYPE_MAX_LENGTH", f"Must be {MAX_DESCRIPTION} or fewer in length."))
    unknown = set(new) - {str(i) for i in indexes}
    if listed is not None and unknown and all(k.isdigit() and int(k) < 1000 for k in unknown):
        problems.append((("attachments",), "ATTACHMENT_NOT_FOUND", f"No files{sorted(unknown)}."))
    return (400, limits.form_error(problems)) if problems else None


def described(payload: dict[str, Any], upload: Upload) -> dict[str, Any]:
    """What Discord adds to a hosted file from the JSON: its description; a type by its name."""
    extra: dict[str, Any] = {}
    for attachment in payload.get("attachments") or []:
        listed = "url" not in attachment and str(attachment.get("id")) == str(index_of(upload))
        if listed and attachment.get("description"):
            extra["description"] = attachment["description"]
    suffix = upload.filename[upload.filename.rfind(".") :].lower() if "." in upload.filename else ""
    if suffix in CONTENT_TYPES:
        extra["content_type"] = CONTENT_TYPES[suffix]
    return extra
