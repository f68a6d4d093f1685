"""Domain errors: a machine-readable code, a Chinese message, an HTTP status.

Each app keeps its codes in an ``errors.py`` enum built on :class:`ErrorCode`; actions raise
``SomeError.CODE.exc(...)``. The API turns a :class:`DomainError` into
``{"code": ..., "message": ..., "fields": {...}}`` with the status, and the web pages show the
message. Raising inside ``transaction.atomic()`` rolls everything back: bad input changes
nothing.
"""

from __future__ import annotations

from enum import Enum
from typing import Any


class DomainError(Exception):
    def __init__(
        self,
        code: str,
        message: str,
        *,
        status: int = 400,
        fields: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.status = status
        self.fields = fields or {}

    def as_dict(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message, "fields": self.fields}


class ErrorCode(Enum):
    """Base for per-app error enums: ``NAME = ("code", "中文说明", status)``."""

    def __init__(self, code: str, message: str, status: int = 400) -> None:
        self.code = code
        self.message = message
        self.status = status

    def exc(
        self, *, fields: dict[str, Any] | None = None, message: str | None = None
    ) -> DomainError:
        return DomainError(self.code, message or self.message, status=self.status, fields=fields)


class CommonError(ErrorCode):
    NOT_FOUND = ("not_found", "未找到该记录，或您无权查看。", 404)
    PERMISSION_DENIED = ("permission_denied", "您无权进行此操作。", 403)
    NOT_AUTHENTICATED = ("not_authenticated", "请先登录。", 401)
    INVALID_INPUT = ("invalid_input", "提交的内容有误，请检查后重试。", 422)
    WRONG_STATE = ("wrong_state", "当前状态下不能进行此操作。", 409)
    IDEMPOTENCY_KEY_REUSED = (
        "idempotency_key_reused",
        "该幂等键已用于另一内容不同的请求，请使用新的 Idempotency-Key。",
        409,
    )
    IDEMPOTENCY_KEY_INVALID = (
        "idempotency_key_invalid",
        "Idempotency-Key 格式不正确（1–100 个可见字符）。",
        400,
    )
    RATE_LIMITED = ("rate_limited", "操作过于频繁，请稍后再试。", 429)
