"""Background jobs of the trial module (idempotent, ids not objects)."""

from __future__ import annotations

from django_tasks import task

from yizhan.cases.models import Case, CaseStatus

from .deadlines import refresh_limit
from .models import Suspension


@task()
def refresh_running_limits() -> int:
    """Daily: an open suspension pushes the due date one day per day; keep
    Case.limit_due current for those cases (the statistics read it)."""
    ids = set(
        Suspension.objects.filter(end_on__isnull=True, case__status=CaseStatus.PENDING).values_list(
            "case_id", flat=True
        )
    )
    for case in Case.objects.filter(pk__in=ids):
        refresh_limit(case)
    return len(ids)
