"""Idempotency-Key: a retried request never creates or submits twice (yizhan.api.idempotency)."""

from __future__ import annotations

import time_machine

from yizhan.audit.models import AuditEvent
from yizhan.core.models import IdempotencyRecord
from yizhan.filing.models import Filing, FilingEvent

from .helpers import Api, assert_error, civil_payload, complete_draft


def test_create_retried_with_same_key_and_body_returns_the_same_filing_once(alice, cause):
    api = Api(alice)
    key = {"Idempotency-Key": "create-7f3a"}

    first = api.post("/filings", civil_payload(), headers=key)
    second = api.post("/filings", civil_payload(), headers=key)

    assert (first.status_code, second.status_code) == (201, 201)
    assert second.json() == first.json()
    assert Filing.objects.count() == 1
    assert AuditEvent.objects.filter(action="filing.created").count() == 1


def test_same_key_with_a_different_body_is_409_and_creates_nothing(alice, cause):
    api = Api(alice)
    key = {"Idempotency-Key": "create-7f3a"}
    assert api.post("/filings", civil_payload("100000"), headers=key).status_code == 201

    assert_error(
        api.post("/filings", civil_payload("200000"), headers=key), 409, "idempotency_key_reused"
    )

    assert list(Filing.objects.values_list("claim_amount", flat=True)) == [100000]


def test_keys_are_per_user(alice, bob, cause):
    key = {"Idempotency-Key": "same-key"}
    a = Api(alice).post("/filings", civil_payload(), headers=key)
    b = Api(bob).post("/filings", civil_payload(plaintiff_id=bob.id_number), headers=key)
    assert (a.status_code, b.status_code) == (201, 201)
    assert a.json()["id"] != b.json()["id"]
    assert Filing.objects.count() == 2


def test_malformed_key_is_400(alice, cause):
    r = Api(alice).post("/filings", civil_payload(), headers={"Idempotency-Key": "空格 不行"})
    assert_error(r, 400, "idempotency_key_invalid")
    assert Filing.objects.count() == 0


def test_failed_request_releases_its_key_for_the_corrected_retry(alice, cause):
    api = Api(alice)
    key = {"Idempotency-Key": "retry-after-fix"}
    assert_error(api.post("/filings", civil_payload("-1"), headers=key), 422, "invalid_input")
    assert IdempotencyRecord.objects.count() == 0

    assert api.post("/filings", civil_payload("1"), headers=key).status_code == 201
    assert Filing.objects.count() == 1


@time_machine.travel("2026-03-02 10:00 +0800", tick=False)
def test_submit_retried_with_same_key_answers_200_twice_and_submits_once(alice, cause):
    api = Api(alice)
    fid = complete_draft(api)
    key = {"Idempotency-Key": "submit-1"}

    first = api.post(f"/filings/{fid}/submit", headers=key)
    second = api.post(f"/filings/{fid}/submit", headers=key)

    assert (first.status_code, second.status_code) == (200, 200)
    assert second.json() == first.json()
    assert first.json()["review_due"] == "2026-03-09"
    assert Filing.objects.get(pk=fid).submissions == 1
    assert FilingEvent.objects.filter(filing_id=fid, status="submitted").count() == 1
    assert AuditEvent.objects.filter(action="filing.submitted").count() == 1
    # Without the key a second submit is refused: the filing is no longer a draft
    assert_error(api.post(f"/filings/{fid}/submit"), 409, "filing_wrong_state")
