"""Publication workflow: drafts due 7 working days after effectiveness (Art 7), review,
Art 4/6 withholding with a notice, withdrawal and correction with history, and denials."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
import time_machine
from django.test import Client, override_settings

from yizhan.accounts.models import Role
from yizhan.audit.models import AuditEvent
from yizhan.core.errors import DomainError
from yizhan.factories import demo_courts, litigant, user_with_role
from yizhan.publication import actions
from yizhan.publication.models import (
    JudgmentDocument,
    PublicationEvent,
    PublicationStatus,
)
from yizhan.publication.selectors import public_view, published_documents

pytestmark = pytest.mark.django_db

TEXT = (
    "湛江市赤坎区人民法院\n刑事判决书\n（2026）粤0802刑初45号\n"
    "被告人张三，男，1990年1月1日出生，公民身份号码440802199001011234，住广东省湛江市赤坎区南方路18号。\n"
    "经审理查明，被告人张三驾驶粤G12345号小型轿车将被害人李四撞伤。\n"
    "审判长  赵  明\n书记员  周小红"
)


@pytest.fixture
def courts() -> dict[str, Any]:
    return demo_courts()


@pytest.fixture
def chikan(courts: dict[str, Any]) -> Any:
    return courts["粤0802"]


@pytest.fixture
def xiashan(courts: dict[str, Any]) -> Any:
    return courts["粤0803"]


@pytest.fixture
def chief(chikan: Any) -> Any:
    return user_with_role(Role.DIVISION_CHIEF, chikan, id_number=None)


@pytest.fixture
def judge(chikan: Any) -> Any:
    return user_with_role(Role.JUDGE, chikan, id_number=None)


def make_document(
    court: Any, effective_on: date | None = date(2026, 3, 2), **kw: Any
) -> JudgmentDocument:
    return JudgmentDocument.objects.create(
        court=court,
        case_number="（2026）粤0802刑初45号",
        title="张三交通肇事罪一审刑事判决书",
        doc_type="judgment",
        case_category="criminal",
        full_text=kw.pop("full_text", TEXT),
        decided_on=date(2026, 2, 13),
        effective_on=effective_on,
        is_effective=effective_on is not None,
        parties=[{"name": "张三", "role": "被告人"}],
        **kw,
    )


def test_art7_draft_due_seven_working_days_after_effectiveness(chikan: Any, judge: Any) -> None:
    doc = make_document(chikan, date(2026, 3, 2))
    draft = actions.create_draft(doc.pk, acting_user=judge)
    assert draft.due_on == date(2026, 3, 11)
    assert draft.status == PublicationStatus.DRAFT
    assert draft.text == (
        "湛江市赤坎区人民法院\n刑事判决书\n（2026）粤0802刑初45号\n"
        "被告人张某，男，1990年1月1日出生，住广东省湛江市赤坎区。\n"
        "经审理查明，被告人张某驾驶粤G×××××号小型轿车将被害人李某撞伤。\n"
        "审判长  赵  明\n书记员  周小红"
    )
    assert [e.action for e in draft.events.all()] == ["drafted"]
    assert AuditEvent.objects.filter(action="publication.draft_created").count() == 1


def test_art7_due_date_skips_the_2026_national_day_holiday(chikan: Any) -> None:
    doc = make_document(chikan, date(2026, 9, 29))
    assert actions.create_draft(doc.pk).due_on == date(2026, 10, 14)


def test_art7_due_date_after_the_2026_spring_festival(chikan: Any) -> None:
    doc = make_document(chikan, date(2026, 2, 13))
    assert actions.create_draft(doc.pk).due_on == date(2026, 3, 2)


def test_document_not_effective_cannot_be_drafted(chikan: Any) -> None:
    doc = make_document(chikan, None)
    with pytest.raises(DomainError) as e:
        actions.create_draft(doc.pk)
    assert e.value.code == "document_not_effective"


def test_document_drafted_only_once(chikan: Any) -> None:
    doc = make_document(chikan)
    actions.create_draft(doc.pk)
    with pytest.raises(DomainError) as e:
        actions.create_draft(doc.pk)
    assert e.value.code == "already_drafted"


@time_machine.travel("2026-03-05 10:00 +0800")
def test_approve_publishes_and_public_sees_only_deidentified_text(chikan: Any, chief: Any) -> None:
    draft = actions.create_draft(make_document(chikan).pk)
    assert list(published_documents()) == []
    actions.approve(draft.pk, acting_user=chief)
    [item] = [public_view(d) for d in published_documents()]
    assert item["kind"] == "document"
    assert item["text"] == draft.text
    assert "张三" not in item["text"]
    assert "440802199001011234" not in item["text"]
    assert item["published_at"].date() == date(2026, 3, 5)


def test_held_drafts_are_not_public_and_need_a_reason(chikan: Any, chief: Any) -> None:
    draft = actions.create_draft(make_document(chikan).pk)
    with pytest.raises(DomainError) as e:
        actions.hold(draft.pk, acting_user=chief, reason=" ")
    assert e.value.code == "reason_required"
    actions.hold(draft.pk, acting_user=chief, reason="待核实隐名范围")
    assert list(published_documents()) == []
    actions.approve(draft.pk, acting_user=chief)
    assert [e.action for e in PublicationEvent.objects.filter(draft=draft)] == [
        "drafted",
        "held",
        "approved",
    ]


def test_art4_art6_withheld_document_publishes_only_the_notice(chikan: Any, chief: Any) -> None:
    draft = actions.create_draft(make_document(chikan).pk)
    actions.withhold(draft.pk, acting_user=chief, ground="juvenile_crime")
    [item] = [public_view(d) for d in published_documents()]
    assert {
        k: item[k]
        for k in ("kind", "case_number", "court", "decided_on", "reason", "text", "title")
    } == {
        "kind": "notice",
        "case_number": "（2026）粤0802刑初45号",
        "court": "湛江市赤坎区人民法院",
        "decided_on": date(2026, 2, 13),
        "reason": "未成年人犯罪",
        "text": None,
        "title": None,
    }


def test_art4_withhold_needs_an_art4_ground(chikan: Any, chief: Any) -> None:
    draft = actions.create_draft(make_document(chikan).pk)
    with pytest.raises(DomainError) as e:
        actions.withhold(draft.pk, acting_user=chief, ground="embarrassing")
    assert e.value.code == "bad_ground"
    with pytest.raises(DomainError) as e:
        actions.withhold(draft.pk, acting_user=chief, ground="other")
    assert e.value.code == "reason_required"


def test_withdraw_and_correct_keep_history(chikan: Any, chief: Any) -> None:
    draft = actions.create_draft(make_document(chikan).pk)
    actions.approve(draft.pk, acting_user=chief)
    first = draft.text
    actions.correct(draft.pk, acting_user=chief, text=first + "\n（更正）", reason="笔误")
    draft.refresh_from_db()
    assert draft.version == 2
    assert draft.published_text.endswith("（更正）")
    corrected = PublicationEvent.objects.get(draft=draft, action="corrected")
    assert corrected.previous_text == first
    assert corrected.reason == "笔误"
    actions.withdraw(draft.pk, acting_user=chief, reason="当事人申请")
    assert list(published_documents()) == []
    assert [e.action for e in draft.events.all()] == [
        "drafted",
        "approved",
        "corrected",
        "withdrawn",
    ]
    with pytest.raises(RuntimeError):
        corrected.save()  # append-only


def test_only_reviewer_roles_act(chikan: Any, judge: Any) -> None:
    draft = actions.create_draft(make_document(chikan).pk)
    with pytest.raises(DomainError) as e:
        actions.approve(draft.pk, acting_user=judge)
    assert e.value.status == 403


def test_reviewer_of_another_court_cannot_act_or_see(chikan: Any, xiashan: Any) -> None:
    other_chief = user_with_role(Role.DIVISION_CHIEF, xiashan, id_number=None)
    draft = actions.create_draft(make_document(chikan).pk)
    with pytest.raises(DomainError) as e:
        actions.approve(draft.pk, acting_user=other_chief)
    assert e.value.status == 404
    draft.refresh_from_db()
    assert draft.status == PublicationStatus.DRAFT


def test_litigant_cannot_act(chikan: Any) -> None:
    draft = actions.create_draft(make_document(chikan).pk)
    with pytest.raises(DomainError) as e:
        actions.approve(draft.pk, acting_user=litigant())
    assert e.value.status == 404


# --- the public API never shows drafts or withheld text ------------------------------------------


def test_public_api_lists_published_and_notices_only(chikan: Any, chief: Any) -> None:
    published = actions.create_draft(make_document(chikan).pk)
    actions.approve(published.pk, acting_user=chief)
    doc2 = JudgmentDocument.objects.create(
        court=chikan,
        case_number="（2026）粤0802刑初46号",
        title="某案",
        full_text="被告人王五盗窃。",
        effective_on=date(2026, 3, 2),
        is_effective=True,
    )
    withheld = actions.create_draft(doc2.pk)
    actions.withhold(withheld.pk, acting_user=chief, ground="state_secret")
    doc3 = JudgmentDocument.objects.create(
        court=chikan,
        case_number="（2026）粤0802刑初47号",
        title="草稿案",
        full_text="被告人赵六盗窃。",
        effective_on=date(2026, 3, 2),
        is_effective=True,
    )
    draft = actions.create_draft(doc3.pk)
    c = Client()
    r = c.get("/api/v1/publication/published")
    assert r.status_code == 200
    body = r.json()
    assert sorted((i["case_number"], i["kind"]) for i in body) == [
        ("（2026）粤0802刑初45号", "document"),
        ("（2026）粤0802刑初46号", "notice"),
    ]
    assert "王五" not in r.content.decode()
    assert "赵六" not in r.content.decode()
    assert c.get(f"/api/v1/publication/published/{draft.pk}").status_code == 404
    assert c.get(f"/api/v1/publication/published/{withheld.pk}").json()["text"] is None
    assert c.get(f"/api/v1/publication/drafts/{draft.pk}").status_code == 401


# --- console review page ---------------------------------------------------------------------------


def test_console_review_page_highlights_every_change(chikan: Any, chief: Any) -> None:
    draft = actions.create_draft(make_document(chikan).pk)
    c = Client()
    c.force_login(chief)
    r = c.get(f"/console/publication/{draft.pk}/")
    assert r.status_code == 200
    html = r.content.decode()
    assert html.count("<mark ") == len(draft.changes) == 6
    assert 'title="人名（隐名）：张三">张某</mark>' in html
    assert 'title="车牌号（删除）：粤G12345">粤G×××××</mark>' in html
    r = c.post(f"/console/publication/{draft.pk}/approve/")
    assert r.status_code == 302
    draft.refresh_from_db()
    assert draft.status == PublicationStatus.PUBLISHED


def test_console_review_page_marks_what_the_reviewer_should_check(
    chikan: Any, chief: Any, tmp_path: Any
) -> None:
    # 金 doubles as a common word, so the rules leave 金大成; the page marks it 请核对
    text = TEXT.replace("将被害人李四撞伤。", "将被害人李四撞伤。被害人金大成陈述，其被撞倒。")
    with override_settings(YIZHAN_DEID_MODEL=str(tmp_path / "none.crfsuite")):
        draft = actions.create_draft(make_document(chikan, full_text=text).pk)
        c = Client()
        c.force_login(chief)
        html = c.get(f"/console/publication/{draft.pk}/").content.decode()
        assert html.count("<mark ") == len(draft.changes) + 1 == 7
        assert '<mark class="deid-suspect" title="请核对：称谓后以姓氏开头">金大成</mark>' in html
        assert 'data-suspects="1"' in html
        actions.approve(draft.pk, acting_user=chief)
        # a published draft is no longer checked
        html = c.get(f"/console/publication/{draft.pk}/").content.decode()
        assert "deid-suspect" not in html and "data-suspects" not in html


def test_console_review_page_computes_the_marks_once_per_draft_and_model(
    chikan: Any, chief: Any, tmp_path: Any, monkeypatch: Any
) -> None:
    from django.core.cache import cache

    from yizhan.publication.deid import suspects as real

    cache.clear()
    calls: list[int] = []

    def counting(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return real(*args, **kwargs)

    # the review page's own reference (patched by name: domain tests import no transport)
    monkeypatch.setattr("yizhan.console.publication.views.suspects", counting)
    text = TEXT.replace("将被害人李四撞伤。", "将被害人李四撞伤。被害人金大成陈述，其被撞倒。")
    model = tmp_path / "none.crfsuite"
    with override_settings(YIZHAN_DEID_MODEL=str(model)):
        draft = actions.create_draft(make_document(chikan, full_text=text).pk)
        c = Client()
        c.force_login(chief)
        for _ in range(3):
            html = c.get(f"/console/publication/{draft.pk}/").content.decode()
            assert (
                '<mark class="deid-suspect" title="请核对：称谓后以姓氏开头">金大成</mark>' in html
            )
        assert len(calls) == 1
        # a model file appearing (retrained) changes the key: the marks are computed again
        model.write_bytes(b"")
        c.get(f"/console/publication/{draft.pk}/")
        assert len(calls) == 2
    cache.clear()


def test_console_review_page_denials(chikan: Any, xiashan: Any, judge: Any) -> None:
    draft = actions.create_draft(make_document(chikan).pk)
    anon = Client()
    assert anon.get(f"/console/publication/{draft.pk}/").status_code == 302
    c = Client()
    c.force_login(judge)
    assert c.get(f"/console/publication/{draft.pk}/").status_code == 200
    assert c.post(f"/console/publication/{draft.pk}/approve/").status_code == 403
    other = Client()
    other.force_login(user_with_role(Role.DIVISION_CHIEF, xiashan, id_number=None))
    assert other.get(f"/console/publication/{draft.pk}/").status_code == 404
    assert (
        other.post(
            f"/console/publication/{draft.pk}/withhold/", {"ground": "other", "note": "x"}
        ).status_code
        == 404
    )
    draft.refresh_from_db()
    assert draft.status == PublicationStatus.DRAFT


def test_publish_indexes_correct_reindexes_withdraw_unindexes(chikan: Any, chief: Any) -> None:
    """Hooks into public search: approve -> found, correct -> new text found, withdraw -> gone."""
    from yizhan.publication import search

    def hits(q: str) -> list[str]:
        return [r["doc_id"] for r in search.keyword_search(q)["results"]]

    draft = actions.create_draft(make_document(chikan).pk)
    assert hits("交通肇事") == []
    assert hits("驾驶") == []
    actions.approve(draft.pk, acting_user=chief)
    assert hits("驾驶") == [str(draft.pk)]
    res = search.keyword_search("驾驶", search.Filters(court=chikan.code, year=2026))
    assert [r["doc_id"] for r in res["results"]] == [str(draft.pk)]
    assert "张三" not in res["results"][0]["snippet"]  # the de-identified text is indexed
    actions.correct(draft.pk, acting_user=chief, text=draft.text + "\n更正补记：赔偿损失。",
                    reason="补正")  # fmt: skip
    assert hits("赔偿损失") == [str(draft.pk)]
    actions.withdraw(draft.pk, acting_user=chief, reason="当事人申请")
    assert hits("驾驶") == []
    assert hits("赔偿损失") == []
    search.remove_document(draft.pk)
