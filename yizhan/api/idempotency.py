"""Idempotency-Key handling: a retried request never creates a second record.

The key is claimed (a row inserted) at the start of the same transaction that does the work.
A concurrent retry blocks on the unique index until the first commits, then finds the stored
response; a retry after the first finished gets the stored response at once. Reusing a key
for a different body is refused.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from typing import Any, cast

from django.db import IntegrityError, transaction
from django.http import HttpRequest

from yizhan.accounts.models import User
from yizhan.core.errors import CommonError, DomainError
from yizhan.core.models import IdempotencyRecord

KEY_RE = re.compile(r"^[\x21-\x7e]{1,100}$")


def body_hash(payload: Any) -> str:
    return hashlib.sha256(
        json.dumps(payload, sort_keys=True, default=str, ensure_ascii=False).encode()
    ).hexdigest()


def run_idempotent(
    request: HttpRequest,
    scope: str,
    payload: Any,
    work: Callable[[], tuple[int, Any]],
) -> tuple[int, Any]:
    """Run ``work`` once per (user, scope, Idempotency-Key). ``work`` returns (status, body)
    where body is JSON-serialisable."""
    key = request.headers.get("Idempotency-Key")
    if key is None:
        return work()
    if not KEY_RE.match(key):
        raise CommonError.IDEMPOTENCY_KEY_INVALID.exc()
    user = cast(User, request.user)
    digest = body_hash(payload)
    try:
        with transaction.atomic():
            record = IdempotencyRecord.objects.create(
                user=user, scope=scope, key=key, request_hash=digest
            )
            status, body = work()
            record.status_code = status
            record.response = body
            record.save(update_fields=["status_code", "response"])
            return status, body
    except IntegrityError:
        pass
    except DomainError:
        # The work failed and rolled back, the key's claim with it: a retry may try again.
        raise
    existing = IdempotencyRecord.objects.get(user=user, scope=scope, key=key)
    if existing.request_hash != digest:
        raise CommonError.IDEMPOTENCY_KEY_REUSED.exc()
    return existing.status_code or 200, existing.response
