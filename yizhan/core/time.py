"""Local time helpers: the court works in Asia/Shanghai."""

from __future__ import annotations

from datetime import date, datetime

from django.utils import timezone


def now() -> datetime:
    return timezone.now()


def today() -> date:
    """Today's date in the court's time zone (Asia/Shanghai), not UTC."""
    return timezone.localdate()
