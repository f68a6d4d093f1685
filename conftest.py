"""Shared pytest configuration: uploads go to a temporary folder per test; Hypothesis runs
without wall-clock deadlines (CI machines are small and shared, and a property either holds
or not whatever the speed)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile(
    "yizhan",
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile("yizhan")


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path / "media"
