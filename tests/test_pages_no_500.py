"""No console or portal page answers bad input with a 500.

Every URL pattern outside /api/ and /admin/ (resolved from the urlconf) is its own test. Each
is requested as an anonymous visitor, a litigant and a staff member of one court (see
tests/conftest.py), with int converters filled with ids that do not exist (0, 2**63) and
str/slug converters with junk; GET and POST, then GET with a junk query string and POST with
junk form data (multipart) in several shapes: letters (with a junk file), -1, 2**63, 2,000
characters (1,000 in a query string; longer than any form field's limit), a NUL character,
two values of which the last is empty. The field names are the ones the views and forms
read (collected from their source), so the junk reaches the code that parses it. The ids are
real objects in the state each page wants (tests/conftest.py: SweepWorld); the pages that
would move one out of it (deciding an extension, recording a top-up paid or a second
instance's outcome, appointing a mediator) run each request in a savepoint rolled back after
it, and also get forms with edge dates and today's date in every field.

Each response must be below 500.
"""

from __future__ import annotations

import io
import re
import traceback
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

import yizhan
from yizhan.core.time import today

from .conftest import ONE_SHOT, fresh_state, sweep_objects

BIG_INT = 2**63
ROOT = Path(yizhan.__file__).parent

# URL patterns whose 500 comes from a module that may not be changed now: {test id: reason}.
# Each is an xfail(strict=True): when the cause is fixed, the test fails until the entry goes.
KNOWN_500: dict[str, str] = {}


def _walk(resolver: URLResolver, prefix: str = "") -> Iterator[tuple[str, URLPattern]]:
    for p in resolver.url_patterns:
        if isinstance(p, URLResolver):
            yield from _walk(p, prefix + str(p.pattern))
        else:
            yield prefix + str(p.pattern), p


def routes() -> list[str]:
    out = []
    for route, _pattern in _walk(get_resolver()):
        if route.startswith(("api/", "admin/")) or route.startswith("^"):
            continue
        out.append(route)
    return sorted(set(out))


ROUTES = routes()
CONVERTER = re.compile(r"<(?:(\w+):)?(\w+)>")


def fill(route: str, ints: str, strings: str) -> str:
    def one(m: re.Match[str]) -> str:
        return ints if m.group(1) == "int" else strings

    return "/" + CONVERTER.sub(one, route)


def field_names() -> list[str]:
    """The request fields the console and portal views and their forms read."""
    names: set[str] = set()
    read = re.compile(r"request\.(?:GET|POST|FILES)(?:\.get|\.getlist|\[)\(?[\"'](\w+)[\"']")
    declared = re.compile(r"^\s+(\w+) = forms\.\w+", re.MULTILINE)
    for source in ROOT.rglob("*.py"):
        if "/tests/" in str(source) or "/migrations/" in str(source):
            continue
        text = source.read_text(encoding="utf-8")
        names.update(read.findall(text))
        if source.name.startswith("forms"):
            names.update(declared.findall(text))
    names.update({"page", "q", "next", "court", "year", "start", "end", "day", "status"})
    return sorted(names)


FIELDS = field_names()
JUNK: dict[str, Any] = {
    "abc": "abc",
    "-1": "-1",
    "2**63": str(BIG_INT),
    "huge": "字" * 2_000,
    "nul": "张三\x00",
    # Two values: .get() reads the last (empty), .getlist() both.
    "repeated-then-empty": ["abc", ""],
}


# Dates the calendar refuses or that overflow a period's arithmetic, in every field.
EDGE_DATES = {d: d for d in ("0001-01-01", "9999-12-31", "2026-02-30")}


# Valid values of choice fields that a form checks first: 发回重审, the second instance's
# outcome that does the most (it opens the retrial at the first-instance court); an extension
# approved (the letters variant, below, refuses it).
KNOWN = {"outcome": "remanded", "approve": "1"}


# Junk the anonymous visitor does not send to console pages: every console view sends them to
# the login page first (the ids, letters and long values are still sent, with ?next=).
LOGIN_ONLY = ("=-1", "=2**63", "=nul", "=repeated-then-empty")


@dataclass
class Call:
    label: str
    method: str
    url: str
    data: dict[str, Any] = field(default_factory=dict)


# URL parameter names of the pages -> the sweep objects' names (tests/conftest.py).
ALIASES = {"att_id": "attachment_id"}


def real(route: str, ids: dict[str, Any], name: str = "junk") -> str:
    """``route`` with its parameters filled with real objects (1 when there is none; ``name``
    for an action's slug)."""

    def one(m: re.Match[str]) -> str:
        param = ALIASES.get(m.group(2), m.group(2))
        if param in ids:
            return str(ids[param])
        return "1" if m.group(1) == "int" else name

    return "/" + CONVERTER.sub(one, route)


def objects(route: str, clients: dict[str, Client]) -> dict[str, Any]:
    names = {ALIASES.get(n, n) for _conv, n in CONVERTER.findall(route)}
    # The enforcement pages want an enforcement case (the API operation's suffix says so).
    path = "/measures" if "enforcement/close" in route else "/" + route
    return sweep_objects(path, names, clients)


def calls(route: str, ids: dict[str, Any] | None = None) -> Iterator[Call]:
    has_params = bool(CONVERTER.search(route))
    for ints, strings in (("0", "junk"), (str(BIG_INT), "x" * 1_000)) if has_params else [("", "")]:
        url = fill(route, ints, strings)
        yield Call(f"GET {ints or 'plain'}", "GET", url)
        yield Call(f"POST {ints or 'plain'}", "POST", url)
    url = real(route, ids or {})
    for name, value in JUNK.items():
        # A long query string is made of ASCII: percent-encoded Chinese would make each URL
        # half a megabyte long and the sweep slow without testing anything more.
        query = "x" * 1_000 if name == "huge" else value
        yield Call(f"GET query={name}", "GET", url, {f: query for f in FIELDS})
        # The fields in KNOWN keep a valid value (but in the letters variant), so that the
        # junk in the others gets past them.
        form: dict[str, Any] = {
            f: KNOWN[f] if f in KNOWN and name != "abc" else value for f in FIELDS
        }
        if name == "abc":  # a junk file too
            junk_file = io.BytesIO(b"\x00junk")
            junk_file.name = "字.exe"
            form["file"] = junk_file
        yield Call(f"POST form={name}", "POST", url, form)
    if ONE_SHOT.search(url):  # the state-guarded pages' forms parse dates: the edge ones too,
        for day in [*EDGE_DATES, today().isoformat()]:  # and today's, which gets through
            form = {f: KNOWN.get(f, day) for f in FIELDS}
            yield Call(f"POST form={day}", "POST", url, form)


def problems(
    client: Client, role: str, route: str, ids: dict[str, Any], only: Iterator[Call] | None = None
) -> list[str]:
    found = []
    for call in only if only is not None else calls(route, ids):
        if role == "anonymous" and route.startswith("console/") and call.label.endswith(LOGIN_ONLY):
            continue  # sent to the login page before any field is read (keeps the file < 60 s)
        where = f"{role} {call.method} {call.url[:80]} [{call.label}]"
        try:
            with fresh_state(call.url):
                if call.method == "GET":
                    r = client.get(call.url, call.data)
                else:
                    r = client.post(call.url, call.data)
        except Exception as exc:
            tb = traceback.extract_tb(exc.__traceback__)
            ours = [f for f in tb if "/yizhan/" in f.filename] or tb
            last = ours[-1]
            found.append(
                f"{where}: raised {type(exc).__name__}: {str(exc)[:200]} "
                f"at {last.filename.split('/work/main/')[-1]}:{last.lineno}"
            )
            continue
        if r.status_code >= 500:
            found.append(f"{where}: status {r.status_code}")
    return found


def _param(route: str) -> Any:
    marks = []
    if route in KNOWN_500:
        marks.append(pytest.mark.xfail(strict=True, reason=KNOWN_500[route]))
    return pytest.param(route, id="/" + route, marks=marks)


@pytest.mark.parametrize("route", [_param(r) for r in ROUTES])
def test_bad_input_never_gives_a_500(sweep_clients: dict[str, Client], route: str) -> None:
    ids = objects(route, sweep_clients)
    found = []
    for role, client in sweep_clients.items():
        found += problems(client, role, route, ids)
    assert not found, "\n".join(found)


# --- the actions of the act/<name>/ pages ------------------------------------------------------
#
# The junk above goes to an action named "junk", refused before any field is read. Here every
# action the views dispatch on gets the junk forms, as the litigant and the staff member.

ACT_SOURCES = {
    "console/mediation/<int:matter_id>/act/<slug:name>/": "console/mediation/views.py",
    "mediation/<int:matter_id>/act/<slug:name>/": "portal/mediation/views.py",
    "console/trial/hearings/<int:hearing_id>/act/<slug:name>/": "console/trial/views_hearings.py",
    "console/trial/serial/<int:group_id>/act/<slug:name>/": "console/trial/views_hearings.py",
    "console/mediation/roster/<slug:name>/": "console/mediation/views.py",
}


def action_names(source: str) -> list[str]:
    text = (ROOT / source).read_text(encoding="utf-8")
    found = re.findall(r"name == \"(\w+)\"", text) + re.findall(r"\"(\w+)\": lambda", text)
    found += [
        n
        for group in re.findall(r"name in \(([^)]*)\)", text)
        for n in re.findall(r"\"(\w+)\"", group)
    ]
    return sorted(set(found))


def act_calls(route: str, ids: dict[str, Any], clients: dict[str, Client]) -> Iterator[Call]:
    for action in action_names(ACT_SOURCES[route]):
        url = real(route, ids, action)
        if ONE_SHOT.search(url):  # e.g. the court's appointment: a matter waiting for it
            url = real(route, objects(route.replace("<slug:name>", action), clients), action)
        for name, value in {**JUNK, **EDGE_DATES}.items():
            yield Call(f"POST {action} form={name}", "POST", url, {f: value for f in FIELDS})


@pytest.mark.slow
@pytest.mark.parametrize("route", sorted(ACT_SOURCES))
def test_every_action_takes_junk_without_a_500(
    sweep_clients: dict[str, Client], route: str
) -> None:
    assert route in ROUTES
    found = []
    for role in ("litigant", "staff"):
        ids = objects(route, sweep_clients)
        junk = act_calls(route, ids, sweep_clients)
        found += problems(sweep_clients[role], role, route, ids, junk)
    assert not found, "\n".join(found)


def test_the_sweep_covers_the_console_and_the_portal() -> None:
    assert any(r.startswith("console/") for r in ROUTES)
    assert any(r.startswith("filings/") for r in ROUTES)
    assert len(ROUTES) >= 100
