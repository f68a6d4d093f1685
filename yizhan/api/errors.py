"""The error envelope: every 4xx looks like {"code", "message", "fields"}."""

from __future__ import annotations

import logging
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from yizhan.core.errors import CommonError, DomainError
from yizhan.rules.errors import RuleError

log = logging.getLogger(__name__)


_SOURCES = frozenset({"body", "query", "path", "form", "file", "header", "cookie"})


def _loc(loc: list[Any] | tuple[Any, ...]) -> str:
    """("body", "payload", "parties", 0, "id_number") → "parties[0].id_number";
    ("file", "file") → "file" (only the leading source and body-parameter name are dropped,
    whatever the operation calls its body parameter: ("body", "data", "reason") → "reason")."""
    parts = [str(p) for p in loc]
    source = parts[0] if parts and parts[0] in _SOURCES else None
    if source:
        parts = parts[1:]
    if len(parts) > 1 and (parts[0] == "payload" or source == "body"):
        parts = parts[1:]
    out = ""
    for p in parts:
        out += f"[{p}]" if p.isdigit() else (f".{p}" if out else p)
    return out or "request"


def install(api: NinjaAPI) -> None:
    def respond(request: HttpRequest, status: int, body: dict[str, Any]) -> HttpResponse:
        return api.create_response(request, body, status=status)

    @api.exception_handler(DomainError)
    def domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
        return respond(request, exc.status, exc.as_dict())

    @api.exception_handler(RuleError)
    def rule_error(request: HttpRequest, exc: RuleError) -> HttpResponse:
        fields = {exc.field: exc.message} if exc.field else {}
        return respond(request, 422, {"code": exc.code, "message": exc.message, "fields": fields})

    @api.exception_handler(ValidationError)
    def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        fields: dict[str, str] = {}
        for err in exc.errors:
            fields[_loc(err.get("loc", ()))] = _zh(err)
        invalid = CommonError.INVALID_INPUT
        return respond(
            request, 422, {"code": invalid.code, "message": invalid.message, "fields": fields}
        )

    @api.exception_handler(AuthenticationError)
    def auth_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        return respond(request, 401, CommonError.NOT_AUTHENTICATED.exc().as_dict())

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return respond(request, 404, CommonError.NOT_FOUND.exc().as_dict())

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        code = {403: "permission_denied", 405: "method_not_allowed"}.get(
            exc.status_code, "bad_request"
        )
        message = {403: "请求被拒绝（CSRF 校验失败或无权限）。"}.get(exc.status_code, "请求有误。")
        return respond(request, exc.status_code, {"code": code, "message": message, "fields": {}})


_ZH = {
    "missing": "必填",
    "int_parsing": "须为整数",
    "int_type": "须为整数",
    "string_type": "须为文本",
    "date_from_datetime_parsing": "日期格式应为 YYYY-MM-DD",
    "date_parsing": "日期格式应为 YYYY-MM-DD",
    "date_type": "日期格式应为 YYYY-MM-DD",
    "enum": "取值不在允许范围内",
    "literal_error": "取值不在允许范围内",
    "decimal_parsing": "须为数字",
    "list_type": "须为列表",
    "bool_parsing": "须为 true 或 false",
    "greater_than_equal": "数值过小",
    "less_than_equal": "数值过大",
    "string_too_long": "内容过长",
    "string_too_short": "内容过短",
    "json_invalid": "JSON 格式错误",
    "model_attributes_type": "格式错误",
    "dict_type": "须为对象",
}


def _zh(err: dict[str, Any]) -> str:
    return _ZH.get(str(err.get("type")), "格式不正确")
