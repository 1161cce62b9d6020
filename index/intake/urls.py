"""Check that a URL may be fetched, and normalize URLs so the same page is seen as a duplicate."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import unquote_plus, urlsplit, urlunsplit

from yarl import URL

from index.errors import FetchError, InvalidArticle

SCHEMES = frozenset({"http", "https"})
DEFAULT_PORTS = {"http": 80, "https": 443}

# Query parameters that say how a reader reached a page, not which page it is.
TRACKING_PARAMS = frozenset(
    {
        "fbclid",
        "gclid",
        "gclsrc",
        "dclid",
        "gbraid",
        "wbraid",
        "msclkid",
        "yclid",
        "twclid",
        "ttclid",
        "li_fat_id",
        "igshid",
        "mc_cid",
        "mc_eid",
        "_ga",
        "_gl",
        "_hsenc",
        "_hsmi",
        "mkt_tok",
        "oly_anon_id",
        "oly_enc_id",
        "vero_id",
        "rb_clickid",
        "s_cid",
        "cmpid",
        "ocid",
        "ref_src",
        "ref_url",
        "smid",
        "at_medium",
        "at_campaign",
        "wt_mc",
        "wt.mc_id",
    }
)
TRACKING_PREFIXES = ("utm_", "pk_", "mtm_")

MAX_URL_LENGTH = 2048


@dataclass(frozen=True, slots=True)
class Target:
    """A URL that passed the syntax checks, split into what the connection needs."""

    url: str
    scheme: str
    host: str  # as aiohttp sends it: lower case, IDNA-encoded, IPv6 without brackets
    port: int


def short(url: str, limit: int = 80) -> str:
    """Shorten a URL for an error message."""
    return url if len(url) <= limit else url[: limit - 1] + "…"


def check(url: str) -> Target:
    r"""Return the URL's parts, or raise FetchError if it is not a plain http(s) URL we may fetch.

    The URL is parsed with yarl, the parser aiohttp itself uses, so the host we check is the
    host aiohttp connects to (parsers disagree on odd URLs such as "http://a\@b/").
    """
    url = url.strip()
    if len(url) > MAX_URL_LENGTH:
        raise FetchError(f"refused: the URL is longer than {MAX_URL_LENGTH} characters")
    if any(ord(char) < 0x21 for char in url):
        raise FetchError("refused: the URL contains spaces or control characters")
    try:
        parsed = URL(url)
    except (ValueError, UnicodeError) as error:
        raise FetchError(f"refused: {short(url)} is not a valid URL ({error})") from None
    scheme = parsed.scheme.lower()
    if not scheme:
        raise FetchError(f"refused: {short(url)} is not a link: it must start with https://")
    if scheme not in SCHEMES:
        raise FetchError(f"refused: only http and https links can be fetched, not {scheme}:")
    if parsed.user is not None or parsed.password is not None:
        raise FetchError(
            "refused: links with a user name or password (user:password@) are not fetched"
        )
    host = parsed.raw_host
    if not host:
        raise FetchError(f"refused: {short(url)} has no host name")
    if not parsed.port:
        raise FetchError("refused: port 0 is not a valid port")
    return Target(url=url, scheme=scheme, host=host, port=parsed.port)


def _is_tracking(name: str) -> bool:
    lowered = name.lower()
    return lowered in TRACKING_PARAMS or lowered.startswith(TRACKING_PREFIXES)


def normalize(url: str) -> str:
    """Return the form of `url` used to detect duplicates.

    Lower-cases the scheme and host, drops a default port, a trailing dot on the host, the
    fragment and tracking parameters, and writes an empty path as "/". Parameter order and the
    path's case are kept: servers may treat them as meaningful.
    """
    url = url.strip()
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return url
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").rstrip(".")
    if not host:
        return url
    if ":" in host:
        host = f"[{host}]"
    userinfo = parts.netloc.rpartition("@")[0] if "@" in parts.netloc else ""
    netloc = f"{userinfo}@{host}" if userinfo else host
    if port is not None and port != DEFAULT_PORTS.get(scheme):
        netloc = f"{netloc}:{port}"
    path = parts.path or "/"
    # Filter the raw pieces rather than decode and re-encode, so "a%20b" and "a+b" stay as sent.
    pieces = [piece for piece in parts.query.split("&") if piece]
    query = "&".join(
        piece for piece in pieces if not _is_tracking(unquote_plus(piece.split("=")[0]))
    )
    return urlunsplit((scheme, netloc, path, query, ""))


# Characters that end or nest a Markdown link, or an autolink: percent-encoded in a source link
# so that it can only ever be one link (the same page for any server that decodes its path).
_MARKDOWN_SPECIAL = frozenset("()<>[]\\\"'`")


def citable(url: str) -> str:
    """Return `url` fit to keep as an article's source link, normalized, or raise InvalidArticle.

    Only absolute http(s) links with a host are kept: anything else would become a forged masked
    link or an embed URL that Discord refuses.
    """
    url = url.strip()
    reason = _citable_problem(url)
    if reason:
        raise InvalidArticle(f"The source link was refused: {reason}.")
    parsed = URL(url)
    normal = str(parsed.with_scheme(parsed.scheme.lower()))
    scheme, netloc, path, query, fragment = urlsplit(normal)
    path, query, fragment = (_encode_special(part) for part in (path, query, fragment))
    return urlunsplit((scheme, netloc, path or "/", query, fragment))


def citable_or_none(url: str | None) -> str | None:
    """Return a found (not typed) source link when it is citable; otherwise none at all."""
    if not url:
        return None
    try:
        return citable(url)
    except InvalidArticle:
        return None


def _citable_problem(url: str) -> str | None:
    if len(url) > MAX_URL_LENGTH:
        return f"it is longer than {MAX_URL_LENGTH} characters"
    if any(ord(char) < 0x21 or char.isspace() for char in url):
        return "it contains spaces or control characters"
    try:
        parsed = URL(url)
    except (ValueError, UnicodeError):
        return "it is not a valid web address"
    if parsed.scheme.lower() not in SCHEMES or not parsed.raw_host:
        return "only absolute http:// or https:// addresses can be kept"
    if parsed.user is not None or parsed.password is not None:
        return "links with a user name or password (user:password@) are not kept"
    return None


def _encode_special(part: str) -> str:
    return "".join(f"%{ord(c):02X}" if c in _MARKDOWN_SPECIAL else c for c in part)
