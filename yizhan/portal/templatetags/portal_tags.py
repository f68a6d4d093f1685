"""Form rendering for accessible fields: <label>, hint and errors linked by aria-describedby."""

from __future__ import annotations

from typing import Any

from django import template
from django.forms import BoundField, CheckboxInput

from yizhan.portal import reads

register = template.Library()


@register.inclusion_tag("portal/_field.html")
def field(bf: BoundField, corrections: list[str] | None = None, **attrs: Any) -> dict[str, Any]:
    auto_id = bf.auto_id or f"id_{bf.html_name}"
    described = []
    if bf.help_text:
        described.append(f"{auto_id}-hint")
    if bf.errors or corrections:
        described.append(f"{auto_id}-err")
    widget_attrs: dict[str, Any] = {k.replace("_", "-"): v for k, v in attrs.items()}
    if described:
        widget_attrs["aria-describedby"] = " ".join(described)
    if bf.errors:
        widget_attrs["aria-invalid"] = "true"
    if bf.field.required:
        widget_attrs["required"] = True
    return {
        "bf": bf,
        "id": auto_id,
        "widget": bf.as_widget(attrs=widget_attrs),
        "is_checkbox": isinstance(bf.field.widget, CheckboxInput),
        "corrections": corrections or [],
    }


@register.filter
def get(mapping: Any, key: Any) -> Any:
    try:
        return mapping.get(key)
    except AttributeError:
        return None


@register.filter
def money(value: Any) -> str:
    from decimal import Decimal, InvalidOperation

    if value is None or value == "":
        return ""
    try:
        return f"{Decimal(str(value)):,.2f}"
    except InvalidOperation:
        return str(value)


@register.filter
def party_role(value: str) -> str:
    from yizhan.filing.models import PartyRole

    try:
        return str(PartyRole(value).label)
    except ValueError:
        return value


@register.filter
def field_label(name: str) -> str:
    """A correction item's field name as the litigant knows it: "claims" -> 诉讼请求."""
    return reads.field_label(str(name or "other"))
