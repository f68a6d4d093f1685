"""Sets the audit channel for each request: API, console (or the service-hall counter), web."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from .context import reset_context, set_context


class AuditContextMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        path = request.path_info
        if path.startswith("/api/"):
            channel = "api" if "HTTP_AUTHORIZATION" in request.META else "web"
        elif path.startswith("/console/"):
            channel = "counter" if request.session.get("counter_mode") else "console"
        else:
            channel = "web"
        token = set_context(channel, request.META.get("REMOTE_ADDR"))
        try:
            return self.get_response(request)
        finally:
            reset_context(token)
