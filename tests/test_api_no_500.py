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

The body and query variants of operations on a filing, an attachment, a case, a fee notice or
a mediation matter use real ones of the litigant at 粤0802 (tests/conftest.py:
sweep_objects), so they reach the code behind the access gates; other ids are 1.

Each response must be below 500, and a 4xx JSON response must be the error envelope with
"code" and "message" (yizhan.api.errors rewrites ninja's own 422 and 401 shapes into it).
"""

from __future__ import annotations

import io
import json
import traceback
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

import pytest
from django.test import Client

from yizhan.api.api import api

from .conftest import sweep_objects

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
KNOWN = {"court_code": "粤0802", "cause_code": "9089"}


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


def calls(op: Operation, ids: dict[str, int] | None = None) -> Iterator[Call]:
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


def problems(client: Client, role: str, op: Operation, ids: dict[str, int]) -> list[str]:
    found = []
    for call in calls(op, ids):
        where = f"{role} {call.method} {call.url[:80]} [{call.label}]"
        try:
            r = send(client, call)
        except Exception as exc:
            tb = traceback.extract_tb(exc.__traceback__)
            ours = [f for f in tb if "/yizhan/" in f.filename] or tb
            last = ours[-1]
            found.append(
                f"{where}: raised {type(exc).__name__}: {str(exc)[:200]} at {last.filename.split('/work/main/')[-1]}:{last.lineno}"
            )
            continue
        if r.status_code >= 500:
            found.append(f"{where}: status {r.status_code}")
        elif r.status_code >= 400 and r.get("Content-Type", "").startswith("application/json"):
            body = r.json()
            if not (isinstance(body, dict) and {"code", "message"} <= set(body)):
                found.append(f"{where}: {r.status_code} without code/message: {str(body)[:200]}")
    return found


def _param(op: Operation) -> Any:
    marks = []
    if op.id in KNOWN_500:
        marks.append(pytest.mark.xfail(strict=True, reason=KNOWN_500[op.id]))
    return pytest.param(op, id=op.id, marks=marks)


@pytest.mark.parametrize("op", [_param(op) for op in OPERATIONS])
def test_bad_input_never_gives_a_500(sweep_clients: dict[str, Client], op: Operation) -> None:
    ids = sweep_objects({p["name"] for p in op.of("path")}, sweep_clients)
    found = []
    for role, client in sweep_clients.items():
        found += problems(client, role, op, ids)
    assert not found, "\n".join(found)


def test_the_sweep_covers_every_operation() -> None:
    assert len(OPERATIONS) >= 140
    assert all(op.method in ("GET", "POST", "PUT", "PATCH", "DELETE") for op in OPERATIONS)
