from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django import template
from django.utils.translation import gettext

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


@register.filter
def money(value: Any) -> str:
    """An amount in yuan with thousands separators: 100000 -> "100,000.00"."""
    if value is None or value == "":
        return ""
    try:
        return f"{Decimal(str(value)):,.2f}"
    except InvalidOperation:
        return str(value)


@register.filter
def translated_labels(labels: Any) -> list[str]:
    """Checklist labels (marked with gettext_noop in yizhan.filing.checklists), translated."""
    return [gettext(str(label)) for label in labels or []]
