"""Court fees with this deployment's settings (the rule engine is yizhan.rules.fees)."""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache

from django.conf import settings

from yizhan.rules import fees as fee_rules


@lru_cache(maxsize=1)
def _settings_for(key: tuple[tuple[str, str], ...]) -> fee_rules.FeeSettings:
    return fee_rules.FeeSettings.from_mapping(dict(key))


def fee_settings() -> fee_rules.FeeSettings:
    mapping = getattr(settings, "YIZHAN_FEES", {})
    return _settings_for(tuple(sorted((k, str(v)) for k, v in mapping.items())))


def quote(
    kind: str,
    amount: Decimal | str | int | None,
    *,
    procedure: str = "ordinary",
    closing: str = "judgment",
) -> fee_rules.FeeQuote:
    return fee_rules.quote(
        kind, amount, procedure=procedure, closing=closing, settings=fee_settings()
    )
