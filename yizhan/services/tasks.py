"""Background jobs of the service desk: idempotent, they take ids."""

from __future__ import annotations

from django_tasks import task


@task()
def send_inquiry_code(challenge_id: int) -> None:
    """Text the one-time code of an inquiry challenge (nothing is sent for a miss)."""
    from .actions import deliver_inquiry_code

    deliver_inquiry_code(challenge_id)


@task()
def escalate_overdue() -> list[int]:
    """Daily: escalate open 12368 tickets past their deadline to the supervisor (督办)."""
    from .actions import escalate_overdue_tickets

    return escalate_overdue_tickets()


@task()
def remind_fees_due() -> dict[str, int]:
    """Daily: text each payer of an unpaid fee due within ``YIZHAN_FEE_REMINDER_DAYS`` working
    days, once per notice and payer (CPLI Arts 199, 213, 318: not paid in time, the case or the
    appeal is treated as withdrawn)."""
    from .fee_reminders import remind_fees_due as run

    return run()
