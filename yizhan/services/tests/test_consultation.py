"""Consultation (咨询): the knowledge base, its Chinese search, unanswered questions → tickets."""

from __future__ import annotations

import pytest

from yizhan.services.models import KnowledgeEntry, Ticket

from .conftest import Api, assert_error

pytestmark = pytest.mark.django_db


def _top(q: str) -> dict:
    r = Api().get("/services/consultation/search", q=q)
    assert r.status_code == 200, r.content
    return r.json()


def test_seeded_knowledge_base_answers_a_fee_question():
    assert KnowledgeEntry.objects.count() >= 20  # seeded by migration 0002
    body = _top("诉讼费怎么计算")
    assert body["answered"] is True
    assert body["hits"][0]["question"] == "财产案件的案件受理费怎么计算？"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("上诉", "不服一审判决，上诉期限是多久？"),  # a two-character term
        ("审限", "案件一般多长时间审结？什么是审限？"),
        ("诉讼废标准", "财产案件的案件受理费怎么计算？"),  # a typo (废 for 费)
        ("司法确认", "调解协议怎样申请司法确认？"),
        ("12368", "12368热线可以办理哪些事项？"),
    ],
)
def test_search_finds_short_terms_and_tolerates_a_typo(query, expected):
    assert _top(query)["hits"][0]["question"] == expected


def test_one_character_term_is_found():
    questions = [h["question"] for h in _top("费")["hits"]]
    assert questions
    assert all(
        "费" in q or "费" in KnowledgeEntry.objects.get(question=q).answer for q in questions
    )


def test_question_without_a_good_answer_becomes_a_consultation_ticket(alice, chikan_clerk):
    r = Api(alice).post(
        "/services/consultation/ask",
        {"question": "宠物狗咬伤邻居小孩后保险公司拒赔", "court_code": "粤0802"},
    )
    assert r.status_code == 200, r.content
    body = r.json()
    assert body["answered"] is False
    assert body["ticket"]["kind"] == "consultation"
    assert body["ticket"]["channel"] == "web"
    t = Ticket.objects.get()
    assert t.caller_user == alice
    assert t.court.code == "粤0802"


def test_answered_question_creates_no_ticket(alice):
    r = Api(alice).post(
        "/services/consultation/ask", {"question": "不服判决上诉期限多久", "court_code": "粤0802"}
    )
    assert r.json()["answered"] is True
    assert r.json()["ticket"] is None
    assert Ticket.objects.count() == 0


def test_staff_edit_is_searchable_at_once(agent):
    api = Api(agent)
    r = api.post(
        "/services/consultation/entries",
        {
            "category": "court_info",
            "question": "赤坎区法院诉讼服务中心在哪里？",
            "answer": "位于湛江市赤坎区某路1号（示例）。",
            "keywords": "地址 赤坎 位置",
            "court_code": "粤0802",
        },
    )
    assert r.status_code == 201, r.content
    hits = Api().get("/services/consultation/search", q="赤坎法院地址", court_code="粤0802").json()
    assert hits["hits"][0]["question"] == "赤坎区法院诉讼服务中心在哪里？"
    # Court-specific entries do not show for other courts
    other = Api().get("/services/consultation/search", q="赤坎法院地址", court_code="粤0803").json()
    assert all(h["question"] != "赤坎区法院诉讼服务中心在哪里？" for h in other["hits"])
    # An edit is reflected at once (the index is rebuilt)
    entry_id = r.json()["id"]
    r = api.put(
        f"/services/consultation/entries/{entry_id}",
        {**r.json(), "question": "赤坎区法院立案窗口在几楼？", "court_code": "粤0802"},
    )
    assert r.status_code == 200, r.content
    hits = Api().get("/services/consultation/search", q="立案窗口几楼", court_code="粤0802").json()
    assert hits["hits"][0]["question"] == "赤坎区法院立案窗口在几楼？"


def test_litigant_may_not_edit_the_knowledge_base(alice):
    r = Api(alice).post(
        "/services/consultation/entries",
        {"category": "fees", "question": "测试问题", "answer": "测试答复"},
    )
    assert_error(r, 403, "permission_denied")


def test_asking_needs_login_and_a_question(courts):
    assert_error(
        Api().post(
            "/services/consultation/ask", {"question": "宠物狗咬人", "court_code": "粤0802"}
        ),
        401,
        "not_authenticated",
    )
    assert_error(Api().get("/services/consultation/search", q=" "), 422, "invalid_input")
