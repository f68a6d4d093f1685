"""Background jobs: idempotent, run daily by the scheduler."""

from __future__ import annotations

from django_tasks import task

from . import actions


@task()
def advance_deadlines() -> dict[str, int]:
    """OMED Arts 11, 12, 24, 25: lapse choosing windows and unaccepted assignments, expire
    matters past the 30-day limit, warn parties before expiry."""
    return actions.advance_deadlines()
