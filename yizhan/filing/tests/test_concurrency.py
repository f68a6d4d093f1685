"""Concurrent clerks and retried requests: case numbers are never repeated or skipped, and an
Idempotency-Key creates one filing however many times it arrives at once.

These run with real transactions and threads, one database connection per thread, on SQLite
(WAL, BEGIN IMMEDIATE) and on PostgreSQL (row locks)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
import time_machine
from django.db import connection

from yizhan.accounts.models import User
from yizhan.audit.models import AuditEvent
from yizhan.audit.services import verify_chain
from yizhan.cases.models import Case
from yizhan.filing import actions
from yizhan.filing.models import Filing, FilingStatus

from .helpers import Api, civil_payload, submitted_filing_direct

THREADS = 8
ACCEPTS_PER_THREAD = 5


def _run_in_threads(targets: list[Callable[[], Any]]) -> list[BaseException]:
    """Start all targets together; each closes its own DB connection when done."""
    barrier = threading.Barrier(len(targets))
    errors: list[BaseException] = []

    def run(target: Callable[[], Any]) -> None:
        try:
            barrier.wait(timeout=30)
            target()
        except BaseException as e:  # collected and re-raised by the test
            errors.append(e)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(t,)) for t in targets]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not any(t.is_alive() for t in threads), "a worker thread hung"
    return errors


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_concurrent_accepts_at_one_court_take_seqs_1_to_n_without_duplicates(
    alice, chikan_clerk, cause
):
    n = THREADS * ACCEPTS_PER_THREAD
    with time_machine.travel("2026-03-02 10:00 +0800", tick=False):
        # Given 40 submitted filings at 粤0802
        ids = [submitted_filing_direct(alice).pk for _ in range(n)]
        batches = [ids[i::THREADS] for i in range(THREADS)]

        # When 8 clerks' sessions accept 5 each at the same time
        def accept_all(batch: list[int]) -> Callable[[], None]:
            def work() -> None:
                clerk = User.objects.get(pk=chikan_clerk.pk)
                for fid in batch:
                    actions.accept_filing(fid, acting_user=clerk)

            return work

        errors = _run_in_threads([accept_all(b) for b in batches])

    # Then every filing got a case and the numbers are exactly 1..40 (法〔2015〕137号 Art 10)
    assert errors == []
    seqs = sorted(
        Case.objects.filter(court__code="粤0802", type_code="民初").values_list("seq", flat=True)
    )
    assert seqs == list(range(1, n + 1))
    assert Case.objects.values("number").distinct().count() == n
    assert Filing.objects.filter(status=FilingStatus.ACCEPTED).count() == n
    # And the audit chain stayed a single unbroken line
    assert list(verify_chain()) == []
    assert AuditEvent.objects.filter(action="case.opened").count() == n


@pytest.mark.django_db(transaction=True)
def test_concurrent_creates_with_the_same_idempotency_key_make_one_filing(alice, cause):
    responses: list[Any] = []
    lock = threading.Lock()

    def create() -> None:
        r = Api(alice).post("/filings", civil_payload(), headers={"Idempotency-Key": "dup-1"})
        with lock:
            responses.append(r)

    errors = _run_in_threads([create, create])

    assert errors == []
    assert sorted(r.status_code for r in responses) == [201, 201]
    assert responses[0].json()["id"] == responses[1].json()["id"]
    assert Filing.objects.count() == 1
    assert AuditEvent.objects.filter(action="filing.created").count() == 1
