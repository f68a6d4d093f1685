"""A NUL character (U+0000) in a query string, a form or a JSON body is refused before any
view runs: PostgreSQL text cannot hold it, and every query that used it failed with a 500
(found by tests/test_api_no_500.py and tests/test_pages_no_500.py on PostgreSQL)."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from yizhan.accounts.models import User

pytestmark = pytest.mark.django_db


def test_api_query_with_nul_is_invalid_input_with_the_field():
    r = Client().get("/api/v1/services/consultation/search", {"q": "离婚\x00"})
    assert r.status_code == 422
    assert r.json() == {
        "code": "invalid_input",
        "message": "提交的内容有误，请检查后重试。",
        "fields": {"q": "不能包含空字符（U+0000）。"},
    }


def test_api_json_body_with_nul_is_refused_and_nothing_is_created():
    body = {
        "username": "zhangsan",
        "password": "a-long-pass-2026",
        "real_name": "张三\x00",
        "id_number": "440802199001010011",
        "mobile": "13800138000",
    }
    r = Client().post("/api/v1/auth/register", json.dumps(body), content_type="application/json")
    assert r.status_code == 422
    assert r.json()["fields"] == {"real_name": "不能包含空字符（U+0000）。"}
    assert not User.objects.exists()


def test_nested_json_field_path_is_named():
    body = {"parties": [{"name": "张三"}, {"name": "李\x00四"}]}
    r = Client().post("/api/v1/filings", json.dumps(body), content_type="application/json")
    assert r.status_code == 422
    assert r.json()["fields"] == {"parties[1].name": "不能包含空字符（U+0000）。"}


def test_page_form_or_query_with_nul_is_a_400_page():
    r = Client().get("/judgments/", {"q": "合同\x00"})
    assert r.status_code == 400
    assert "不能包含空字符" in r.content.decode()
    r = Client().post("/services/consult/", {"question": "怎么\x00立案"})
    assert r.status_code == 400


def test_text_without_nul_and_an_escaped_backslash_pass():
    r = Client().get("/api/v1/services/consultation/search", {"q": "离婚"})
    assert r.status_code == 200
    body = json.dumps({"number": "\\u0000"})  # a backslash, then "u0000": no NUL
    r = Client().post("/api/v1/auth/token", body, content_type="application/json")
    assert r.status_code == 422
    assert "不能包含空字符（U+0000）。" not in r.content.decode()


def test_a_form_sent_to_a_json_operation_is_still_refused_as_before():
    """Parsing the form here must not consume the body the operation reads afterwards."""
    r = Client().post("/api/v1/auth/token", {"username": "张三"})
    assert r.status_code in (400, 422)
    assert {"code", "message"} <= set(r.json())


def test_a_form_with_nul_sent_to_the_api_is_invalid_input():
    r = Client().post("/api/v1/auth/token", {"username": "张\x00三"})
    assert r.status_code == 422
    assert r.json()["fields"] == {"username": "不能包含空字符（U+0000）。"}
