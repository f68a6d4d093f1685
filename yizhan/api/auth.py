"""API authentication: bearer tokens for API clients, the session for the web pages."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer, SessionAuth

from yizhan.accounts.models import ApiToken, User


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        found = ApiToken.lookup(token)
        if found is None:
            return None
        if found.last_used_at is None or (timezone.now() - found.last_used_at).total_seconds() > 60:
            ApiToken.objects.filter(pk=found.pk).update(last_used_at=timezone.now())
        request.user = found.user
        return found.user


class WebSessionAuth(SessionAuth):
    """Session cookie auth; django-ninja checks the CSRF token on unsafe methods."""


AUTH = [TokenAuth(), WebSessionAuth()]


def user_of(request: HttpRequest) -> User:
    """The authenticated user of an API request (the router's auth guarantees one)."""
    user = request.user
    if not isinstance(user, User):
        raise TypeError("user_of() needs an authenticated request")
    return user
