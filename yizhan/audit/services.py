"""Writing and verifying the audit chain."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import models, transaction
from django.utils import timezone

from .context import current
from .models import GENESIS_HASH, AuditEvent, AuditHead


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_jsonable(v) for v in value]
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def record(
    action: str,
    *,
    actor: Any,
    subject: models.Model,
    court: Any = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one event. Must run inside the action's transaction."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit.record() must be called inside the action's transaction")
    ctx = current()
    head, _ = AuditHead.objects.select_for_update().get_or_create(id=1)
    actor_obj = actor if getattr(actor, "is_authenticated", False) else None
    event = AuditEvent(
        seq=head.seq + 1,
        occurred_at=timezone.now(),
        actor=actor_obj,
        actor_label=(getattr(actor_obj, "real_name", "") or getattr(actor_obj, "username", ""))
        if actor_obj
        else "system",
        action=action,
        subject_type=subject._meta.label_lower,
        subject_id=str(subject.pk),
        court=court,
        channel=ctx.channel,
        ip=ctx.ip,
        before=_jsonable(before) if before is not None else None,
        after=_jsonable(after) if after is not None else None,
        prev_hash=head.hash,
    )
    # Round-trip through the DB's precision before hashing: microseconds are kept by both.
    event.hash = event.compute_hash()
    event.save()
    AuditHead.objects.filter(id=1).update(seq=event.seq, hash=event.hash)
    return event


def events_for(subject: models.Model) -> models.QuerySet[AuditEvent]:
    return AuditEvent.objects.filter(
        subject_type=subject._meta.label_lower, subject_id=str(subject.pk)
    ).select_related("actor")


@dataclass(frozen=True)
class Problem:
    seq: int | None
    message: str


def verify_chain(batch_size: int = 5000) -> Iterator[Problem]:
    """Walk the chain and yield every break: altered content, a missing or inserted event,
    or a head that does not match the newest event."""
    expected_prev = GENESIS_HASH
    expected_seq = 1
    last_seq = 0
    last_hash = GENESIS_HASH
    for event in AuditEvent.objects.order_by("seq").iterator(chunk_size=batch_size):
        if event.seq != expected_seq:
            yield Problem(
                event.seq,
                f"事件序号不连续：期望 {expected_seq}，实际 {event.seq}（有事件被删除或插入）",
            )
        if event.prev_hash != expected_prev:
            yield Problem(event.seq, f"事件 {event.seq} 的前序哈希与上一事件不符（链已断开）")
        if event.compute_hash() != event.hash:
            yield Problem(event.seq, f"事件 {event.seq} 的内容已被篡改（哈希不符）")
        expected_prev = event.hash
        expected_seq = event.seq + 1
        last_seq, last_hash = event.seq, event.hash
    head = AuditHead.objects.filter(id=1).first()
    head_seq = head.seq if head else 0
    head_hash = head.hash if head else GENESIS_HASH
    if head_seq != last_seq or head_hash != last_hash:
        yield Problem(
            None,
            f"链头记录为第 {head_seq} 号事件，实际最后一个事件为第 {last_seq} 号（末尾事件被删除或篡改）",
        )
