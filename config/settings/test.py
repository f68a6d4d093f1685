"""Test settings: the database comes from DATABASE_URL (SQLite by default; `make test` runs
the suite a second time against PostgreSQL)."""

import tempfile
from pathlib import Path

from .base import *  # noqa: F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="yizhan-test-media-"))
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# SQLite: test on a file, not the default shared-cache in-memory database. In shared-cache
# mode a second connection gets "database table is locked" at once instead of waiting, so the
# concurrency tests (threads, one connection each) could not exercise WAL + BEGIN IMMEDIATE as
# production runs it. One directory per process: parallel runs never share a file.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": str(Path(tempfile.mkdtemp(prefix="yizhan-test-db-")) / "test.sqlite3")
    }
