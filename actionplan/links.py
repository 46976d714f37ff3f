"""Which evidence links may become live links: the one policy that `update`, `check` and
the board papers share.

The HTML paper is published as a web page on the organisation's site, built from text
anyone with a pull request can write, so a link must not be able to run script there
(`javascript:`, `data:`, `vbscript:` ...). Only absolute http, https and mailto URLs are
links. Relative paths are not: a paper is published on its own, so they would not lead
anywhere useful, and refusing them keeps the rule simple to state and to check.
"""

from __future__ import annotations

from actionplan.errors import PlanError

LINK_SCHEMES = ("http", "https", "mailto")
ACCEPTED = "an absolute http://, https:// or mailto: URL"


def is_safe_link(url: object) -> bool:
    """True for an absolute http(s) URL with a host, or a mailto: URL with an address.

    The scheme is matched case-insensitively. Whitespace and control or invisible
    characters are refused anywhere: browsers drop tabs and newlines from a URL before
    reading its scheme, so `java<TAB>script:` would otherwise slip past the check.
    """
    if not isinstance(url, str) or not url.isprintable() or any(c.isspace() for c in url):
        return False
    scheme, colon, rest = url.partition(":")
    scheme = scheme.lower()
    if not colon or scheme not in LINK_SCHEMES or not rest:
        return False
    if scheme == "mailto":
        return True
    if not rest.startswith("//"):
        return False
    from urllib.parse import urlsplit

    try:
        return bool(urlsplit(url).hostname)
    except ValueError:  # e.g. an unclosed IPv6 bracket
        return False


def href(url: object) -> str | None:
    """The URL when it may be a live link, else None (templates show it as text)."""
    return url if isinstance(url, str) and is_safe_link(url) else None


def require_safe(url: str | None, option: str) -> None:
    """Refuse (PlanError, exit 2) a link given on the command line that is not safe."""
    if url and not is_safe_link(url):
        raise PlanError(f"{option} must be {ACCEPTED}, not {url!r}")
