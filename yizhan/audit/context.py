"""Who is acting through which channel, for the audit trail.

The transports (portal, console, API) set the channel and address once per request; actions
do not need to pass them around.
"""

from __future__ import annotations

import contextvars
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass


@dataclass(frozen=True)
class RequestContext:
    channel: str = "system"
    ip: str | None = None


_current: contextvars.ContextVar[RequestContext] = contextvars.ContextVar(
    "yizhan_audit_context",
    default=RequestContext(),  # noqa: B039 (a frozen dataclass: immutable)
)


def current() -> RequestContext:
    return _current.get()


@contextmanager
def acting_through(channel: str, ip: str | None = None) -> Iterator[RequestContext]:
    ctx = RequestContext(channel=channel, ip=ip)
    token = _current.set(ctx)
    try:
        yield ctx
    finally:
        _current.reset(token)


def set_context(channel: str, ip: str | None = None) -> contextvars.Token[RequestContext]:
    return _current.set(RequestContext(channel=channel, ip=ip))


def reset_context(token: contextvars.Token[RequestContext]) -> None:
    _current.reset(token)
