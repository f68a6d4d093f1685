"""No page may load or link anything outside the server (court intranets have no internet).

The flows in test_filing_flow.py and test_denial.py check every request and every page they
visit; here the guard itself is shown to catch what it should, and the pages outside those
flows (home, calculators, service pages, the console's other screens) are crawled too.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest

from .support import BROWSER_MARKS, PASSWORD, Checkpoints, OffsiteGuard, offsite_refs_in_html

sync_api = pytest.importorskip("playwright.sync_api")

pytestmark = BROWSER_MARKS

BAIT = """<!DOCTYPE html><html><head>
<link rel="stylesheet" href="https://cdn.example.com/x.css">
<style>body { background: url(//fonts.example.net/bg.png) }</style>
</head><body>
<img src="http://img.example.org/a.png">
<img alt="" srcset="/local.png 1x, https://img.example.org/b.png 2x">
<a href="https://www.example.com/law">法规</a>
<a href="/relative">ok</a> <a href="tel:12368">12368</a> <img src="data:image/png;base64,AA==">
<form action="http://evil.example/"></form>
</body></html>"""


def test_the_guard_catches_offsite_requests_and_references(
    chromium: Any, new_context: Any, guard: OffsiteGuard
) -> None:
    context = new_context("desktop")
    context.route(lambda url: "example" in url, lambda route: route.abort())
    page = context.new_page()
    page.set_content(BAIT)
    page.wait_for_load_state("load")
    guard.check_page(page)
    text = "\n".join(guard.violations)
    for offender in (
        "request GET https://cdn.example.com/x.css",
        "request GET http://img.example.org/a.png",
        "reference https://img.example.org/b.png",
        "reference https://www.example.com/law",
        "reference http://evil.example/",
        "reference //fonts.example.net/bg.png",
    ):
        assert offender in text, f"{offender!r} not caught in:\n{text}"
    assert "/relative" not in text
    assert "tel:" not in text
    assert "data:" not in text
    with pytest.raises(AssertionError, match="outside the server"):
        guard.assert_clean()
    assert offsite_refs_in_html('<a href="http://127.0.0.1:8000/x">') == []


def _crawl(
    page: Any, base: str, start: list[str], checkpoint: Checkpoints, *, phone: bool
) -> set[str]:
    """Visit start, then every same-origin GET link found on those pages (one level)."""
    seen: set[str] = set()
    queue = list(start)
    for depth in (0, 1):
        found: list[str] = []
        for path in queue:
            if path in seen:
                continue
            seen.add(path)
            response = page.goto(path)
            assert response is not None
            assert response.status < 500, (path, response.status)
            checkpoint(page, None, phone=phone)
            if depth == 0:
                found += _local_links(page, base)
        queue = found
    return seen


def _local_links(page: Any, base: str) -> list[str]:
    """Same-origin links on the page, minus the API, the admin and logging out."""
    links = []
    for href in page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)"):
        parts = urlsplit(urljoin(base, href))
        local = parts.scheme in ("http", "https") and f"{parts.scheme}://{parts.netloc}" == base
        skipped = parts.path.startswith(("/api/", "/admin/")) or "logout" in parts.path
        if local and not skipped:
            links.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return links


@pytest.mark.django_db(transaction=True)
def test_portal_and_console_pages_load_nothing_from_outside(
    server: str, new_context: Any, checkpoint: Checkpoints, guard: OffsiteGuard
) -> None:
    visitor = new_context("phone", base_url=server).new_page()
    seen = _crawl(visitor, server, ["/", "/login/", "/register/"], checkpoint, phone=True)
    assert {"/fees/", "/periods/"} <= seen

    clerk = new_context("desktop", base_url=server).new_page()
    clerk.goto("/login/?next=/console/")
    clerk.fill("#id_username", "clerk")
    clerk.fill("#id_password", PASSWORD)
    clerk.locator("main form button[type=submit]").click()
    clerk.wait_for_url("**/console/")
    seen |= _crawl(clerk, server, ["/console/"], checkpoint, phone=False)
    assert "/console/counter/" in seen

    guard.assert_clean()
