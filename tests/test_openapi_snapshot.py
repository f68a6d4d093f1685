"""The OpenAPI schema is a contract with API clients: any change to it shows up here.

After an intended change, regenerate and commit the snapshot:

    UPDATE_SNAPSHOTS=1 DJANGO_SETTINGS_MODULE=config.settings.test \
        .venv/bin/pytest tests/test_openapi_snapshot.py
"""

from __future__ import annotations

import difflib
import json
import os
from pathlib import Path

import pytest
from django.test import Client

SNAPSHOT = Path(__file__).parent / "snapshots" / "openapi.json"


def _render(schema: object) -> str:
    return json.dumps(schema, sort_keys=True, indent=2, ensure_ascii=False) + "\n"


@pytest.mark.django_db
def test_openapi_schema_matches_the_snapshot():
    r = Client().get("/api/openapi.json")
    assert r.status_code == 200
    current = _render(r.json())

    if os.environ.get("UPDATE_SNAPSHOTS") == "1":
        SNAPSHOT.parent.mkdir(parents=True, exist_ok=True)
        SNAPSHOT.write_text(current, encoding="utf-8")
        return

    assert SNAPSHOT.exists(), (
        f"{SNAPSHOT} is missing: run with UPDATE_SNAPSHOTS=1 to create it, then commit it"
    )
    expected = SNAPSHOT.read_text(encoding="utf-8")
    if current != expected:
        diff = "".join(
            difflib.unified_diff(
                expected.splitlines(keepends=True),
                current.splitlines(keepends=True),
                fromfile="tests/snapshots/openapi.json",
                tofile="GET /api/openapi.json",
                n=2,
            )
        )
        shown = diff if len(diff) < 6000 else diff[:6000] + "\n… (diff truncated)\n"
        pytest.fail(
            "The OpenAPI schema changed. If the change is intended, regenerate the snapshot "
            "with UPDATE_SNAPSHOTS=1 and commit tests/snapshots/openapi.json.\n" + shown,
            pytrace=False,
        )
