"""Background jobs of the statistics app."""

from __future__ import annotations

from django_tasks import task

from . import summary


@task()
def refresh_summary() -> int:
    """Refresh the dirty (court, month) units of the summary. Readers refresh by themselves
    before reading; run every few minutes, this keeps that cost out of the requests."""
    return summary.refresh()
