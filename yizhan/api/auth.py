"""API authentication: bearer tokens for API clients, the session for the web pages."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer, SessionAuth

from yizhan.accounts.models import ApiToken


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        found = ApiToken.lookup(token)
        if found is None:
            return None
        if found.last_used_at is None or (timezone.now() - found.last_used_at).seconds > 60:
            ApiToken.objects.filter(pk=found.pk).update(last_used_at=timezone.now())
        request.user = found.user
        return found.user


class WebSessionAuth(SessionAuth):
    """Session cookie auth; django-ninja checks the CSRF token on unsafe methods."""


AUTH = [TokenAuth(), WebSessionAuth()]
