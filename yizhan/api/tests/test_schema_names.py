"""OpenAPI names each request/response schema after its class: two different schemas with one
class name in two apps overwrite each other in /api/docs (trial's ExtensionIn documented without
``months``; the judgment search documented with the consultation search's fields)."""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

from ninja import Schema

import config.urls  # noqa: F401  (imports every router, so every schema class exists)


def _subclasses(cls: type) -> list[type]:
    out = []
    for sub in cls.__subclasses__():
        out.append(sub)
        out.extend(_subclasses(sub))
    return out


def test_schema_class_names_are_unique_or_identical() -> None:
    by_name: dict[str, dict[str, Any]] = defaultdict(dict)
    for cls in _subclasses(Schema):
        if cls.__module__.startswith("yizhan.") and ".tests" not in cls.__module__:
            shape = json.dumps(cls.model_json_schema(), sort_keys=True)  # type: ignore[attr-defined]
            by_name[cls.__name__][f"{cls.__module__}.{cls.__qualname__}"] = shape
    clashes = {name: sorted(defs) for name, defs in by_name.items() if len(set(defs.values())) > 1}
    assert clashes == {}


def test_openapi_documents_the_trial_extension_with_months() -> None:
    from yizhan.api.api import api

    schemas = api.get_openapi_schema()["components"]["schemas"]
    assert set(schemas["TimeLimitExtensionIn"]["properties"]) == {"reason", "months", "days"}
    assert "grant" in schemas["DecisionIn"]["properties"]  # mediation's
    assert "approve" in schemas["ExtensionDecisionIn"]["properties"]  # trial's
    assert "results" in schemas["JudgmentSearchOut"]["properties"]
    assert "hits" in schemas["SearchOut"]["properties"]
