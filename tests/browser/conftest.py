"""Fixtures for the Playwright browser tests.

The server is pytest-django's ``live_server`` (a thread of this process) on a fresh test
database; each test loads the demo itself with ``call_command("load_demo")``. Each test starts
its own headless Chromium (Debian's, never a downloaded one) and fresh browser contexts
(separate cookies) for the litigant, the clerk, ...
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from .support import (
    CHROMIUM_ARGS,
    DESKTOP,
    PHONE,
    Checkpoints,
    OffsiteGuard,
    chromium_path,
)


@pytest.fixture
def chromium(monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """Headless Chromium, started for this test only.

    Playwright's sync API runs an asyncio loop in this thread, and Django's ORM refuses to
    run where a loop is running unless told that it is safe (it is: nothing else uses the
    loop). Both last only as long as the test: under ``pytest -n 2`` the other tests of this
    process (asgiref, time travel, threads) must not find a loop or the flag left behind.
    """
    path = chromium_path()
    if path is None:
        pytest.skip("Chromium not found (/usr/bin/chromium or $YIZHAN_CHROMIUM)")
    sync_api = pytest.importorskip("playwright.sync_api")
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=path, headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def server(live_server: Any, transactional_db: None) -> str:
    """The live server's base URL, with the demo court system loaded."""
    from django.core.management import call_command

    call_command("load_demo", stdout=io.StringIO())
    return str(live_server.url)


@pytest.fixture
def guard() -> OffsiteGuard:
    return OffsiteGuard()


@pytest.fixture
def checkpoint(guard: OffsiteGuard) -> Checkpoints:
    return Checkpoints(guard)


@pytest.fixture
def new_context(chromium: Any, guard: OffsiteGuard) -> Iterator[Callable[..., Any]]:
    """new_context("phone" | "desktop", lang="zh-hans", base_url=...): a fresh, guarded
    browser context; all are closed at the end of the test."""
    contexts: list[Any] = []

    def make(kind: str = "desktop", *, base_url: str | None = None, **extra: Any) -> Any:
        options = {**(PHONE if kind == "phone" else DESKTOP), **extra}
        context = chromium.new_context(
            base_url=base_url,
            locale="zh-CN",
            timezone_id="Asia/Shanghai",
            accept_downloads=True,
            service_workers="block",
            **options,
        )
        context.set_default_timeout(10_000)
        context.set_default_navigation_timeout(15_000)
        guard.attach(context)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()
