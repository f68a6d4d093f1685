from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

# Shared fixtures of the filing tests (courts, cause, alice, chikan_clerk, xiashan_clerk).
from yizhan.filing.tests.conftest import (  # noqa: F401
    alice,
    bob,
    cause,
    chikan_clerk,
    courts,
    xiashan_clerk,
)


def login(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def clerk_client(chikan_clerk):  # type: ignore[no-untyped-def]  # noqa: F811
    return login(chikan_clerk)
