"""The audit trail: one event per action, hash-chained, append-only; verify_audit finds any
altered, removed or truncated event."""

from __future__ import annotations

import io
import json

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

from yizhan.audit.models import AuditEvent, AuditHead
from yizhan.filing.tests.helpers import Api, complete_draft


@pytest.fixture
def accepted_flow(alice, chikan_clerk, cause) -> dict[str, int]:
    """created, 3 attachments, submitted, accepted: 7 events."""
    with time_machine.travel("2026-03-02 10:00 +0800", tick=False):
        api = Api(alice)
        fid = complete_draft(api)
        assert api.post(f"/filings/{fid}/submit").status_code == 200
        r = Api(chikan_clerk).post(f"/review/filings/{fid}/accept", {})
        assert r.status_code == 200, r.content
    return {"filing": fid, "case": r.json()["case_id"]}


def _verify() -> str:
    out = io.StringIO()
    call_command("verify_audit", stdout=out, stderr=io.StringIO())
    return out.getvalue()


def _drop_update_trigger() -> None:
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            cur.execute("DROP TRIGGER audit_event_no_update ON audit_auditevent")
        else:
            cur.execute("DROP TRIGGER audit_event_no_update")


def _set_after(seq: int, value: dict[str, object]) -> None:
    column = connection.ops.quote_name("after")
    cast = "CAST(%s AS jsonb)" if connection.vendor == "postgresql" else "%s"
    with connection.cursor() as cur:
        cur.execute(
            f"UPDATE audit_auditevent SET {column} = {cast} WHERE seq = %s",
            [json.dumps(value), seq],
        )


def _raw_delete(seq: int) -> None:
    with connection.cursor() as cur:
        cur.execute("DELETE FROM audit_auditevent WHERE seq = %s", [seq])


def test_every_step_of_the_flow_writes_one_event_in_order_with_its_channel(
    accepted_flow, alice, chikan_clerk
):
    events = list(AuditEvent.objects.order_by("seq"))

    assert [(e.seq, e.action, e.channel) for e in events] == [
        (1, "filing.created", "web"),
        (2, "filing.attachment_added", "web"),
        (3, "filing.attachment_added", "web"),
        (4, "filing.attachment_added", "web"),
        (5, "filing.submitted", "web"),
        (6, "case.opened", "web"),
        (7, "filing.accepted", "web"),
    ]
    assert [e.actor_id for e in events] == [alice.pk] * 5 + [chikan_clerk.pk] * 2
    assert [(e.subject_type, e.subject_id) for e in events] == (
        [("filing.filing", str(accepted_flow["filing"]))] * 5
        + [("cases.case", str(accepted_flow["case"]))]
        + [("filing.filing", str(accepted_flow["filing"]))]
    )
    submitted, accepted = events[4], events[6]
    assert submitted.before is not None
    assert submitted.after is not None
    assert accepted.after is not None
    assert submitted.before["status"] == "draft"
    assert (submitted.after["status"], submitted.after["review_due"]) == ("submitted", "2026-03-09")
    assert accepted.after["case"] == "（2026）粤0802民初1号"
    # each event chains on the one before
    assert events[0].prev_hash == "0" * 64
    assert [e.prev_hash for e in events[1:]] == [e.hash for e in events[:-1]]
    head = AuditHead.objects.get(id=1)
    assert (head.seq, head.hash) == (7, events[-1].hash)


def test_verify_audit_passes_on_an_intact_chain(accepted_flow):
    head = AuditHead.objects.get(id=1)
    assert _verify() == f"audit chain intact: 7 events, head {head.hash}\n"


def test_verify_audit_names_the_event_whose_content_was_altered(accepted_flow):
    # Given someone with database access rewrites event 5 (drop the trigger first)
    _drop_update_trigger()
    _set_after(5, {"status": "refused"})
    assert AuditEvent.objects.get(seq=5).after == {"status": "refused"}

    with pytest.raises(CommandError, match="事件 5 的内容已被篡改") as caught:
        _verify()

    assert (
        str(caught.value) == "audit chain broken: 1 problem(s): 事件 5 的内容已被篡改（哈希不符）"
    )


def test_verify_audit_reports_the_gap_left_by_a_deleted_middle_event(accepted_flow):
    _raw_delete(3)

    with pytest.raises(CommandError) as caught:
        _verify()

    assert str(caught.value) == (
        "audit chain broken: 2 problem(s): "
        "事件序号不连续：期望 3，实际 4（有事件被删除或插入）；"
        "事件 4 的前序哈希与上一事件不符（链已断开）"
    )


def test_verify_audit_catches_a_deleted_last_event_through_the_head(accepted_flow):
    _raw_delete(7)

    with pytest.raises(CommandError) as caught:
        _verify()

    assert str(caught.value) == (
        "audit chain broken: 1 problem(s): "
        "链头记录为第 7 号事件，实际最后一个事件为第 6 号（末尾事件被删除或篡改）"
    )


def test_audit_events_cannot_be_changed_or_deleted_through_the_orm(accepted_flow):
    with pytest.raises(PermissionError):
        AuditEvent.objects.update(actor_label="x")
    with pytest.raises(PermissionError):
        AuditEvent.objects.filter(seq=1).delete()
    event = AuditEvent.objects.get(seq=1)
    event.actor_label = "x"
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()
    assert AuditEvent.objects.count() == 7


def test_raw_update_is_refused_by_the_database_trigger(accepted_flow):
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        _set_after(5, {"status": "refused"})
    assert (AuditEvent.objects.get(seq=5).after or {})["status"] == "submitted"
    assert _verify().startswith("audit chain intact: 7 events")


def test_failed_action_leaves_no_audit_event(alice, cause):
    api = Api(alice)
    fid = complete_draft(api)
    before = AuditEvent.objects.count()
    # a reviewer-only action by the litigant fails: nothing is recorded
    assert api.post(f"/review/filings/{fid}/accept", {}).status_code == 403
    assert api.post(f"/filings/{fid}/withdraw").status_code == 200
    assert AuditEvent.objects.count() == before + 1
    assert AuditEvent.objects.order_by("-seq").values_list("action", flat=True)[0] == (
        "filing.withdrawn"
    )
