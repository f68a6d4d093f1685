"""Settings of the service desk, each read with its default (UNCONFIRMED values, domain-rules
§8.1: national per-category time limits are not published; §7 FLOW for the inquiry)."""

from __future__ import annotations

from datetime import time
from typing import Any

from django.conf import settings


def get(name: str, default: Any) -> Any:
    return getattr(settings, name, default)


def ticket_limit_days(kind: str, urgency: str) -> int:
    """Working days to handle a 12368 ticket: per kind if configured, else by urgency
    (defaults: urgent 1, ordinary 3; Sichuan practice, domain-rules §8.1, UNCONFIRMED)."""
    per_kind: dict[str, int] = get("YIZHAN_TICKET_KIND_LIMITS", {})
    if kind in per_kind:
        return int(per_kind[kind])
    limits: dict[str, int] = get("YIZHAN_TICKET_LIMITS", {"urgent": 1, "ordinary": 3})
    return int(limits.get(urgency, limits.get("ordinary", 3)))


def petition_accept_days() -> int:
    return int(get("YIZHAN_PETITION_ACCEPT_DAYS", 15))


def petition_conclude_days() -> int:
    return int(get("YIZHAN_PETITION_CONCLUDE_DAYS", 60))


def code_ttl_seconds() -> int:
    return int(get("YIZHAN_INQUIRY_CODE_TTL_SECONDS", 600))


def session_ttl_seconds() -> int:
    return int(get("YIZHAN_INQUIRY_SESSION_SECONDS", 1800))


def code_max_attempts() -> int:
    return int(get("YIZHAN_INQUIRY_CODE_MAX_ATTEMPTS", 5))


def rate_limits() -> dict[str, tuple[int, int]]:
    """scope -> (max attempts, window in seconds)."""
    default = {"person": (5, 3600), "case": (10, 3600), "ip": (30, 3600)}
    configured: dict[str, Any] = get("YIZHAN_INQUIRY_RATE_LIMITS", {})
    return {**default, **{k: (int(v[0]), int(v[1])) for k, v in configured.items()}}


def sms_backend() -> str:
    return str(get("YIZHAN_SMS_BACKEND", "yizhan.services.sms.LogSender"))


def kb_min_score() -> float:
    return float(get("YIZHAN_KB_MIN_SCORE", 0.35))


def repeat_similarity() -> float:
    return float(get("YIZHAN_PETITION_REPEAT_SIMILARITY", 0.5))


def hall_slots() -> list[tuple[time, time, int]]:
    """The service hall's counter slots of a working day: (start, end, capacity)."""
    raw = get(
        "YIZHAN_SERVICE_HALL_SLOTS",
        [
            ("09:00", "10:00", 6),
            ("10:00", "11:00", 6),
            ("11:00", "12:00", 4),
            ("14:30", "15:30", 6),
            ("15:30", "16:30", 6),
            ("16:30", "17:30", 4),
        ],
    )
    return [(time.fromisoformat(a), time.fromisoformat(b), int(c)) for a, b, c in raw]


def booking_horizon_days() -> int:
    return int(get("YIZHAN_APPOINTMENT_HORIZON_DAYS", 14))


def fee_reminder_days() -> int:
    """Working days before a fee's due date when its payer is reminded by SMS (a court's
    choice, not a legal rule; docs/operations.md)."""
    return int(get("YIZHAN_FEE_REMINDER_DAYS", 2))
