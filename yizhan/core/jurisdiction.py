"""Jurisdiction rules that several apps apply (filing, trial)."""

from __future__ import annotations

from django.conf import settings

from .models import Court


def bankruptcy_court_code() -> str:
    """The court that receives all bankruptcy matters of the city (集中管辖; a setting,
    UNCONFIRMED for Zhanjiang, domain-rules §10)."""
    return str(getattr(settings, "YIZHAN_BANKRUPTCY_COURT", "粤08"))


def bankruptcy_court_for(court: Court) -> Court:
    """The court that hears the bankruptcy matters of ``court``: the designated court when
    ``court`` is it or lies under it; otherwise ``court`` itself."""
    code = bankruptcy_court_code()
    c: Court | None = court
    while c is not None:
        if c.code == code:
            return c
        c = c.parent
    return court
