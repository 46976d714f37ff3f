"""The link policy shared by update, check and the board papers."""

from __future__ import annotations

import pytest

from actionplan.links import href, is_safe_link


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/x",
        "http://example.org",
        "HTTPS://EXAMPLE.ORG/Board%20pack.pdf",
        "https://example.org/a_(b)?q=1&r=2#top",
        "http://[::1]:8080/",
        "https://www.leics.nhs.uk/camhs/é",
        "mailto:camhs@example.org",
        "MailTo:info@example.org?subject=Board",
    ],
)
def test_live_links(url):
    assert is_safe_link(url) and href(url) == url


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JAVASCRIPT:alert(1)",
        "java\tscript:alert(1)",
        "java\nscript:alert(1)",
        "\x01javascript:alert(1)",
        " https://example.org",
        "https://example.org/\u200b",
        "https://exa mple.org",
        "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
        "vbscript:msgbox",
        "file:///etc/passwd",
        "ftp://example.org/x",
        "reports/q1.html",
        "/reports/q1.html",
        "//evil.example/x",
        "https:",
        "https://",
        "https:///x",
        "https:example.org",
        "https://user@",
        "http://[::1",
        "mailto:",
        "",
        None,
        42,
    ],
)
def test_not_links(url):
    assert not is_safe_link(url) and href(url) is None
