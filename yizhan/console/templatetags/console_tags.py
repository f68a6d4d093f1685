from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.filter
def fieldtext(value: Any) -> str:
    """A DomainError field message: a string or a list of strings."""
    if isinstance(value, list | tuple):
        return "、".join(str(v) for v in value)
    return str(value)


@register.filter
def sha_prefix(value: str, n: int = 16) -> str:
    return value[:n]


@register.filter
def error_fields(error: Any) -> list[tuple[str, str]]:
    """A DomainError's fields as (key, text) pairs (``fields.items`` would look up a field
    named "items")."""
    fields = getattr(error, "fields", None) or {}
    return [(str(k), fieldtext(v)) for k, v in fields.items()]


@register.filter
def pairs(mapping: dict[str, Any]) -> list[tuple[str, str]]:
    return [(str(k), fieldtext(v)) for k, v in (mapping or {}).items()]
