"""The reviewer's corrections to a pending draft (actions.adjust_masks): names the engine left
are added (pseudonymised under either policy, consistently with the others), non-names it
masked are kept; the draft is de-identified again; every refusal changes nothing."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.test import Client, override_settings

from yizhan.accounts.models import Role
from yizhan.audit.models import AuditEvent
from yizhan.core.errors import DomainError
from yizhan.factories import demo_courts, litigant, user_with_role
from yizhan.filing.tests.helpers import Api
from yizhan.publication import actions
from yizhan.publication.deid import deidentify
from yizhan.publication.models import (
    EventAction,
    JudgmentDocument,
    PublicationDraft,
    PublicationEvent,
)

pytestmark = pytest.mark.django_db

# all names invented; 金大成 is left by the rules (金 is also a common word), 林木 is masked
# by them (a dictionary word that can be read as a name), 卿小红 is the clerk
TEXT = (
    "湛江市赤坎区人民法院\n刑事判决书\n（2026）粤0802刑初45号\n"
    "被告人张三，男，1990年1月1日出生。\n"
    "经审理查明，被告人张三驾驶小型轿车将被害人李四撞伤。被害人金大成陈述，其被撞倒。"
    "当时林木遮住了路面。\n"
    "审判长  赵  明\n书记员  卿小红"
)
FACTS = "经审理查明，被告人张某驾驶小型轿车将被害人李某撞伤。被害人{jin}陈述，其被撞倒。当时{sun}遮住了路面。"


@pytest.fixture(autouse=True)
def _rules_only(tmp_path: Path) -> Iterator[None]:
    """Exact outputs of the rules: never pick up a trained model from var/."""
    with override_settings(YIZHAN_DEID_MODEL=str(tmp_path / "no-model.crfsuite")):
        yield


@pytest.fixture
def courts() -> dict[str, Any]:
    return demo_courts()


@pytest.fixture
def chief(courts: dict[str, Any]) -> Any:
    return user_with_role(Role.DIVISION_CHIEF, courts["粤0802"], id_number=None)


def draft_for(
    courts: dict[str, Any], policy: str = "all_parties", number: int = 45
) -> PublicationDraft:
    doc = JudgmentDocument.objects.create(
        court=courts["粤0802"],
        case_number=f"（2026）粤0802刑初{number}号",
        title="张三交通肇事罪一审刑事判决书",
        doc_type="judgment",
        case_category="criminal",
        full_text=TEXT.replace("45号", f"{number}号"),
        decided_on=date(2026, 2, 13),
        effective_on=date(2026, 3, 2),
        is_effective=True,
        parties=[{"name": "张三", "role": "被告人"}],
    )
    return actions.create_draft(doc.pk, policy=policy)


def facts(draft: PublicationDraft) -> str:
    return draft.text.split("\n")[4]


def test_added_name_is_pseudonymised_everywhere_with_history(courts: Any, chief: Any) -> None:
    draft = draft_for(courts)
    first = draft.text
    assert facts(draft) == FACTS.format(jin="金大成", sun="林某")
    draft = actions.adjust_masks(draft.pk, acting_user=chief, add=["金大成"], keep=[])
    assert facts(draft) == FACTS.format(jin="金某", sun="林某")
    assert draft.extra_names == ["金大成"] and draft.kept_words == []
    assert {"original": "金大成", "replacement": "金某", "kind": "person"}.items() <= next(
        c for c in draft.changes if c["original"] == "金大成"
    ).items()
    event = draft.events.get(action=EventAction.MASKS_ADJUSTED)
    assert (event.reason, event.previous_text, event.actor) == ("补充隐名：金大成", first, chief)
    audit = AuditEvent.objects.get(action="publication.masks_adjusted")
    assert audit.after == {"extra_names": ["金大成"], "kept_words": [], "changes": 5}
    assert audit.before == {"extra_names": [], "kept_words": [], "changes": 4}


def test_kept_word_is_left_and_lists_replace_the_previous_ones(courts: Any, chief: Any) -> None:
    draft = draft_for(courts)
    first = draft.text
    draft = actions.adjust_masks(draft.pk, acting_user=chief, add=["金大成"], keep=["林木"])
    assert facts(draft) == FACTS.format(jin="金某", sun="林木")
    assert draft.events.get(action=EventAction.MASKS_ADJUSTED).reason == (
        "补充隐名：金大成；确认非人名：林木"
    )
    # the same lists again (a retried submission): nothing changes, no second record
    actions.adjust_masks(draft.pk, acting_user=chief, add=[" 金大成 ", "金大成"], keep=["林木"])
    assert draft.events.filter(action=EventAction.MASKS_ADJUSTED).count() == 1
    # the lists are the whole decisions: empty lists undo them
    draft = actions.adjust_masks(draft.pk, acting_user=chief, add=[], keep=[])
    assert draft.text == first
    assert list(draft.events.values_list("reason", flat=True))[-1] == "撤销全部隐名调整"


def test_added_name_is_masked_under_the_2016_rules_too(courts: Any, chief: Any) -> None:
    draft = draft_for(courts, policy="2016")
    assert "被告人张三驾驶" in draft.text and "被害人金大成陈述" in draft.text
    draft = actions.adjust_masks(draft.pk, acting_user=chief, add=["金大成"], keep=[])
    assert "被告人张三驾驶" in draft.text and "被害人金某陈述" in draft.text


@pytest.mark.parametrize(
    ("add", "keep", "code", "message"),
    [
        (["王五"], [], "name_not_in_text", "裁判文书中没有“王五”。"),
        (["金"], [], "bad_name", None),
        (["金大成，"], [], "bad_name", None),
        # the bench is never hidden, whatever the reviewer asks
        (
            ["卿小红"],
            [],
            "not_maskable",
            "“卿小红”不能隐名：它只出现在审判人员姓名、案号等不隐去的内容中。",
        ),
        ([], ["张三"], "party_name_kept", None),
        ([], ["张三驾驶"], "party_name_kept", None),  # a word holding a party's name
        ([], ["路面"], "not_masked", "“路面”未被隐名，无需取消。"),
        (["金大成"], ["金大成"], "name_conflict", None),
        ([f"金大成{i}" for i in range(201)], [], "too_many_names", None),
    ],
)
def test_refusals_change_nothing(
    courts: Any, chief: Any, add: list[str], keep: list[str], code: str, message: str | None
) -> None:
    draft = draft_for(courts)
    before = (draft.text, draft.changes)
    with pytest.raises(DomainError) as e:
        actions.adjust_masks(draft.pk, acting_user=chief, add=add, keep=keep)
    assert e.value.code == code
    assert e.value.status == 422
    if message:
        assert e.value.message == message
    draft.refresh_from_db()
    assert (draft.text, draft.changes, draft.extra_names, draft.kept_words) == (*before, [], [])
    assert not PublicationEvent.objects.filter(action=EventAction.MASKS_ADJUSTED).exists()
    assert not AuditEvent.objects.filter(action="publication.masks_adjusted").exists()


def test_same_lists_in_another_order_write_nothing(courts: Any, chief: Any) -> None:
    draft = draft_for(courts)
    actions.adjust_masks(draft.pk, acting_user=chief, add=["金大成", "李四"], keep=["林木"])
    actions.adjust_masks(draft.pk, acting_user=chief, add=["李四", "金大成"], keep=["林木"])
    assert draft.events.filter(action=EventAction.MASKS_ADJUSTED).count() == 1
    assert AuditEvent.objects.filter(action="publication.masks_adjusted").count() == 1


def test_a_surname_reference_cannot_be_kept_alone(courts: Any, chief: Any) -> None:
    doc_text = TEXT.replace("当时林木遮住了路面。", "被害人吴卿华说，该吴称其未受伤。")
    draft = draft_for(courts)
    JudgmentDocument.objects.filter(pk=draft.document_id).update(full_text=doc_text)
    draft = actions.adjust_masks(draft.pk, acting_user=chief, add=["金大成"], keep=[])
    assert "被害人吴某说，该吴某称其未受伤。" in draft.text
    with pytest.raises(DomainError) as e:
        actions.adjust_masks(draft.pk, acting_user=chief, add=["金大成"], keep=["吴"])
    assert (e.value.code, e.value.message) == ("not_keepable", "“吴”不能单独取消隐名。")
    draft.refresh_from_db()
    assert draft.kept_words == [] and "该吴某称" in draft.text


# --- the engine's side: deidentify(extra_names=, keep=) ---------------------------------------


def test_engine_keeps_an_abbreviation_the_reviewer_keeps() -> None:
    text = "被害单位宏达贸易有限公司（以下简称宏达公司）报案，宏达公司称其损失三万元。"
    assert deidentify(text, model=False).text == (
        "被害单位某某贸易有限公司（以下简称某某公司）报案，某某公司称其损失三万元。"
    )
    assert deidentify(text, model=False, keep=["宏达公司"]).text == (
        "被害单位某某贸易有限公司（以下简称宏达公司）报案，宏达公司称其损失三万元。"
    )


def test_engine_never_keeps_a_word_around_a_listed_name() -> None:
    from yizhan.publication.tests.test_deid_tagger import FakeTagger

    # a tagged 甄宁珂 beside the listed 甄宁: keeping it must not show the party
    text = "被告甄宁于次日到场。次日甄宁珂到场，甄宁珂称其不知情。"
    parties = [{"name": "甄宁", "role": "被告"}]
    kept = deidentify(text, parties, model=FakeTagger(text, ["甄宁珂"]), keep=["甄宁珂", "甄宁"])
    assert kept.text == "被告甄某1于次日到场。次日甄某2到场，甄某2称其不知情。"


def test_engine_2016_a_reviewers_name_does_not_mask_its_neighbours() -> None:
    text = "被告人甄明中伙同金大成、卿伟盗窃手机一部。卿伟负责望风。"
    parties = [{"name": "甄明中", "role": "被告人"}]
    assert deidentify(text, parties, "2016", model=False).text == text
    assert deidentify(text, parties, "2016", model=False, extra_names=["金大成"]).text == (
        "被告人甄明中伙同金某、卿伟盗窃手机一部。卿伟负责望风。"
    )
    # the reviewer's word wins over a listed party's role (a party the 2016 rules would show)
    assert deidentify(text, parties, "2016", model=False, extra_names=["甄明中"]).text == (
        "被告人甄某伙同金大成、卿伟盗窃手机一部。卿伟负责望风。"
    )
    # all_parties masks every one of them anyway
    assert deidentify(text, parties, model=False, extra_names=["金大成"]).text == (
        "被告人甄某伙同金某、卿某盗窃手机一部。卿某负责望风。"
    )


def test_only_reviewers_and_not_after_withdrawal(courts: Any, chief: Any) -> None:
    draft = draft_for(courts)
    judge = user_with_role(Role.JUDGE, courts["粤0802"], id_number=None)
    with pytest.raises(DomainError) as e:
        actions.adjust_masks(draft.pk, acting_user=judge, add=["金大成"], keep=[])
    assert e.value.code == "permission_denied"
    other = user_with_role(Role.DIVISION_CHIEF, courts["粤0803"], id_number=None)
    with pytest.raises(DomainError) as e:
        actions.adjust_masks(draft.pk, acting_user=other, add=["金大成"], keep=[])
    assert e.value.code == "not_found"
    actions.approve(draft.pk, acting_user=chief)
    actions.withdraw(draft.pk, acting_user=chief, reason="当事人申请")
    with pytest.raises(DomainError) as e:
        actions.adjust_masks(draft.pk, acting_user=chief, add=["金大成"], keep=[])
    assert e.value.code == "wrong_state"
    draft.refresh_from_db()
    assert draft.extra_names == [] and "被害人金大成陈述" in draft.published_text


def test_on_a_published_document_it_is_a_correction(courts: Any, chief: Any) -> None:
    """A name found after publication (a complaint): the published text is replaced, version
    + 1, public search updated, the previous text kept in the history."""
    from yizhan.publication import search
    from yizhan.publication.selectors import public_view

    def hits(q: str) -> list[str]:
        return [r["doc_id"] for r in search.keyword_search(q)["results"]]

    draft = draft_for(courts)
    actions.approve(draft.pk, acting_user=chief)
    draft.refresh_from_db()
    old = draft.published_text
    assert hits("金大成") == [str(draft.pk)]
    draft = actions.adjust_masks(draft.pk, acting_user=chief, add=["金大成"], keep=[])
    assert (draft.status, draft.version) == ("published", 2)
    assert draft.published_text.split("\n")[4] == FACTS.format(jin="金某", sun="林某")
    assert public_view(draft)["text"] == draft.published_text
    assert hits("金大成") == []
    event = draft.events.get(action=EventAction.MASKS_ADJUSTED)
    assert (event.version, event.previous_text, event.status_after) == (2, old, "published")
    audit = AuditEvent.objects.get(action="publication.masks_adjusted")
    assert (audit.before["version"], audit.after["version"]) == (1, 2)
    search.remove_document(draft.pk)


def test_a_text_written_by_hand_is_changed_only_by_correct(courts: Any, chief: Any) -> None:
    draft = draft_for(courts)
    edited = draft.text.replace("被害人金大成陈述", "被害人金某陈述")
    actions.approve(draft.pk, acting_user=chief, text=edited)
    with pytest.raises(DomainError) as e:
        actions.adjust_masks(draft.pk, acting_user=chief, add=["金大成"], keep=[])
    assert (e.value.code, e.value.status) == ("text_edited", 409)
    draft.refresh_from_db()
    assert (draft.published_text, draft.version, draft.extra_names) == (edited, 1, [])
    # approving the engine's own text, or correcting with the same text, edits nothing
    other = draft_for(courts, number=46)
    actions.approve(other.pk, acting_user=chief, text=other.text)
    actions.correct(other.pk, acting_user=chief, text=other.text, reason="复核无误")
    other.refresh_from_db()
    assert other.text_edited is False
    actions.correct(other.pk, acting_user=chief, text=other.text + "\n更正补记。", reason="补正")
    other.refresh_from_db()
    assert other.text_edited is True


def test_api_masks(courts: Any, chief: Any) -> None:
    draft = draft_for(courts)
    url = f"/publication/drafts/{draft.pk}/masks"
    r = Api(chief).post(url, {"add": ["金大成"], "keep": ["林木"]})
    assert r.status_code == 200
    body = r.json()
    assert (body["extra_names"], body["kept_words"], body["text_edited"]) == (
        ["金大成"],
        ["林木"],
        False,
    )
    assert body["text"].split("\n")[4] == FACTS.format(jin="金某", sun="林木")
    r = Api(chief).post(url, {"add": ["王五"]})
    assert r.status_code == 422
    assert r.json()["code"] == "name_not_in_text"
    judge = user_with_role(Role.JUDGE, courts["粤0802"], id_number=None)
    assert Api(judge).post(url, {"add": []}).status_code == 403
    assert Api(litigant()).post(url, {"add": []}).status_code == 404
    assert Api().post(url, {"add": []}).status_code == 401
    draft.refresh_from_db()
    assert draft.extra_names == ["金大成"]


def test_console_form_adds_and_keeps(courts: Any, chief: Any) -> None:
    draft = draft_for(courts)
    c = Client()
    c.force_login(chief)
    html = c.get(f"/console/publication/{draft.pk}/").content.decode()
    # the suspect is offered unticked; every masked non-party name can be kept
    assert '<input type="checkbox" name="add" value="金大成"> 金大成' in html
    assert '<input type="checkbox" name="keep" value="林木"> 林木 → 林某' in html
    assert 'name="keep" value="张三"' not in html  # a party's name is never offered
    r = c.post(f"/console/publication/{draft.pk}/masks/", {"add": ["金大成"], "keep": ["林木"]})
    assert r.status_code == 302
    draft.refresh_from_db()
    assert facts(draft) == FACTS.format(jin="金某", sun="林木")
    html = c.get(f"/console/publication/{draft.pk}/").content.decode()
    assert '<input type="checkbox" name="add" value="金大成" checked> 金大成' in html
    assert '<input type="checkbox" name="keep" value="林木" checked> 林木' in html
    assert "deid-suspect" not in html
    # typed names, split at 、，and new lines; a refusal is shown on the page, nothing changes
    r = c.post(f"/console/publication/{draft.pk}/masks/", {"add_more": "金大成、王五"})
    assert r.status_code == 422
    html = r.content.decode()
    assert "裁判文书中没有“王五”。" in html
    # the refused choices are shown as they were sent, not as stored
    assert '<textarea id="add-more" name="add_more" rows="2">金大成、王五</textarea>' in html
    assert '<input type="checkbox" name="keep" value="林木"> 林木' in html
    draft.refresh_from_db()
    assert draft.kept_words == ["林木"]


def test_console_form_denials(courts: Any, chief: Any) -> None:
    draft = draft_for(courts)
    judge = Client()
    judge.force_login(user_with_role(Role.JUDGE, courts["粤0802"], id_number=None))
    html = judge.get(f"/console/publication/{draft.pk}/").content.decode()
    assert 'name="add"' not in html  # a reader sees no form
    assert (
        judge.post(f"/console/publication/{draft.pk}/masks/", {"add": "金大成"}).status_code == 403
    )
    other = Client()
    other.force_login(user_with_role(Role.DIVISION_CHIEF, courts["粤0803"], id_number=None))
    assert (
        other.post(f"/console/publication/{draft.pk}/masks/", {"add": "金大成"}).status_code == 404
    )
    draft.refresh_from_db()
    assert draft.extra_names == []


def test_console_published_page_offers_the_correction_until_edited_by_hand(
    courts: Any, chief: Any
) -> None:
    from yizhan.publication import search

    draft = draft_for(courts)
    actions.approve(draft.pk, acting_user=chief)
    c = Client()
    c.force_login(chief)
    html = c.get(f"/console/publication/{draft.pk}/").content.decode()
    assert "更正已公开文本" in html and f"/console/publication/{draft.pk}/approve/" not in html
    r = c.post(f"/console/publication/{draft.pk}/masks/", {"add_more": "金大成"})
    assert r.status_code == 302
    draft.refresh_from_db()
    assert (draft.version, "被害人金某陈述" in draft.published_text) == (2, True)
    actions.correct(draft.pk, acting_user=chief, text=draft.text + "\n更正补记。", reason="补正")
    html = c.get(f"/console/publication/{draft.pk}/").content.decode()
    assert 'id="masks-h"' not in html
    search.remove_document(draft.pk)


def test_nothing_masked_before_is_shown_unless_the_reviewer_says_so(
    courts: Any, chief: Any
) -> None:
    """The engine or its model may have changed since the draft was made: a new run that would
    show something masked before is refused, naming it."""
    draft = draft_for(courts)
    # as if an older model had also masked 路面
    start = TEXT.index("路面")
    older = [*draft.changes, {"start": start, "end": start + 2, "original": "路面",
                              "replacement": "路某", "kind": "person"}]  # fmt: skip
    PublicationDraft.objects.filter(pk=draft.pk).update(
        changes=older, text=draft.text.replace("路面", "路某")
    )
    with pytest.raises(DomainError) as e:
        actions.adjust_masks(draft.pk, acting_user=chief, add=["金大成"], keep=[])
    assert (e.value.code, e.value.status, e.value.fields) == (
        "would_unmask",
        409,
        {"originals": ["路面"]},
    )
    assert "（路面）" in e.value.message
    # kept, or added, it goes through
    draft = actions.adjust_masks(draft.pk, acting_user=chief, add=["金大成", "路面"], keep=[])
    assert "遮住了路某" in draft.text
    # a name the reviewer takes off the added names is shown again, as asked
    draft = actions.adjust_masks(draft.pk, acting_user=chief, add=["金大成"], keep=[])
    assert "遮住了路面" in draft.text


@pytest.mark.parametrize("name", ["审判员甄宁", "员甄宁", "湛江", "赤坎"])
def test_added_names_never_reach_the_bench_or_the_court(courts: Any, chief: Any, name: str) -> None:
    draft = draft_for(courts)
    JudgmentDocument.objects.filter(pk=draft.document_id).update(
        full_text=TEXT.replace("\n审判长", "\n本案由审判员甄宁主持庭前会议。\n审判长")
    )
    with pytest.raises(DomainError) as e:
        actions.adjust_masks(draft.pk, acting_user=chief, add=[name], keep=[])
    assert e.value.code == "not_maskable"


def test_a_listed_organisations_abbreviation_is_never_kept(courts: Any, chief: Any) -> None:
    doc = JudgmentDocument.objects.create(
        court=courts["粤0802"],
        case_number="（2026）粤0802民初7号",
        title="金大成实业有限公司买卖合同纠纷一审民事判决书",
        doc_type="judgment",
        case_category="civil",
        full_text="原告甄宁。\n被告金大成实业有限公司（以下简称金大成公司）。\n金大成公司辩称其已付款。",
        decided_on=date(2026, 2, 13),
        effective_on=date(2026, 3, 2),
        is_effective=True,
        parties=[{"name": "甄宁", "role": "原告"}, {"name": "金大成实业有限公司", "role": "被告"}],
    )
    draft = actions.create_draft(doc.pk)
    assert "某某公司辩称" in draft.text
    with pytest.raises(DomainError) as e:
        actions.adjust_masks(draft.pk, acting_user=chief, add=[], keep=["金大成公司"])
    assert e.value.code == "party_name_kept"
    c = Client()
    c.force_login(chief)
    assert (
        'name="keep" value="金大成公司"'
        not in c.get(f"/console/publication/{draft.pk}/").content.decode()
    )


def test_a_published_correction_that_changes_no_text_keeps_the_version(
    courts: Any, chief: Any
) -> None:
    from yizhan.publication import search

    draft = draft_for(courts)
    actions.approve(draft.pk, acting_user=chief)
    draft = actions.adjust_masks(draft.pk, acting_user=chief, add=["李四"], keep=[])
    assert (draft.version, draft.extra_names) == (1, ["李四"])
    assert "version" not in AuditEvent.objects.get(action="publication.masks_adjusted").after
    search.remove_document(draft.pk)


def test_the_published_title_is_de_identified_too(courts: Any, chief: Any) -> None:
    from yizhan.publication import search
    from yizhan.publication.selectors import public_view

    draft = draft_for(courts)
    actions.approve(draft.pk, acting_user=chief)
    draft.refresh_from_db()
    assert public_view(draft)["title"] == "张某交通肇事罪一审刑事判决书"
    (hit,) = search.keyword_search("驾驶")["results"]
    assert hit["title"] == "张某交通肇事罪一审刑事判决书"
    search.remove_document(draft.pk)


def test_migration_marks_texts_written_by_hand(courts: Any, chief: Any) -> None:
    import importlib

    from django.apps import apps

    migration = importlib.import_module("yizhan.publication.migrations.0003_reviewer_masks")
    made = draft_for(courts)
    edited = draft_for(courts, number=46)
    actions.approve(edited.pk, acting_user=chief, text=edited.text.replace("金大成", "金某"))
    PublicationDraft.objects.update(text_edited=False)  # as before the migration
    assert migration.engine_text(TEXT, made.changes) == made.text
    migration.mark_hand_edited(apps, None)
    assert list(PublicationDraft.objects.order_by("pk").values_list("text_edited", flat=True)) == [
        False,
        True,
    ]


def test_the_admin_only_shows_drafts_and_documents(courts: Any) -> None:
    """Every change goes through the actions (history, audit, search): the admin is read-only,
    even for a superuser."""
    from django.contrib.auth import get_user_model

    draft = draft_for(courts)
    root = get_user_model().objects.create(username="root-admin", is_staff=True, is_superuser=True)
    c = Client()
    c.force_login(root)
    url = f"/admin/publication/publicationdraft/{draft.pk}/change/"
    assert c.get(url).status_code == 200  # a view page
    r = c.post(url, {"text": "改写", "published_text": "改写", "status": "published"})
    assert r.status_code == 403
    doc_url = f"/admin/publication/judgmentdocument/{draft.document_id}/change/"
    assert c.post(doc_url, {"full_text": "改写"}).status_code == 403
    assert c.post(f"/admin/publication/publicationdraft/{draft.pk}/delete/").status_code == 403
    draft.refresh_from_db()
    assert (draft.status, draft.text.startswith("湛江市赤坎区人民法院")) == ("draft", True)


def test_review_page_shows_a_text_written_by_hand_as_it_stands(courts: Any, chief: Any) -> None:
    """The stored changes no longer match a hand-written text: no marks, the text itself."""
    draft = draft_for(courts)
    edited = draft.text.replace("被害人金大成陈述", "被害人金某陈述")
    actions.approve(draft.pk, acting_user=chief, text=edited)
    c = Client()
    c.force_login(chief)
    html = c.get(f"/console/publication/{draft.pk}/").content.decode()
    assert "data-text-edited" in html and "<mark " not in html
    assert "被害人金某陈述，其被撞倒。当时林某遮住了路面。" in html
    assert "张三" not in html.split('<article class="c-doc"')[1]
