"""Input no database column can hold is refused before any view runs.

PostgreSQL text cannot contain the NUL character (U+0000): a query string, form field or JSON
string with one made the first query that used it fail with DataError, a 500, wherever it went
(searches, filters, saves). Django's form fields already refuse it; this refuses it for every
request, in the query string, a form or a JSON body, with the usual error: ``invalid_input``
and the field for the API (422), a plain 400 page elsewhere. Nothing runs, so nothing changes.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.http.multipartparser import MultiPartParserError

from .errors import CommonError

NUL = "\x00"
NUL_MESSAGE = "不能包含空字符（U+0000）。"


def _strings(value: Any, path: str) -> Iterator[tuple[str, str]]:
    """(field path, string) of every key and string in a decoded JSON value."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _strings(item, f"{path}[{i}]")
    elif isinstance(value, dict):
        for key, item in value.items():
            sub = f"{path}.{key}" if path else str(key)
            yield sub, str(key)
            yield from _strings(item, sub)


def nul_field(request: HttpRequest) -> str | None:
    """The first field of the request whose name or value contains NUL, or None."""
    sources: list[tuple[str, str]] = []
    for key, values in request.GET.lists():
        sources += [(key, key)] + [(key, v) for v in values]
    content_type = request.content_type or ""
    try:
        if request.method in ("POST", "PUT", "PATCH") and content_type in (
            "application/x-www-form-urlencoded",
            "multipart/form-data",
        ):
            if content_type == "multipart/form-data" and request.path_info.startswith("/api/"):
                # The API may read the raw body after this (a JSON operation sent a form):
                # read it first, so that parsing the form does not consume the stream
                # (RawPostDataException, a 500). Too big to read: left to the operation.
                request.body  # noqa: B018
            for key, values in request.POST.lists():
                sources += [(key, key)] + [(key, v) for v in values]
        elif content_type == "application/json" and b"\\u0000" in request.body:
            sources += list(_strings(json.loads(request.body), ""))
    except (RequestDataTooBig, MultiPartParserError, ValueError):
        return None  # the view refuses these itself, as before
    for field, text in sources:
        if NUL in text:
            return field or "request"
    return None


class RejectNulMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        field = nul_field(request)
        if field is None:
            return self.get_response(request)
        invalid = CommonError.INVALID_INPUT
        if request.path_info.startswith("/api/"):
            return JsonResponse(
                invalid.exc(fields={field: NUL_MESSAGE}).as_dict(),
                status=invalid.status,
                json_dumps_params={"ensure_ascii": False},
            )
        return HttpResponseBadRequest(
            f"{invalid.message}{field}：{NUL_MESSAGE}", content_type="text/plain; charset=utf-8"
        )
