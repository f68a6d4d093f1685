"""No API operation answers bad input with a 500 (docs/conventions.md: "Bad input gets a clear
error and changes nothing. No 500s.").

Every operation of the OpenAPI schema (built in-process from ``yizhan.api.api.api``) is its own
test. Each is called as an anonymous visitor, as a litigant and as a staff member of one court
(every staff role at 粤0802, so that the role gates let the request reach as far as it can),
with:

- path parameters that do not exist: 0, 2**63, -1 and a 5,000-character string;
- bodies: malformed JSON, invalid UTF-8, a list or a string instead of an object, every field
  of the wrong type (strings for numbers, numbers for strings, …), every field null, every
  field well-typed but oversized (50,000-character strings, 2**63 numbers), every field
  "empty" (-1, "", []), strings with a NUL character, an empty object; multipart operations
  also get junk form fields and a junk file; court_code and cause_code keep valid values in
  the well-typed variants so that the junk in the other fields gets past them;
- query strings of the wrong type ("abc", "-1", 2**63, 5,000 characters, empty, NUL), or
  parameters the operation does not take; junk header parameters; a bearer token that does
  not exist; an invalid Idempotency-Key on unsafe methods.

The body and query variants use, for every path parameter, a real object visible to the
litigant or the staff member (tests/conftest.py: SweepWorld): filings and attachments, cases
in the state the operation wants (pending, judged, enforcement), suspensions, extensions,
hearings, serial groups, mediation matters (choosing, in mediation), their extensions and
sessions, organisations and mediators, tickets, petitions, appointments, knowledge-base
entries, publication drafts and published items, an indicator code; so they reach the code
behind the access gates; the operations guarded by a state check find their object in that
state (a pending time-limit extension, a matter waiting for the court to appoint its mediator,
a pending second instance at 粤08, a supplementary fee notice still due), and those that would
move it out of that state run each request in a savepoint rolled back after it
(conftest.fresh_state), so that every variant meets it.

Then (slow, run by `make test`) every field on its own: a plausible body with one field set
to an edge value (dates 0001-01-01, 9999-12-31, 2026-02-30; integers 2**31, 2**63, -1,
-2**63; 10,000-character strings; an enum value that does not exist; decimals NaN, 1e400, …),
and every query parameter on its own, as the litigant and the staff member.

Each response must be below 500, and a 4xx JSON response must be the error envelope with
"code" and "message" (yizhan.api.errors rewrites ninja's own 422 and 401 shapes into it).
"""

from __future__ import annotations

import io
import json
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

import pytest
from django.test import Client

from yizhan.api.api import api
from yizhan.core.time import today

from .conftest import ALL_IDS, SweepWorld, fresh_state, sweep_objects

SCHEMA: dict[str, Any] = api.get_openapi_schema()
COMPONENTS: dict[str, Any] = SCHEMA.get("components", {}).get("schemas", {})

BIG_INT = 2**63
HUGE = "字" * 50_000
LONG_PATH = "9" * 5_000

# Operations whose 500 comes from a module that may not be changed now: {test id: reason}.
# Each is an xfail(strict=True): when the cause is fixed, the test fails until the entry goes.
KNOWN_500: dict[str, str] = {}


@dataclass
class Operation:
    method: str
    path: str
    spec: dict[str, Any]
    params: list[dict[str, Any]] = field(default_factory=list)

    @property
    def id(self) -> str:
        return f"{self.method} {self.path}"

    def of(self, where: str) -> list[dict[str, Any]]:
        return [p for p in self.params if p.get("in") == where]

    def body_schema(self) -> tuple[str | None, dict[str, Any]]:
        content = self.spec.get("requestBody", {}).get("content", {})
        for media, spec in content.items():
            return media, resolve(spec.get("schema", {}))
        return None, {}


def resolve(schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = COMPONENTS[schema["$ref"].rsplit("/", 1)[-1]]
    return schema


def operations() -> list[Operation]:
    ops = []
    for path, methods in SCHEMA["paths"].items():
        for method, spec in methods.items():
            ops.append(
                Operation(method.upper(), path, spec, [dict(p) for p in spec.get("parameters", [])])
            )
    return sorted(ops, key=lambda o: (o.path, o.method))


OPERATIONS = operations()


# --- values built from the schema ------------------------------------------------------------


def _kind(schema: dict[str, Any]) -> dict[str, Any]:
    """The first non-null alternative of an anyOf/oneOf/allOf, resolved."""
    schema = resolve(schema)
    for key in ("anyOf", "oneOf", "allOf"):
        if key in schema:
            alternatives = [resolve(s) for s in schema[key]]
            for alt in alternatives:
                if alt.get("type") != "null":
                    return _kind(alt)
            return alternatives[0] if alternatives else {}
    return schema


# Valid values of fields that decide whether a request gets past the first checks, so that the
# junk in the other fields reaches the code behind them.
# "outcome": the second instance's outcome (a free string checked by the action), 发回重审, the
# outcome that does the most (it opens the retrial at the first-instance court).
KNOWN = {"court_code": "粤0802", "cause_code": "9089", "outcome": "remanded"}


def sample(schema: dict[str, Any], mode: str, depth: int = 0) -> Any:
    """A value for ``schema``: ``wrong`` (another type), ``null``, ``huge`` (well-typed,
    oversized), ``empty`` (well-typed, -1 / "" / []), ``nul`` (strings with a NUL character,
    which PostgreSQL refuses to store)."""
    s = _kind(schema)
    t = s.get("type")
    if t == "object" or "properties" in s:
        if depth > 4:
            return {}
        if mode == "wrong" and depth > 0:
            return "不是对象"
        return {
            name: KNOWN[name] if name in KNOWN and mode != "wrong" else sample(sub, mode, depth + 1)
            for name, sub in s.get("properties", {}).items()
        }
    if mode == "null":
        return None
    if t == "array":
        if mode == "wrong":
            return "不是列表"
        if mode == "empty":
            return []
        return [sample(s.get("items", {}), mode, depth + 1)]
    if mode == "wrong":
        return {"string": 12345, "integer": "不是数字", "number": "不是数字"}.get(t, "也许")
    if "enum" in s:
        return s["enum"][0]
    if t == "string":
        fmt = s.get("format")
        if fmt == "date":
            return "9999-12-31" if mode == "huge" else "0001-01-01"
        if fmt == "date-time":
            return "9999-12-31T23:59:59" if mode == "huge" else "0001-01-01T00:00:00"
        return {"huge": HUGE, "nul": "张三\x00"}.get(mode, "")
    if t in ("integer", "number"):
        return {"huge": BIG_INT, "nul": 1}.get(mode, -1)
    if t == "boolean":
        return True
    # No type (a Decimal or an untyped field): a string is what clients send.
    return {"huge": HUGE, "nul": "1\x00"}.get(mode, "-1")


# --- the requests -----------------------------------------------------------------------------


@dataclass
class Call:
    label: str
    method: str
    url: str
    query: dict[str, Any] = field(default_factory=dict)
    body: Any = None
    content_type: str | None = None
    headers: dict[str, str] = field(default_factory=dict)


def _url(op: Operation, value: Any) -> str:
    url = op.path
    for p in op.of("path"):
        url = url.replace("{" + p["name"] + "}", str(value))
    return url


def calls(op: Operation, ids: dict[str, Any] | None = None) -> Iterator[Call]:
    """The requests of ``op``; ``ids`` names real objects for its path parameters (the
    variants other than the path ones use them, else 1)."""
    unsafe = op.method in ("POST", "PUT", "PATCH", "DELETE")
    base = op.path
    for p in op.of("path"):
        base = base.replace("{" + p["name"] + "}", str((ids or {}).get(p["name"], 1)))

    for value in (0, BIG_INT, -1, LONG_PATH) if op.of("path") else ():
        yield Call(
            f"path={str(value)[:12]}",
            op.method,
            _url(op, value),
            body=b"{}" if unsafe else None,
            content_type="application/json" if unsafe else None,
        )

    for name, q in (
        ("abc", "abc"),
        ("-1", "-1"),
        ("2**63", str(BIG_INT)),
        ("huge", "字" * 5_000),
        ("empty", ""),
        ("nul", "a\x00b"),
    ):
        if op.of("query"):
            yield Call(
                f"query={name}", op.method, base, query={p["name"]: q for p in op.of("query")}
            )
        if op.of("header"):
            yield Call(
                f"header={name}",
                op.method,
                base,
                headers={p["name"]: q if name != "huge" else "x" * 5_000 for p in op.of("header")},
            )

    if not op.of("query") and not unsafe:
        yield Call("query=unexpected", op.method, base, query={"page": "abc", "id": str(BIG_INT)})
    if op.spec.get("security"):
        yield Call(
            "bad-bearer-token", op.method, base, headers={"Authorization": "Bearer " + "x" * 500}
        )

    if not unsafe:
        return
    media, schema = op.body_schema()
    if media == "multipart/form-data":
        for mode in ("huge", "empty"):
            form: dict[str, Any] = {}
            for name, sub in schema.get("properties", {}).items():
                if _kind(sub).get("format") == "binary":
                    f = io.BytesIO(b"\x00junk" * (1 if mode == "empty" else 1000))
                    f.name = ("字" * 200 if mode == "huge" else "") + ".exe"
                    form[name] = f
                else:
                    v = sample(sub, mode)
                    form[name] = v if not isinstance(v, (dict, list)) else json.dumps(v)
            yield Call(f"multipart-{mode}", op.method, base, body=form)
        yield Call("multipart-nothing", op.method, base, body={})
    yield Call(
        "malformed-json", op.method, base, body=b'{"a": [1, ', content_type="application/json"
    )
    yield Call(
        "not-utf8", op.method, base, body=b'{"a": "\xff\xfe"}', content_type="application/json"
    )
    yield Call("list-body", op.method, base, body=b"[1, 2]", content_type="application/json")
    yield Call("string-body", op.method, base, body=b'"text"', content_type="application/json")
    yield Call("empty-object", op.method, base, body=b"{}", content_type="application/json")
    for mode in ("wrong", "null", "huge", "empty", "nul"):
        value = sample(schema, mode) if schema else {"x": sample({}, mode)}
        yield Call(
            f"body-{mode}",
            op.method,
            base,
            body=json.dumps(value).encode(),
            content_type="application/json",
        )
    yield Call(
        "bad-idempotency-key",
        op.method,
        base,
        body=json.dumps(sample(schema, "empty") if schema else {}).encode(),
        content_type="application/json",
        headers={"Idempotency-Key": "坏 key"},
    )


def send(client: Client, call: Call) -> Any:
    url = call.url
    if call.query:
        url += "?" + urlencode(call.query)
    kwargs: dict[str, Any] = {"headers": call.headers}
    if call.body is not None:
        kwargs["data"] = call.body
        if call.content_type:
            kwargs["content_type"] = call.content_type
    return (
        client.generic(call.method, url, **kwargs)
        if call.content_type
        else getattr(client, call.method.lower())(url, **kwargs)
    )


def check(client: Client, role: str, call: Call) -> list[str]:
    where = f"{role} {call.method} {call.url[:80]} [{call.label}]"
    try:
        with fresh_state(call.url):
            r = send(client, call)
    except Exception as exc:
        tb = traceback.extract_tb(exc.__traceback__)
        ours = [f for f in tb if "/yizhan/" in f.filename] or tb
        last = ours[-1]
        return [
            f"{where}: raised {type(exc).__name__}: {str(exc)[:200]} at {last.filename.split('/work/main/')[-1]}:{last.lineno}"
        ]
    if r.status_code >= 500:
        return [f"{where}: status {r.status_code}"]
    if r.status_code >= 400 and r.get("Content-Type", "").startswith("application/json"):
        body = r.json()
        if not (isinstance(body, dict) and {"code", "message"} <= set(body)):
            return [f"{where}: {r.status_code} without code/message: {str(body)[:200]}"]
    return []


def problems(client: Client, role: str, op: Operation, ids: dict[str, Any]) -> list[str]:
    found = []
    for call in calls(op, ids):
        found += check(client, role, call)
    return found


def _param(op: Operation) -> Any:
    marks = []
    if op.id in KNOWN_500:
        marks.append(pytest.mark.xfail(strict=True, reason=KNOWN_500[op.id]))
    return pytest.param(op, id=op.id, marks=marks)


@pytest.mark.parametrize("op", [_param(op) for op in OPERATIONS])
def test_bad_input_never_gives_a_500(sweep_clients: dict[str, Client], op: Operation) -> None:
    ids = sweep_objects(op.path, {p["name"] for p in op.of("path")}, sweep_clients)
    found = []
    for role, client in sweep_clients.items():
        found += problems(client, role, op, ids)
    assert not found, "\n".join(found)


# --- one field at a time ----------------------------------------------------------------------
#
# The variants above make every field bad at once, so the first check that refuses one field
# hides what the others would do further in. Here a plausible body is sent with one field at a
# time set to an edge value, as the litigant and the staff member, against real objects.

VALID_STRING = {"date": "2026-12-01", "date-time": "2026-12-01T09:00:00+08:00", "time": "09:00"}
EDGE_DATES = ["0001-01-01", "9999-12-31", "2026-02-30"]
EDGE: dict[str, list[Any]] = {
    "date": EDGE_DATES,
    "date-time": [d + "T09:00:00+08:00" for d in EDGE_DATES] + ["9999-12-31T23:59:59"],
    "time": ["24:00", "23:59:59.999999"],
    "string": ["字" * 10_000],
    "enum": ["不存在的值"],
    "integer": [2**31, 2**63, -1, -(2**63)],
    "number": [1e20, -1, 1e308],
    "decimal": ["99999999999999999999", "-1", "NaN", "1e400", "0.0000001"],
}


def valid(schema: dict[str, Any], depth: int = 0) -> Any:
    """A plausible value for ``schema``, so that only the field under test is bad."""
    s = _kind(schema)
    t = s.get("type")
    if t == "object" or "properties" in s:
        if depth > 4:
            return {}
        return {
            name: KNOWN.get(name, valid(sub, depth + 1)) if name in KNOWN else valid(sub, depth + 1)
            for name, sub in s.get("properties", {}).items()
        }
    if "enum" in s:
        return s["enum"][0]
    if t == "array":
        return [valid(s.get("items", {}), depth + 1)]
    if t == "string":
        return VALID_STRING.get(s.get("format", ""), "张三")
    if t in ("integer", "number"):
        return 1
    if t == "boolean":
        return True
    return "1"


def edges(schema: dict[str, Any]) -> list[Any]:
    s = _kind(schema)
    t = s.get("type")
    if "enum" in s:
        return EDGE["enum"]
    if t == "string":
        return EDGE.get(s.get("format", ""), EDGE["string"])
    if t in ("integer", "number"):
        return EDGE[t]
    if t in (None,) and "properties" not in s:
        return EDGE["decimal"]
    return []


def leaves(schema: dict[str, Any], depth: int = 0) -> Iterator[tuple[tuple[Any, ...], Any]]:
    """(path into the body, edge value) of every scalar field, nested objects and the first
    item of lists included."""
    s = _kind(schema)
    if depth > 4:
        return
    if s.get("type") == "object" or "properties" in s:
        for name, sub in s.get("properties", {}).items():
            for path, value in leaves(sub, depth + 1):
                yield (name, *path), value
    elif s.get("type") == "array":
        for path, value in leaves(s.get("items", {}), depth + 1):
            yield (0, *path), value
    else:
        for value in edges(s):
            yield (), value


def with_value(body: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    copy = list(body) if isinstance(body, list) else dict(body)
    copy[path[0]] = with_value(copy[path[0]], path[1:], value)
    return copy


def field_calls(op: Operation, ids: dict[str, Any]) -> Iterator[Call]:
    base = op.path
    for p in op.of("path"):
        base = base.replace("{" + p["name"] + "}", str(ids.get(p["name"], 1)))
    for q in op.of("query"):
        for value in edges(q.get("schema", {})):
            yield Call(f"query {q['name']}={str(value)[:20]}", op.method, base, {q["name"]: value})
    media, schema = op.body_schema()
    if media != "application/json" or not schema:
        return
    body = valid(schema)
    for path, value in leaves(schema):
        yield Call(
            f"field {'.'.join(map(str, path))}={str(value)[:20]}",
            op.method,
            base,
            body=json.dumps(with_value(body, path, value)).encode(),
            content_type="application/json",
        )


FIELD_OPERATIONS = [op for op in OPERATIONS if list(field_calls(op, {}))]


@pytest.mark.slow
@pytest.mark.parametrize("op", [_param(op) for op in FIELD_OPERATIONS])
def test_one_bad_field_never_gives_a_500(sweep_clients: dict[str, Client], op: Operation) -> None:
    ids = sweep_objects(op.path, {p["name"] for p in op.of("path")}, sweep_clients)
    found = []
    for role in ("litigant", "staff"):
        client = sweep_clients[role]
        for call in field_calls(op, ids):
            found += check(client, role, call)
    assert not found, "\n".join(found)


def test_every_path_id_gets_a_real_object() -> None:
    """Every path parameter of every operation names a real object (tests/conftest.py)."""
    names = {p["name"] for op in OPERATIONS for p in op.of("path")}
    assert names - ALL_IDS == set()


def test_the_sweep_covers_every_operation() -> None:
    assert len(OPERATIONS) >= 140
    assert all(op.method in ("GET", "POST", "PUT", "PATCH", "DELETE") for op in OPERATIONS)


# --- the state checks are passed ----------------------------------------------------------------
#
# The operations guarded by a state check, with a valid body: as the staff member they succeed
# on the world's objects (so the junk above meets the code behind the check), and none of the
# sweep's variants is refused for the object's state (409).

STATE_GUARDED: dict[str, Callable[[SweepWorld], dict[str, Any]]] = {
    "POST /api/v1/trial/extensions/{extension_id}/decision": lambda world: {
        "approve": True,
        "reason": "同意延长审限",
    },
    "POST /api/v1/mediation/matters/{matter_id}/appoint": lambda world: {
        "mediator_id": world.mediator().pk
    },
    "POST /api/v1/trial/cases/{case_id}/appeal-outcome": lambda world: {
        "outcome": "remanded",
        "decided_on": today().isoformat(),
    },
    "POST /api/v1/cases/{case_id}/supplementary-fees/{notice_id}/payment": lambda world: {},
}


@pytest.mark.parametrize("op_id", sorted(STATE_GUARDED))
def test_the_sweep_gets_past_the_state_checks(sweep_clients: dict[str, Client], op_id: str) -> None:
    [op] = [o for o in OPERATIONS if o.id == op_id]
    ids = sweep_objects(op.path, {p["name"] for p in op.of("path")}, sweep_clients)
    url = op.path
    for p in op.of("path"):
        url = url.replace("{" + p["name"] + "}", str(ids[p["name"]]))
    body = STATE_GUARDED[op_id](SweepWorld(sweep_clients))
    staff = sweep_clients["staff"]
    with fresh_state(url):
        r = staff.post(url, body, content_type="application/json")
    assert r.status_code == 200, r.content
    # Rolled back: every junk variant meets the object in the same state.
    refused = []
    for call in calls(op, ids):
        with fresh_state(call.url):
            if send(staff, call).status_code == 409:
                refused.append(call.label)
    assert refused == []
