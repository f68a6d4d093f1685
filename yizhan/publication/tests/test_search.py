"""Public keyword search on the current backend (run the suite on SQLite and PostgreSQL)."""

from __future__ import annotations

import pytest

from yizhan.filing.tests.helpers import Api
from yizhan.publication import search
from yizhan.publication.search import store


@pytest.fixture(scope="session", autouse=True)
def search_schema(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        store.ensure_schema(force=True)


DOCS = [
    ("d1", "粤0802", 2024, "刑事", "盗窃罪", "张某盗窃一审刑事判决书",
     "经审理查明，被告人张某于2024年3月在赤坎区盗窃电动车一辆。本院认为其行为构成盗窃罪。"),
    ("d2", "粤0802", 2023, "刑事", "诈骗罪", "李某诈骗一审刑事判决书",
     "经审理查明，被告人李某冒充客服诈骗被害人钱款。本院认为其行为构成诈骗罪。"),
    ("d3", "粤08", 2024, "民事", "民间借贷纠纷", "王某与赵某民间借贷纠纷一审民事判决书",
     "原告王某诉称被告赵某借款未还。本院认为借贷关系成立，被告应当偿还借款。"),
    ("d4", "粤0802", 2024, "刑事", "盗窃罪", "陈某盗窃一审刑事判决书（未公开）",
     "经审理查明，被告人陈某盗窃手机。构成盗窃罪。"),
]  # fmt: skip


@pytest.fixture
def corpus(db):
    for i, (doc_id, court, year, ctype, cause, title, body) in enumerate(DOCS):
        search.index_document(
            doc_id,
            court,
            year,
            ctype,
            cause,
            title,
            body,
            published=(doc_id != "d4"),
            case_number=f"（{year}）案{i}号",
        )
    yield
    store.clear("public")


def ids(result):
    return [r["doc_id"] for r in result["results"]]


def test_two_character_term_found_and_unpublished_never_returned(corpus):
    assert sorted(ids(search.keyword_search("盗窃"))) == ["d1"]


def test_one_character_term_found(corpus):
    assert sorted(ids(search.keyword_search("骗"))) == ["d2"]


def test_longer_term_is_an_exact_substring(corpus):
    assert ids(search.keyword_search("电动车")) == ["d1"]
    assert ids(search.keyword_search("电车")) == []


def test_long_term_whose_parts_occur_apart_is_not_found(db):
    # 危险驾 and 险驾驶 (the trigrams of 危险驾驶) both occur, 危险驾驶 does not: PostgreSQL
    # selects by the trigrams and verifies the page's rows
    search.index_document("a", "粤0802", 2024, "刑事", "", "t", "他危险驾车，又称险驾驶。")
    search.index_document("b", "粤0802", 2023, "刑事", "", "t", "被告人危险驾驶机动车。")
    try:
        assert ids(search.keyword_search("危险驾驶")) == ["b"]
        assert ids(search.keyword_search("称险驾")) == ["a"]
        assert sorted(ids(search.keyword_search("危险驾"))) == ["a", "b"]
        assert ids(search.keyword_search("驾驶机动车 危")) == ["b"]
    finally:
        store.clear("public")


def test_all_terms_must_match(corpus):
    assert ids(search.keyword_search("被告 借款")) == ["d3"]
    assert ids(search.keyword_search("借款 盗窃")) == []


def test_filters_court_year_type_cause(corpus):
    assert sorted(ids(search.keyword_search("本院认为"))) == ["d1", "d2", "d3"]
    f = search.Filters
    assert sorted(ids(search.keyword_search("本院认为", f(court="粤0802")))) == ["d1", "d2"]
    assert sorted(ids(search.keyword_search("本院认为", f(year=2024)))) == ["d1", "d3"]
    assert ids(search.keyword_search("本院认为", f(case_type="民事"))) == ["d3"]
    assert ids(search.keyword_search("本院认为", f(cause="诈骗罪"))) == ["d2"]


def test_pagination(corpus):
    p1 = search.keyword_search("本院认为", page=1, page_size=2)
    p2 = search.keyword_search("本院认为", page=2, page_size=2)
    assert (p1["total"], p1["pages"], p2["page"]) == (3, 2, 2)
    assert len(p1["results"]) == 2
    assert len(p2["results"]) == 1
    assert set(ids(p1)) | set(ids(p2)) == {"d1", "d2", "d3"}


def test_highlighted_snippet_is_escaped(db):
    search.index_document(
        "x", "粤0802", 2024, "刑事", "盗窃罪", "t", "<b>被告</b>人盗窃财物，盗窃数额较大。"
    )
    try:
        snip = search.keyword_search("盗窃")["results"][0]["snippet"]
        assert snip == "&lt;b&gt;被告&lt;/b&gt;人<mark>盗窃</mark>财物，<mark>盗窃</mark>数额较大。"
    finally:
        store.clear("public")


def test_withdrawn_document_disappears(corpus):
    search.set_published("d1", False)
    assert ids(search.keyword_search("盗窃")) == []
    search.remove_document("d2")
    assert ids(search.keyword_search("诈骗")) == []


def test_bench_index_is_separate_from_public(corpus):
    search.index_document("b1", "", 2020, "刑事", "", "bench", "盗窃摩托车", index_name="bench")
    assert ids(search.keyword_search("摩托车")) == []
    assert ids(search.keyword_search("摩托车", index_name="bench")) == ["b1"]
    store.clear("bench")


def test_api_public_search_success(corpus):
    r = Api().get("/publication/search", q="盗窃", court="粤0802", year=2024, type="刑事")
    assert r.status_code == 200, r.content
    body = r.json()
    assert body["total"] == 1
    assert body["results"][0]["doc_id"] == "d1"
    assert "<mark>盗窃</mark>" in body["results"][0]["snippet"]


@pytest.mark.parametrize("params", [{"q": "盗窃", "page": 0}, {"q": "盗窃", "year": "abc"},
                                    {"q": "盗" * 201}])  # fmt: skip
def test_api_search_bad_input(corpus, params):
    r = Api().get("/publication/search", **params)
    assert r.status_code == 422, r.content
    assert set(r.json()) == {"code", "message", "fields"}


def test_portal_page_shows_highlights_and_never_unpublished(corpus, client):
    r = client.get("/judgments/", {"q": "盗窃"})
    assert r.status_code == 200
    html = r.content.decode()
    assert "<mark>盗窃</mark>" in html
    assert "张某盗窃一审刑事判决书" in html
    assert "未公开" not in html
    assert "http://" not in html
    assert "https://" not in html


def test_tables_of_an_older_layout_are_dropped_and_recreated(db):
    """Migration 0002 on a database indexed by an older release: the old tables go (on SQLite
    too, which has no DROP ... CASCADE), the current ones come, and search still works."""
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute("CREATE TABLE search_fts (doc_id text)")  # a table only old layouts had
    store.ensure_schema(force=True)
    tables = set(connection.introspection.table_names())
    assert "search_fts" not in tables
    assert {"search_document", "search_meta"} <= tables
    search.index_document("o1", "粤0802", 2024, "刑事", "盗窃罪", "标题", "被告人盗窃电动车。")
    assert ids(search.keyword_search("盗窃")) == ["o1"]
