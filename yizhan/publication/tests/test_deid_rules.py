"""De-identification rules, each with the exact expected text (synthetic sentences).

2016 rules = 最高人民法院关于人民法院在互联网公布裁判文书的规定 (法释〔2016〕19号)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.test import override_settings

from yizhan.publication.deid import deidentify


@pytest.fixture(autouse=True)
def _rules_only(tmp_path: Path) -> Iterator[None]:
    """These tests pin the rules' exact output: never pick up a trained model from var/."""
    with override_settings(YIZHAN_DEID_MODEL=str(tmp_path / "no-model.crfsuite")):
        yield


def out(text: str, parties: Any = None, policy: str = "all_parties") -> str:
    return deidentify(text, parties or [], policy).text


# --- Art 9: pseudonyms ----------------------------------------------------------------------


def test_art9_surname_plus_mou_and_consistent_within_document() -> None:
    assert (
        out("被告人张三于2025年到案。张三对指控无异议。")
        == "被告人张某于2025年到案。张某对指控无异议。"
    )


def test_art9_compound_surname_kept_and_collisions_numbered() -> None:
    assert out("被害人欧阳明华与被害人欧阳明德系兄弟。") == "被害人欧阳某1与被害人欧阳某2系兄弟。"


def test_art9_collisions_numbered_in_order_of_first_appearance() -> None:
    assert out("证人张三、张四均证实被告人王五在场。") == "证人张某1、张某2均证实被告人王某在场。"


def test_art9_ethnic_minority_name_keeps_first_character() -> None:
    parties = [{"name": "吐尔洪·吐尔逊", "role": "被告人"}]
    assert out("被告人吐尔洪·吐尔逊于2025年到案。", parties) == "被告人吐某于2025年到案。"


def test_art9_foreign_name_keeps_first_letter() -> None:
    parties = [{"name": "John Smith", "role": "原告"}]
    assert out("原告John Smith诉称被告欠款。", parties) == "原告J诉称被告欠款。"


def test_names_already_masked_by_the_court_are_kept_and_reported() -> None:
    r = deidentify("被告人黄某某向吸毒人员李×贩卖毒品。", [], "all_parties")
    assert r.text == "被告人黄某某向吸毒人员李×贩卖毒品。"
    assert [(c.original, c.kind) for c in r.changes] == [
        ("黄某某", "already_masked"),
        ("李×", "already_masked"),
    ]


def test_nickname_becomes_mou_mou() -> None:
    assert (
        out("被告人黄某某伙同绰号“黑仔”的男子贩卖毒品。")
        == "被告人黄某某伙同绰号“某某”的男子贩卖毒品。"
    )


def test_relative_and_victim_detected_from_context() -> None:
    assert out("张三的妻子赵六将被害人钱七送医。", [{"name": "张三", "role": "被告人"}]) == (
        "张某的妻子赵某将被害人钱某送医。"
    )


# --- never hidden: bench and case number ---------------------------------------------------


def test_bench_and_case_number_are_never_hidden() -> None:
    text = (
        "（2026）粤0802民初123号\n本院依法组成由审判员赵明担任审判长的合议庭。\n"
        "审判长  赵  明\n人民陪审员  孙丽\n法官助理  钱伟\n书记员  周小红"
    )
    r = deidentify(text, [], "all_parties")
    assert r.text == text
    assert r.changes == []


def test_bench_member_named_in_party_list_is_still_not_hidden() -> None:
    text = "审判员刘洋。\n审判员  刘洋"
    assert out(text, [{"name": "刘洋", "role": "审判员"}]) == text


# --- Art 10: deletions -------------------------------------------------------------------------


def test_art10_id_number_clause_deleted_with_its_label() -> None:
    assert out("被告人张三，男，1990年1月1日出生，公民身份号码440802199001011234，汉族。") == (
        "被告人张某，男，1990年1月1日出生，汉族。"
    )


def test_art10_phone_inside_a_sentence_is_crossed_out() -> None:
    assert (
        out("原告于2025年3月拨打13800138000与被告联系。") == "原告于2025年3月拨打××××与被告联系。"
    )


def test_art10_phone_clause_at_sentence_end_deleted() -> None:
    assert out("被告人李四，联系电话13912345678。") == "被告人李某。"


def test_art10_landline() -> None:
    assert out("被告经营部电话0759-2345678。") == "被告经营部电话××××。"


def test_art10_two_labelled_values_in_a_row_both_removed() -> None:
    assert out("被告人赵明义，公民身份号码440802199001011234，联系电话13800138000。") == (
        "被告人赵某，联系电话××××。"
    )


def test_art10_home_address_keeps_county_level() -> None:
    assert out("原告李四，住广东省湛江市赤坎区南方路18号。") == "原告李某，住广东省湛江市赤坎区。"


def test_art10_address_without_county_becomes_cross() -> None:
    assert out("原告王五，住金沙湾小区3栋。") == "原告王某，住×。"


def test_art10_bank_account() -> None:
    assert (
        out("被告通过其银行账号6222021234567890123向原告转账。")
        == "被告通过其银行账号××××向原告转账。"
    )


def test_art10_vehicle_plate_keeps_province_and_office_letter() -> None:
    assert out("被告人张三驾驶粤G12345号小型轿车。") == "被告人张某驾驶粤G×××××号小型轿车。"


def test_art10_property_certificate_number_crossed_out() -> None:
    assert out("涉案房屋不动产权证号为粤（2020）湛江市不动产权第0012345号。") == (
        "涉案房屋不动产权证号为粤（2020）湛江市不动产权第×××××××号。"
    )


# --- organisations and policies ------------------------------------------------------------------


def test_all_parties_pseudonymises_organisations_keeping_region_and_industry() -> None:
    text = (
        "原告湛江市恒通贸易有限公司（以下简称恒通公司）诉被告李四买卖合同纠纷一案。恒通公司诉称。"
    )
    assert (
        out(text)
        == "原告湛江市某某贸易有限公司（以下简称某某公司）诉被告李某买卖合同纠纷一案。某某公司诉称。"
    )


def test_policy_2016_keeps_defendant_and_organisation_names() -> None:
    text = "原告湛江市恒通贸易有限公司诉被告李四买卖合同纠纷一案。"
    assert out(text, policy="2016") == text


def test_policy_2016_art8_victims_and_witnesses_only() -> None:
    text = "被告人张三驾车将被害人李四撞伤，证人王五目睹。"
    assert out(text, policy="2016") == "被告人张三驾车将被害人李某撞伤，证人王某目睹。"
    assert out(text, policy="all_parties") == "被告人张某驾车将被害人李某撞伤，证人王某目睹。"


def test_policy_2016_art8_family_case_pseudonymises_parties() -> None:
    text = "本院受理原告刘芳诉被告陈强离婚纠纷一案。刘芳诉称。"
    parties = [{"name": "刘芳", "role": "原告"}, {"name": "陈强", "role": "被告"}]
    assert out(text, parties, "2016") == "本院受理原告刘某诉被告陈某离婚纠纷一案。刘某诉称。"


def test_policy_2016_art8_minor_party() -> None:
    parties = [
        {"name": "孙小明", "role": "原告", "minor": True},
        {"name": "周大伟", "role": "被告"},
    ]
    assert (
        out("原告孙小明诉被告周大伟生命权纠纷一案。", parties, "2016")
        == "原告孙某诉被告周大伟生命权纠纷一案。"
    )


def test_changes_have_offsets_into_the_original() -> None:
    text = "被告人张三驾驶粤G12345号小型轿车。"
    r = deidentify(text, [], "all_parties")
    assert [c.as_dict() for c in r.changes] == [
        {"start": 3, "end": 5, "original": "张三", "replacement": "张某", "kind": "person"},
        {"start": 7, "end": 14, "original": "粤G12345", "replacement": "粤G×××××", "kind": "plate"},
    ]
    for c in r.changes:
        assert text[c.start : c.end] == c.original


def test_unknown_policy_is_rejected() -> None:
    with pytest.raises(ValueError):
        deidentify("x", [], "2013")


def test_art10_phone_inside_an_account_name_is_crossed_out() -> None:
    assert out("其微信号为m13800138000。") == "其微信号为m××××。"


def test_art10_partly_masked_card_number_is_removed() -> None:
    assert out("其卡号为62220212345678901XX的银行卡。") == "其卡号为××××的银行卡。"
