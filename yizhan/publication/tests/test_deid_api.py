"""POST /api/v1/publication/deidentify: staff only, errors in the envelope."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.test import override_settings

from yizhan.accounts.models import Role
from yizhan.factories import demo_courts, litigant, user_with_role
from yizhan.filing.tests.helpers import Api

pytestmark = pytest.mark.django_db
URL = "/publication/deidentify"


@pytest.fixture(autouse=True)
def _rules_only(tmp_path: Path) -> Iterator[None]:
    """These tests pin the rules' exact output: never pick up a trained model from var/."""
    with override_settings(YIZHAN_DEID_MODEL=str(tmp_path / "no-model.crfsuite")):
        yield


@pytest.fixture
def judge() -> Any:
    return user_with_role(Role.JUDGE, demo_courts()["粤0802"], id_number=None)


def test_deidentify_success(judge: Any) -> None:
    r = Api(judge).post(
        URL,
        {
            "text": "被告人张三驾驶粤G12345号小型轿车将被害人李四撞伤。",
            "parties": [{"name": "张三", "role": "被告人"}],
            "policy": "2016",
        },
    )
    assert r.status_code == 200
    assert r.json() == {
        "text": "被告人张三驾驶粤G×××××号小型轿车将被害人李某撞伤。",
        "changes": [
            {
                "start": 7,
                "end": 14,
                "original": "粤G12345",
                "replacement": "粤G×××××",
                "kind": "plate",
            },
            {"start": 23, "end": 25, "original": "李四", "replacement": "李某", "kind": "person"},
        ],
    }


def test_deidentify_default_policy_is_all_parties(judge: Any) -> None:
    r = Api(judge).post(URL, {"text": "被告人张三到案。"})
    assert r.json()["text"] == "被告人张某到案。"


def test_deidentify_anonymous_401() -> None:
    r = Api().post(URL, {"text": "被告人张三到案。"})
    assert r.status_code == 401
    assert r.json()["code"] == "not_authenticated"


def test_deidentify_litigant_403() -> None:
    r = Api(litigant()).post(URL, {"text": "被告人张三到案。"})
    assert r.status_code == 403
    assert r.json()["code"] == "permission_denied"


@pytest.mark.parametrize(
    "body",
    [
        {"text": "x", "policy": "2013"},
        {"parties": []},
        {"text": "x", "parties": [{"name": "", "role": "原告"}]},
        {"text": "x", "parties": "张三"},
    ],
)
def test_deidentify_bad_input_422(judge: Any, body: dict[str, Any]) -> None:
    r = Api(judge).post(URL, body)
    assert r.status_code == 422
    assert r.json()["code"] == "invalid_input"
    assert set(r.json()) == {"code", "message", "fields"}


def test_deidentify_malformed_json_is_not_a_500(judge: Any) -> None:
    r = Api(judge).post_raw(URL, "{not json")
    assert r.status_code in (400, 422)
