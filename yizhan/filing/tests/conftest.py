"""Fixtures for the filing tests; the helpers live in .helpers so that other apps' tests can
import them too."""

from __future__ import annotations

from .helpers import (  # noqa: F401  (fixtures and names other test modules import from here)
    PDF,
    PNG,
    Api,
    admin_cause,
    alice,
    bob,
    cause,
    chikan_clerk,
    chikan_judge,
    civil_payload,
    complete_draft,
    courts,
    xiashan_clerk,
)
