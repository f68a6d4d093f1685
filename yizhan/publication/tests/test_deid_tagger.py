"""The learned person tagger (CRF) combined with the rules: union, never-hidden filter after,
rules only when there is no model. Synthetic sentences and invented names only; the tiny
training runs here use a synthetic sample, never ../shared/data."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.test import override_settings

from yizhan.publication.deid import deidentify, engine
from yizhan.publication.deid import evaluate as ev
from yizhan.publication.deid import tagger as crf

SAMPLE = Path(__file__).parent / "data"


class FakeTagger:
    """Stands in for a pycrfsuite.Tagger: marks the given character spans as B/I."""

    def __init__(
        self,
        text: str,
        names: list[str],
        once: list[str] | None = None,
        certainty: dict[str, float] | None = None,
    ) -> None:
        """``once``: names marked at their first place only; ``certainty``: the probability of
        the label of each of these names' characters (1 elsewhere)."""
        self.labels_at = ["O"] * len(text)
        self.p_at = [1.0] * len(text)
        for name, p in (certainty or {}).items():
            for m in re.finditer(re.escape(name), text):
                self.p_at[m.start() : m.end()] = [p] * len(name)
        for name in [*names, *(once or [])]:
            start = text.find(name)
            while start >= 0:
                self.labels_at[start] = "B"
                for i in range(start + 1, start + len(name)):
                    self.labels_at[i] = "I"
                start = -1 if once and name in once else text.find(name, start + 1)

    def set(self, xseq: Any) -> None:
        assert len(xseq) == len(self.labels_at)

    def labels(self) -> list[str]:
        return ["B", "I", "O"]

    def marginal(self, y: str, i: int) -> float:
        return self.p_at[i] if self.labels_at[i] == y else 0.0


def tagged_at(text: str, names: list[str], name: str, at: int) -> FakeTagger:
    """A FakeTagger marking ``names`` everywhere and ``name`` at position ``at`` too."""
    tagger = FakeTagger(text, names)
    tagger.labels_at[at : at + len(name)] = ["B"] + ["I"] * (len(name) - 1)
    return tagger


def tagged(text: str, names: list[str], once: list[str] | None = None) -> str:
    """The text de-identified with a FakeTagger marking ``names`` (``once``: first place only)."""
    return deidentify(text, model=FakeTagger(text, names, once=once)).text


def test_rules_only_when_no_model_file(tmp_path: Path) -> None:
    text = "被告人张三于2025年到案。"
    with override_settings(YIZHAN_DEID_MODEL=str(tmp_path / "missing.crfsuite")):
        assert crf.load() is None
        assert (
            deidentify(text).text
            == deidentify(text, model=False).text
            == "被告人张某于2025年到案。"
        )


def test_tagger_names_are_added_to_the_rules_names_everywhere() -> None:
    text = "被告人张三将毒品交给黑皮，后黑皮离开。"
    rules = deidentify(text, model=False)
    assert "黑皮" in rules.text  # a nickname without quotes: the rules miss it
    r = deidentify(text, model=FakeTagger(text, ["黑皮"]))
    assert r.text == "被告人张某将毒品交给某某，后某某离开。"


def test_tagger_longer_name_replaces_the_rules_shorter_one() -> None:
    text = "证人甄小渔证实。"
    r = deidentify(text, model=FakeTagger(text, ["甄小渔"]))
    assert r.text == "证人甄某证实。"
    assert [(c.original, c.replacement) for c in r.changes] == [("甄小渔", "甄某")]


def test_never_hidden_filter_applies_after_the_union() -> None:
    text = "被告人张三贩卖毒品。\n审判长  王大明\n书记员  李小红"
    r = deidentify(text, model=FakeTagger(text, ["张三", "王大明", "李小红"]))
    assert r.text == "被告人张某贩卖毒品。\n审判长  王大明\n书记员  李小红"


def test_masked_name_found_by_the_tagger_is_kept_and_reported() -> None:
    text = "吸毒人员吉地某某供述。"
    r = deidentify(text, model=FakeTagger(text, ["吉地某某"]))
    assert r.text == text
    assert ("吉地某某", "already_masked") in [(c.original, c.kind) for c in r.changes]


def test_weights_and_single_characters_are_not_taken_as_names() -> None:
    text = "查获甲基苯丙胺0.1克，交给李。"
    r = deidentify(text, model=FakeTagger(text, ["0.1克", "李"]))
    assert r.text == deidentify(text, model=False).text


def test_preposition_before_a_known_surname_is_not_taken_as_a_name() -> None:
    """向麦贩卖 is 向 and a reference to 麦某某 by surname, not a person called 向麦: the tagged
    span would win over the masked name and leave its 某某 uncovered."""
    text = "吸毒人员麦某某，被告人黄某1向麦贩卖毒品，后又在停车场向麦某某贩卖毒品。"
    r = deidentify(text, model=FakeTagger(text, ["向麦"]))
    assert r.text == text
    assert [(c.original, c.kind) for c in r.changes] == [
        ("麦某某", "already_masked"),
        ("黄某1", "already_masked"),
        ("麦某某", "already_masked"),
    ]
    # a two-character name after a preposition-surname is still a name when no one in the
    # document bears its second character as surname
    text = "被告人黄某1向伟贩卖毒品。"
    assert deidentify(text, model=FakeTagger(text, ["向伟"])).text == "被告人黄某1向某贩卖毒品。"


def test_tagged_name_never_runs_across_a_space_into_a_date() -> None:
    """人民陪审员卿伟刚 二〇一八年: a tagged 卿伟刚 二 ran past the bench line's name into the date;
    as a longer name around the juror's it was masked (卿某〇一八年) and the bench shown no more."""
    text = "被告人卿明，男。 审判长甄明 人民陪审员卿伟刚 二〇一八年六月三日 书记员甄文通"
    r = deidentify(text, model=FakeTagger(text, ["卿伟刚 二", "卿明"]))
    assert r.text == text.replace("卿明，", "卿某，")
    # a name written with a space in it is still one name
    text = "窃得被害人卿丽 萍放在室内的包。"
    r = deidentify(text, model=FakeTagger(text, ["卿丽 萍"]))
    assert r.text == "窃得被害人卿某放在室内的包。"


def test_tagged_name_never_runs_into_a_plate() -> None:
    """扣押甄明中粤A12345: a tagged 甄明中粤 lost the overlap to the plate, and the name was left
    there as it was (the mentions take the longest name at a position)."""
    text = "被告人甄明中，男，1960年出生。9月22日扣押甄明中粤A12345号轿车。"
    r = deidentify(text, model=FakeTagger(text, ["甄明中", "甄明中粤"]))
    assert r.text == "被告人甄某，男，1960年出生。9月22日扣押甄某粤A×××××号轿车。"


def test_tagged_span_running_on_from_a_name_is_that_name() -> None:
    """On long judgments the tagger runs a name on into the verb after it (甄明中说, 甄明中让):
    each span had become a person of its own, with its own numbered pseudonym (甄某1, 甄某2 …
    for one defendant), and a span swallowing a court-masked name (甄明中和楼某) was kept as
    it was, leaving the name. Where the name also stands alone, the span is dropped."""
    text = (
        "被告人甄明中，男。经查，甄明中说要给别人结账，甄明中让其开具发票，甄明中和楼某说过此事。"
    )
    tagged = ["甄明中", "甄明中说", "甄明中让", "甄明中和楼某"]
    r = deidentify(text, model=FakeTagger(text, tagged))
    assert (
        r.text == "被告人甄某，男。经查，甄某说要给别人结账，甄某让其开具发票，甄某和楼某说过此事。"
    )
    assert {c.original for c in r.changes if c.kind == "person"} == {"甄明中"}
    # two-character names: only before a verb, adverb, preposition, conjunction or particle
    text = "被告人卿伟，男。卿伟说要去，后卿伟曾因盗窃被判刑。"
    r = deidentify(text, model=FakeTagger(text, ["卿伟", "卿伟说", "卿伟曾"]))
    assert r.text == "被告人卿某，男。卿某说要去，后卿某曾因盗窃被判刑。"
    # a longer name that never stands alone is kept whole (the rules took 甄明 from 甄明中)
    text = "被告人甄明中，男。经查，甄明中说要去。"
    r = deidentify(text, model=FakeTagger(text, ["甄明中"]))
    assert r.text == "被告人甄某，男。经查，甄某说要去。"


def test_tagged_span_with_a_name_after_a_masked_name_or_a_function_word() -> None:
    """孟某开着甄宁 was taken for one court-masked name and kept as it was, real name and all;
    和甄宁 became a person of its own with the surname 和 (和某)."""
    text = "被告人甄宁，男。某日孟某开着甄宁的轿车离开，后又和甄宁见面。"
    r = deidentify(text, model=FakeTagger(text, ["甄宁", "孟某开着甄宁", "和甄宁"]))
    assert r.text == "被告人甄某，男。某日孟某开着甄某的轿车离开，后又和甄某见面。"


def test_tagged_names_sharing_a_start_are_not_run_ons() -> None:
    """Second-reading review: a tagged 卿明中 beside 卿明 (中 also ends given names), a dotted
    name after its first part, and 于海洋 beside a tagged 海洋 (于 is a preposition and a
    surname) are people of their own, as before the run-on rule."""
    text = "被告人卿明，男。被告人卿明中，男。卿明和卿明中共同盗窃。"
    assert (
        tagged(text, ["卿明", "卿明中"])
        == "被告人卿某1，男。被告人卿某2，男。卿某1和卿某2共同盗窃。"
    )
    text = "被告人买买提·吐尔逊，男。买买提说他不知情。买买提曾被判刑。"
    assert (
        tagged(text, ["买买提", "买买提·吐尔逊"])
        == "被告人买某，男。某某说他不知情。某某曾被判刑。"
    )
    text = "被告人于海洋，男。海洋说他不知情，海洋曾被判刑，海洋认罪。"
    assert (
        tagged(text, ["于海洋", "海洋"])
        == "被告人于某，男。海某说他不知情，海某曾被判刑，海某认罪。"
    )


def test_tagged_word_company_is_not_a_name() -> None:
    """公 is a surname, and the tagger took 公司 for a person on a LeCaRD judgment (公某)."""
    text = "被告人甄小渔将挖掘机卖给公司，公司付款。"
    r = deidentify(text, model=FakeTagger(text, ["甄小渔", "公司"]))
    assert r.text == "被告人甄某将挖掘机卖给公司，公司付款。"


def test_pseudonyms_are_numbered_among_the_names_replaced() -> None:
    """A name that never wins a place (a tagged span across a plate, cut since) gives its
    namesake no number: 甄某, not 甄某1. And where the longest name at a position loses the
    overlap, a shorter name there is still replaced (it had been left as it was)."""
    from yizhan.publication.deid.engine import _run

    text = "被告人甄明中，男，1960年出生。9月22日扣押甄明中粤A12345号轿车。"
    r = _run(text, [], "all_parties", False, True, {"甄明中粤": False, "甄明中": False})
    assert r.text == "被告人甄某，男，1960年出生。9月22日扣押甄某粤A×××××号轿车。"


def test_tagged_label_of_a_number_is_not_a_name() -> None:
    """转单号5712038846 (invented): 单 is a surname, and the tagger took 单号 for a person; its
    pseudonym's numeral glued to the number made an 11-digit run like a mobile number."""
    text = "被告人甄明中通过快递寄出，转单号5712038846，单号已核实，收件人单小一。"
    r = deidentify(text, model=FakeTagger(text, ["甄明中", "单号", "单小一"]))
    assert r.text == "被告人甄某通过快递寄出，转单号5712038846，单号已核实，收件人单某。"


def test_tagged_name_after_a_role_word_with_a_colon() -> None:
    """辩护人：甄小一 — the rules take 甄小 (一 ends a name for them), the tagger 甄小一; the role
    word before it is matched with its colon. This raised KeyError('辩护人：') and stopped the
    whole LeCaRD run with the model. The lawyer's name is kept (never hidden)."""
    text = "被告人张三于2019年1月2日被执行逮捕。 辩护人：甄小一，河南某某律师事务所律师。"
    r = deidentify(text, model=FakeTagger(text, ["甄小一"]))
    assert r.text == "被告人张某于2019年1月2日被执行逮捕。 辩护人：甄小一，河南某某律师事务所律师。"


def test_policy_2016_tagged_victim_takes_the_role_word_category() -> None:
    text = "被告人张三殴打被害人甄小渔。"
    r = deidentify(text, policy="2016", model=FakeTagger(text, ["甄小渔"]))
    assert r.text == "被告人张三殴打被害人甄某。"


def _synthetic() -> list[ev.Item]:
    given = ["小渔", "大川", "明远", "文涛", "海生", "春燕", "秋菊", "志强", "国栋", "建新"]
    items = []
    for k, g in enumerate(given):
        a, b = "甄" + g, "卿" + given[(k + 3) % len(given)]
        text = f"被告人{a}伙同{b}贩卖毒品，{b}在家中被抓获。"
        spans = [(text.find(a), text.find(a) + len(a))]
        i = text.find(b)
        while i >= 0:
            spans.append((i, i + len(b)))
            i = text.find(b, i + 1)
        items.append(ev.Item(text, sorted(spans), sorted(spans)))
    return items


@pytest.mark.skipif(not crf.available(), reason="python-crfsuite is not installed")
def test_train_tiny_model_and_use_it(tmp_path: Path) -> None:
    path = tmp_path / "m.crfsuite"
    assert ev.train_model(_synthetic(), path, max_iterations=40) == 10
    tagger = crf.load(path)
    assert tagger is not None
    text = "被告人甄海生伙同卿秋菊贩卖毒品，卿秋菊在家中被抓获。"
    assert deidentify(text, model=path).text == "被告人甄某伙同卿某贩卖毒品，卿某在家中被抓获。"


@pytest.mark.skipif(not crf.available(), reason="python-crfsuite is not installed")
def test_train_deid_and_evaluate_with_train_on_the_bundled_sample(tmp_path: Path) -> None:
    model = tmp_path / "deid-person.crfsuite"
    out = io.StringIO()
    with override_settings(YIZHAN_SHARED_DATA=str(SAMPLE), YIZHAN_DEID_MODEL=str(model)):
        call_command("train_deid", "--max-iterations", "10", stdout=out)
        assert model.exists()
        # each paragraph once as it is and once with invented names (--augment 1, the default)
        assert "cail2022/train: paragraphs=1 sequences=2 " in out.getvalue()
        assert crf.model_info(model)["augment"] == 1
        out = io.StringIO()
        call_command("evaluate_deid", "--benchmark", "cail2022", "--split", "test", stdout=out)
    lines = out.getvalue().strip().splitlines()
    assert lines[1] == f"person tagger: {model}"
    assert lines[-1].startswith("deid cail2022/test: person recall=")


def test_tagged_span_is_cut_before_a_glued_word_or_quantity() -> None:
    text = "被告人张三拨打甄伟康电话，从甄伟康处拿到毒品。"
    r = deidentify(text, model=FakeTagger(text, ["甄伟康电话", "甄伟康处"]))
    assert r.text == "被告人张某拨打甄某电话，从甄某处拿到毒品。"
    text = "从吸毒人员身上查获甄阿某10.8克。"
    r = deidentify(text, model=FakeTagger(text, ["甄阿某10.8克"]))
    assert [(c.original, c.kind) for c in r.changes] == [("甄阿某", "already_masked")]


def test_trim_and_clean_gold() -> None:
    trail = set("在处共")
    assert crf.trim("王某10.8克", trail) == "王某"
    assert crf.trim("赵某某4分（0.4克", trail) == "赵某某"
    assert crf.trim("李某1", trail) == "李某1"
    assert crf.trim("殷举华在", trail) == "殷举华"
    assert crf.trim("张某处", trail) == "张某"
    assert crf.trim("许三", trail) == "许三"
    text = "王某10.8克，净重0.1克，李某1"
    assert crf.clean_gold(text, [(0, 7), (8, 14), (15, 18)]) == [(0, 2), (15, 18)]


def test_features_mark_role_distance_quotes_and_dots() -> None:
    from yizhan.publication.deid.engine import _tokens, role_ends

    text = "被告人甄小渔向“黑皮”购买毒品，吐尔洪·艾买提在场。"
    xs = crf.features(text, _tokens(text), [], role_ends(text), frozenset("向在"))
    assert "ro=party0" in xs[3] and "ro=party2" in xs[5]
    assert "q=2B" in xs[8] and "qb=向" in xs[8] and "q=2E" in xs[9]
    assert "k=S" in xs[text.index("·")]
    assert any(f.startswith("rep=") for f in xs[0])


def test_role_ends_skip_an_earlier_role_in_brackets() -> None:
    """上诉人（原审被告人）甄宁: the role feature marks the name after the brackets, where the
    rules read it, not the closing bracket; a colon after them is skipped as after a role word."""
    from yizhan.publication.deid.engine import role_ends

    assert role_ends("上诉人（原审被告人）甄宁，男") == [(3, "party"), (10, "party")]
    assert role_ends("被申请人（一审原告）：卿宁") == [(4, "party"), (11, "party")]
    assert role_ends("股东（本案被告人）卿宁") == [(8, "party")]


def test_given_name_levels_come_from_the_dictionary_names() -> None:
    # jieba 0.42.1's dictionary: 伟 is in 159 of its 213 words as a given-name character
    # (log((159.5) / 214) = -0.29 → level 3), 春 257 / 711 (-1.02 → 2), 雨 77 / 649
    # (-2.13 → 1), 的 13 / 279 (-3.03 → 0); 毒 is never one (no entry → 0).
    levels = crf._given_name_levels()
    assert [levels.get(c, "0") for c in "伟春雨的毒"] == ["3", "2", "1", "0", "0"]
    text = "被告人甄伟购毒"
    xs = crf.features(text, (), [], [], frozenset())
    assert "g=3" in xs[4] and "g-1gg+1=030" in xs[4] and "surg=130" in xs[4]
    assert "g=0" in xs[6] and "g-1gg+1=300" in xs[5]


def test_augmented_copies_replace_names_consistently_and_keep_the_labels_aligned() -> None:
    text = "被告人张三向“黑皮”和李某某购买冰毒，张三被抓获。"
    spans = [(3, 5), (7, 9), (11, 14), (19, 21)]
    new, new_spans = ev.augmented(text, spans, seed=0)
    # the same invented name for both 张三; the nickname (no surname) is kept
    assert new == "被告人酆书霸向“黑皮”和沃青小购买冰毒，酆书霸被抓获。"
    assert [new[s:e] for s, e in new_spans] == ["酆书霸", "黑皮", "沃青小", "酆书霸"]
    # a court-masked style for another seed; deterministic for a seed
    assert (
        ev.augmented(text, spans, seed=3)[0] == "被告人家某甲向“黑皮”和於××购买冰毒，家某甲被抓获。"
    )
    assert ev.augmented(text, spans, seed=3) == ev.augmented(text, spans, seed=3)
    assert crf.given_name_chars().count("的") == 0


def test_the_tagger_keeps_its_surname_list_when_the_rules_gain_surnames() -> None:
    # surnames added for the rules (芦, 苑, 初, 玉 …) change neither the tagger's features nor
    # its training copies: the model stays as it was trained
    from yizhan.publication.deid.surnames import SINGLE, TAGGER_SINGLE

    added = SINGLE - TAGGER_SINGLE
    assert {"芦", "苑", "初", "玉", "岩"} <= added
    text, spans = "被告人张三与芦四、苑宁、赵六见面。", [(3, 5), (6, 8), (9, 11), (12, 14)]
    firsts = set()
    for seed in range(300):
        new, new_spans = ev.augmented(text, spans, seed=seed)
        firsts.update(new[s] for s, _e in new_spans)
        # names with an added surname are kept as they are, like names without a known one
        assert new[new_spans[1][0] : new_spans[1][1]] == "芦四"
    assert not firsts & (added - {"芦", "苑"})
    assert "sur=0" in crf.features("被告人芦明中", ())[3]
    assert "sur=1" in crf.features("被告人卢明中", ())[3]


@pytest.mark.skipif(not crf.available(), reason="python-crfsuite is not installed")
def test_model_of_another_features_version_is_not_used(tmp_path: Path) -> None:
    path = tmp_path / "m.crfsuite"
    ev.train_model(_synthetic()[:4], path, max_iterations=5)
    assert crf.model_info(path)["features"] == crf.FEATURES_VERSION
    assert crf.load(path) is not None
    crf.info_path(path).write_text('{"features": 1}', "utf-8")
    assert crf.load(path) is None
    crf.info_path(path).unlink()
    assert crf.load(path) is None


@pytest.mark.skipif(not crf.available(), reason="python-crfsuite is not installed")
def test_model_is_an_ensemble_of_two_crfs_and_needs_both(tmp_path: Path) -> None:
    path = tmp_path / "m.crfsuite"
    ev.train_model(_synthetic()[:4], path, max_iterations=5)
    assert crf.member_path(path) == tmp_path / "m.norules.crfsuite"
    assert crf.model_info(path)["members"] == ["m.crfsuite", "m.norules.crfsuite"]
    assert isinstance(crf.load(path), crf.Ensemble)
    crf.member_path(path).unlink()
    assert crf.load(path) is None


def test_ensemble_marginal_is_the_mean_and_the_second_member_sees_no_rule_features() -> None:
    text = "证人甄小渔证实。"
    seen: list[Any] = []

    class Recording(FakeTagger):
        def set(self, xseq: Any) -> None:
            seen.append(xseq)

    ens = crf.Ensemble(Recording(text, ["甄小渔"]), Recording(text, []))
    xseq = [["c=证", "r=O", "r-1r+1=^O"]] + [["c=x"]] * (len(text) - 1)
    ens.set(xseq)
    assert seen[0][0] == ["c=证", "r=O", "r-1r+1=^O"] and seen[1][0] == ["c=证"]
    assert ens.marginal("B", 2) == 0.5 and ens.marginal("B", 0) == 0.0


@pytest.mark.skipif(not crf.available(), reason="python-crfsuite is not installed")
def test_cross_validation_scores_every_threshold_and_leaves_no_model_files(tmp_path: Path) -> None:
    scores = ev.cross_validate(_synthetic(), 2, [0.05, 0.5], tmp_path, max_iterations=5)
    assert sorted(scores) == [0.05, 0.5]
    assert all(sc.items == 10 and sc.persons == 30 for sc in scores.values())
    assert list(tmp_path.iterdir()) == []


def test_run_on_spans_the_text_seems_to_introduce() -> None:
    """On long judgments one defendant still got two pseudonyms where the run-on span looked
    introduced: 交给甄明中了， (交给 and 给 are role words for other rules, but a verb or a
    preposition before a name and a comma introduces no one), 给被告人甄明吃。 (a verb after a
    one-character given name), 负责人是甄明， (是 glued before an introduced name)."""
    text = "被告人甄明中，男。他把车借给甄明中了，后来钱交给甄明中了，甄明中不认。"
    r = deidentify(text, model=FakeTagger(text, ["甄明中", "甄明中了"]))
    assert r.text == "被告人甄某，男。他把车借给甄某了，后来钱交给甄某了，甄某不认。"
    text = "被告人甄明，男。甄明的母亲煮面条给被告人甄明吃。甄明之母证实，负责人是甄明，"
    tagged = ["甄明", "甄明吃", "甄明之母", "是甄明"]
    r = deidentify(text, model=FakeTagger(text, tagged))
    assert r.text == "被告人甄某，男。甄某的母亲煮面条给被告人甄某吃。甄某之母证实，负责人是甄某，"
    # jieba glues 自 to the name (甄明自|愿): the dictionary word 自愿 starts after the name;
    # 先 (then), 仅 (only) and a bracket never end a given name either
    text = "被告人甄明，男。被告人甄明自愿认罪认罚。甄明先下车。甄明仅拿到百元。【甄明】"
    tagged = ["甄明", "甄明自", "甄明先", "甄明仅", "甄明】"]
    r = deidentify(text, model=FakeTagger(text, tagged))
    assert r.text == "被告人甄某，男。被告人甄某自愿认罪认罚。甄某先下车。甄某仅拿到百元。【甄某】"
    assert {c.original for c in r.changes} == {"甄明"}


def test_run_on_rule_keeps_two_people_where_the_span_is_a_name() -> None:
    """The guards of the rule above: a surname glued before an introduced name is a person of
    its own where the span is introduced too (被告人和甄宁，男: 和 is a surname), a dictionary
    word after the name whose first character often ends given names (生在) is no evidence,
    and a span introduced as a person stays one even where its last character also ends
    words (卿明月)."""
    text = "被告人甄宁，女。被告人和甄宁，男。甄宁与和甄宁系邻居。"
    assert tagged(text, ["甄宁", "和甄宁"]) == "被告人甄某，女。被告人和某，男。甄某与和某系邻居。"
    text = "被告人卿伟，男。证人卿伟生证实，卿伟生在现场。"
    assert tagged(text, ["卿伟", "卿伟生"]) == "被告人卿某1，男。证人卿某2证实，卿某2在现场。"
    # 月 ends words (年月日) and given names: an introduced 卿明月 is a person of her own
    text = "被告人卿明，男。被告人卿明月，女。卿明与卿明月月底到案。"
    assert (
        tagged(text, ["卿明", "卿明月"])
        == "被告人卿某1，男。被告人卿某2，女。卿某1与卿某2月底到案。"
    )


def test_tagged_common_words_and_article_numbers_are_not_names() -> None:
    """On long judgments the tagger took 法律, 明细 and 第五十 for names now and then, and every
    occurrence of the word in the judgment was replaced (国家法某, 交易明某, 刑法第五某二条).
    A tagged span that jieba's dictionary knows often as another kind of word, or that starts
    with 第 and a numeral (第五 is a compound surname), or that is a surname doubling as a
    function word before such a word (有明显), is no name; a quoted nickname that is a common
    word is still one (the rules'), and so are a given name that is one (海洋 of 于海洋) and the
    first part of a dotted name (买买提): test_tagged_names_sharing_a_start_are_not_run_ons."""
    text = (
        "被告人甄明中无视国家法律，违反法律，伙同绰号“猴子”的男子盗窃。交易明细显示其交易获利。"
        "合同中有明显不利于被害人的条款。依照《中华人民共和国刑法》第五十二条、第五十三条的规定，"
        "适用法律正确。"
    )
    tagged = ["甄明中", "明细", "第五十二条", "猴子", "有明显"]
    # 法律 (a noun) taken at one of its three places only; 交易 at one of two (half)
    r = deidentify(text, model=FakeTagger(text, tagged, once=["法律", "交易"]))
    assert r.text == (
        "被告人甄某无视国家法律，违反法律，伙同绰号“某某”的男子盗窃。交易明细显示其交易获利。"
        "合同中有明显不利于被害人的条款。依照《中华人民共和国刑法》第五十二条、第五十三条的规定，"
        "适用法律正确。"
    )
    # a noun jieba knows 1,000 times or more is no name even where the tagger takes it at every
    # place (年龄, 法庭), unless it is quoted somewhere (“猴子”), ends a longer name (建国) or
    # stands where a person does somewhere (卖给高山，高山支付: privacy first)
    text = "被告人甄明中年龄较小。经法庭审理，甄建国与“老高”系朋友，建国称老高未到场。"
    tagged_everywhere = ["甄明中", "年龄", "法庭", "建国", "甄建国", "老高"]
    assert deidentify(text, model=FakeTagger(text, tagged_everywhere)).text == (
        "被告人甄某1年龄较小。经法庭审理，甄某2与“某某1”系朋友，某某2称某某1未到场。"
    )
    text = "经查，甄宁卖给高山冰毒，高山支付200元。"
    assert deidentify(text, model=FakeTagger(text, ["甄宁", "高山"])).text == (
        "经查，甄某卖给高某冰毒，高某支付200元。"
    )
    # a tagged span ending in 县/乡/镇/村/省 is a place
    text = "被告人甄明中在平昌县某村盗窃，平昌县公安局立案侦查。"
    r = deidentify(text, model=FakeTagger(text, ["甄明中", "平昌县"]))
    assert r.text == "被告人甄某在平昌县某村盗窃，平昌县公安局立案侦查。"


def test_second_reading_people_and_names_kept_apart() -> None:
    """A second reading of the eighth release found each of these merged, left or grabbed by its
    first version; each gives the seventh release's output again."""

    def rules(text: str) -> str:
        return deidentify(text, model=False).text

    # 伙同甄明亮， introduces him (a verb role word before a comma): two defendants, 亮 not left
    text = "被告人卿伟，男，1980年出生。2019年5月，卿伟伙同卿伟亮，在某地盗窃。卿伟亮分得赃款。"
    assert rules(text) == (
        "被告人卿某1，男，1980年出生。2019年5月，卿某1伙同卿某2，在某地盗窃。卿某2分得赃款。"
    )
    # an adverb that may end a given name does not override ，男
    text = "被告人甄明，男。被告人甄明则，男。甄明则与甄明系兄弟。"
    assert rules(text) == "被告人甄某1，男。被告人甄某2，男。甄某2与甄某1系兄弟。"
    # a full name made of an ordinary surname and a common word, or a common noun the tagger
    # takes at each place, is a name; so is one ending in 镇
    for name, pseudonym in (("高建国", "高某"), ("金星", "金某"), ("甄立镇", "甄某")):
        text = f"经审理查明，{name}在某地盗窃，后{name}到案。"
        assert deidentify(text, model=FakeTagger(text, [name])).text == (
            f"经审理查明，{pseudonym}在某地盗窃，后{pseudonym}到案。"
        )
    # no name between the role word and ，男: unknown identity, a head count, 是 before a name
    text = "被害人身份不详，男，约40岁。被告人一名，男。被害人是甄宁，女。"
    assert rules(text) == text


def test_brands_are_not_names() -> None:
    """Tobacco and theft judgments list brands (查获中华、玉溪、红塔山等11个品种): the rules' list pass
    and the tagger read them as names (红塔山 → 红某1, “宏基”牌 → 某某1). A brand, or a name that
    stands before 牌 wherever it stands, is none — unless it ends a person's name (中华 of
    王中华, his given name)."""
    text = "被告人甄明中，男。甄明中门市部内查获中华、玉溪、红塔山等11个品种卷烟。甄明中窃取“宏基”牌电脑。"
    assert tagged(text, ["甄明中", "中华", "红塔山", "宏基"]) == (
        "被告人甄某，男。甄某门市部内查获中华、玉溪、红塔山等11个品种卷烟。甄某窃取“宏基”牌电脑。"
    )
    text = "被害人王中华，男。中华称其香烟被盗。"
    assert tagged(text, ["王中华", "中华"]) == "被害人王某，男。某某称其香烟被盗。"


def test_first_person_testimony_and_places_are_not_names() -> None:
    """Testimony quoted in long judgments: the tagger took 我妈妈, 他儿子, 个朋友 and 了钱 for names
    (我妈妈 → 某某1), and places (温州 → 温某, 安徽台 → 安某台 beside it). A span that starts with a
    pronoun, 的, 了 or 个 is no name; nor a city, county or province, or a province and one more
    character. The people in the same sentences keep their pseudonyms."""
    text = "证人甄宁证实：我妈妈说他儿子到石家庄找了个朋友甄明中，给了钱，后去安徽台办事。"
    names = ["甄宁", "我妈妈", "他儿子", "石家庄", "个朋友", "甄明中", "了钱", "安徽台"]
    assert tagged(text, names) == (
        "证人甄某1证实：我妈妈说他儿子到石家庄找了个朋友甄某2，给了钱，后去安徽台办事。"
    )
    # a name glued to one of these characters stays a name (了卿伟 → 卿伟)
    text = "被告人甄宁打了卿伟一顿。"
    assert tagged(text, ["甄宁", "了卿伟"]) == "被告人甄某打了卿某一顿。"


def test_a_place_named_after_a_role_word_is_still_a_name() -> None:
    # the place check is for names found on weak evidence only: a role word introduces a person
    assert (
        tagged("被害人高平，男。高平称其手机被盗。", ["高平"])
        == "被害人高某，男。高某称其手机被盗。"
    )
    # a two-character city name that may be a person's (江山, 江山市) is a place only where the
    # text writes it as one, and a province and a character a given name may end in is a name
    text = "经审理查明，江山在某地盗窃，后江山到案。"
    assert tagged(text, ["江山"]) == "经审理查明，江某在某地盗窃，后江某到案。"
    text = "经审理查明，甄宁卖给吉林峰冰毒，吉林峰支付200元。"
    assert tagged(text, ["甄宁", "吉林峰"]) == "经审理查明，甄某卖给吉某冰毒，吉某支付200元。"


def test_dictionary_words_jieba_tags_as_names_need_the_tagger() -> None:
    """jieba's dictionary tags 许可证, 查清 and 阳光 as person names, and the rules took each for one
    (未办理采伐许某). With a tagger, a name found on that tag alone and taken by the tagger at
    none of its places is dropped — unless the word could be a whole name (王明: an ordinary
    surname and given-name characters), or a rule found it too."""
    text = "被告人卿伟未办理采伐许可证。事实已查清。王明说阳光很好。"
    assert tagged(text, ["卿伟"]) == "被告人卿某未办理采伐许可证。事实已查清。王某说阳光很好。"
    # rules only (no tagger to ask): a word on its tag that could be a whole name (王明) or a
    # given name (阳光), or one that stands where a person does; not one that could be neither,
    # standing nowhere so (许可证, 查清)
    assert deidentify(text, model=False).text == (
        "被告人卿某未办理采伐许可证。事实已查清。王某说阳某很好。"
    )
    # nor one the text introduces as a person (the name, then the sex)
    assert tagged("东升，男，1980年生。", []) == "东某，男，1980年生。"
    assert tagged("当天阳光，男女老少都在广场。", []) == "当天阳光，男女老少都在广场。"
    # a quoted nickname is found by a rule of its own, whatever jieba tags it
    text = "吴某从一名叫“明珠”的女子处购买冰毒，“明珠”离开房间。"
    assert tagged(text, []) == "吴某从一名叫“明某”的女子处购买冰毒，“明某”离开房间。"


def test_a_word_is_no_name_for_the_tagger_taking_it_unsurely() -> None:
    """A word jieba's dictionary tags "nr" that the rules kept as a name stood wherever the
    tagger took it, even with a low probability (its threshold is 0.05, for recall): 文件已盖某,
    打一巴某 in a published judgment. One that could be no whole name — a dictionary word that
    is no name (岳父), or a common word that only looks like a given name, which no name in
    the dictionary has (盖章, 巴掌) — now goes unless the tagger took it with a probability of a
    half or more at some place, or it stands where a name may (after or before a verb, after
    将 or 后, before 的 …), is quoted, or someone speaks under it."""

    def weakly(text: str, names: list[str], word: str, p: float) -> str:
        tagger = FakeTagger(text, [*names, word], certainty={word: p})
        return deidentify(text, model=tagger).text

    text = "被告人卿宁在合同上盖章，卿宁盖章后离开。"
    assert weakly(text, ["卿宁"], "盖章", 0.3) == "被告人卿某在合同上盖章，卿某盖章后离开。"
    assert weakly(text, ["卿宁"], "盖章", 0.6) == "被告人卿某在合同上盖某，卿某盖某后离开。"
    # rules only: privacy first, it may be a given name used alone
    assert deidentify(text, model=False).text == "被告人卿某在合同上盖某，卿某盖某后离开。"
    text = "被告人卿宁的岳父卿伟到场，卿宁岳父家中无人。"
    assert weakly(text, ["卿宁", "卿伟"], "岳父", 0.3) == (
        "被告人卿某1的岳父卿某2到场，卿某1岳父家中无人。"
    )
    # (taken surely, a kinship word is still none: the rules read no name holding a role word,
    # and a tagged span loses its role words)
    assert weakly(text, ["卿宁", "卿伟"], "岳父", 0.6) == (
        "被告人卿某1的岳父卿某2到场，卿某1岳父家中无人。"
    )
    # a given name the dictionary's names have (东升), a word that could be a whole name (王明;
    # 许可: 许 is a surname) and a nickname (老王) stay names however unsure the tagger is: a
    # witness named once is exactly what it is least sure of
    text = "被告人卿伟驾车将王明撞伤，后东升报警。"
    assert weakly(text, ["卿伟", "王明"], "东升", 0.1) == "被告人卿某驾车将王某撞伤，后东某报警。"
    assert weakly(text, ["卿伟", "东升"], "王明", 0.1) == "被告人卿某驾车将王某撞伤，后东某报警。"
    text = "被告人卿伟未取得经营许可或者批准文件即从事经营活动。"
    assert weakly(text, ["卿伟"], "许可", 0.1) == (
        "被告人卿某未取得经营许某或者批准文件即从事经营活动。"
    )
    text = "被告人卿伟骗取老王人民币三万元，后老王报警。"
    assert weakly(text, ["卿伟"], "老王", 0.1) == "被告人卿某骗取某某人民币三万元，后某某报警。"
    # and so does one standing where a name may (a victim after the verb, a spouse after 之妻)
    text = "被告人卿伟殴打红光，致其轻伤。"
    assert weakly(text, ["卿伟"], "红光", 0.1) == "被告人卿某殴打红某，致其轻伤。"
    text = "被告人卿伟之妻红光到庭作证。"
    assert weakly(text, ["卿伟"], "红光", 0.1) == "被告人卿某之妻红某到庭作证。"
    # one under which someone speaks stays a name
    text = "被告人卿宁与岳父一起离开，后岳父说不知情。"
    assert weakly(text, ["卿宁"], "岳父", 0.3) == "被告人卿某与岳某一起离开，后岳某说不知情。"


def test_a_tagged_name_runs_up_to_the_note_after_it() -> None:
    """The tagger stopped a character short of a long minority name before its note (沙一你尾
    （另案处理） tagged 沙一你, 尾 left). A name ends at the note: one character, or two that
    are no dictionary word of another kind, and none a function character."""
    text = "被告人甄明中与其妻沙一你尾（另案处理）租住某村，甄明中的一个朋友（身份不明）在场。"
    assert tagged(text, ["甄明中", "沙一你"]) == (
        "被告人甄某与其妻沙某（另案处理）租住某村，甄某的一个朋友（身份不明）在场。"
    )


def test_second_reading_ninth_release() -> None:
    """A second reading of the ninth release found each of these left in the output (or one
    person given two pseudonyms) by its first version; each is masked again."""

    def rules(text: str) -> str:
        return deidentify(text, model=False).text

    # a two-character city name that is a person's where he stands (梁平县 is a county)
    text = "经查，梁平于当晚吸毒。"
    assert rules(text) == tagged(text, []) == "经查，梁某于当晚吸毒。"
    # a dictionary word the tagger missed, where a person stands
    text = "经查，陶然于当晚向被告人甄宁购买毒品。"
    assert tagged(text, ["甄宁"]) == "经查，陶某于当晚向被告人甄某购买毒品。"
    # a name ending in a numeral before 某晚 ("one evening") is no court-masked name
    assert rules("证人李四某晚看到被告人甄宁。") == "证人李某某晚看到被告人甄某。"
    text = "被告人卿三某晚在家中吸毒。"
    assert tagged(text, ["卿三某"]) == "被告人卿某某晚在家中吸毒。"
    text = "海洛因卖给何一某"  # a court mask at the very end of the text stays one
    assert tagged(text, ["何一某"]) == text
    # a full-width ？ in a name a role word introduces is its dot (mis-encoded ·)
    assert rules("被告人艾合买提？吐尔逊在家中吸毒。") == "被告人艾某在家中吸毒。"
    # 刚 after a name that stands alone elsewhere is "just": one person, one pseudonym
    text = "被告人甄明，男，汉族。被告人甄明刚于当晚被抓获。"
    assert rules(text) == "被告人甄某，男，汉族。被告人甄某刚于当晚被抓获。"


def test_a_word_the_tagger_takes_at_few_of_its_places_is_no_name() -> None:
    """On LeCaRDv2's judgments (tax, fraud, prostitution cases) the tagger took 代征, 容留 and
    朋友 at one place or a few, and every occurrence in the judgment was replaced (为该局代某甲零散
    税款, 容某他人卖淫). A dictionary word taken at a quarter of its places or fewer, none of them
    where a person stands, is no name; nor is a role word (朋友, 司机) unless quoted; nor a span
    that starts inside such a word at each of its places (温岭开 of 温岭开车)."""
    text = (
        "被告人甄明中在温岭容留他人卖淫。其在温岭开设暗娼，在温岭开车接送卖淫女，"
        "并多次容留他人。甄明中称其朋友也在温岭。"
    )
    r = deidentify(
        text, model=FakeTagger(text, ["甄明中", "朋友"], once=["容留", "温岭", "温岭开"])
    )
    assert r.text == (
        "被告人甄某在温岭容留他人卖淫。其在温岭开设暗娼，在温岭开车接送卖淫女，"
        "并多次容留他人。甄某称其朋友也在温岭。"
    )
    # a nickname the tagger takes at few of its places stays a name where it stands as a person
    # does (，卿卿称), or is reduplicated, or is the given name of a longer name that stands
    # twice or more (海洋 of 甄海洋: privacy first)
    text = "卖淫女卿卿称，卿卿是其艺名。卿卿在宾馆。卿卿于当晚离开。"
    assert deidentify(text, model=FakeTagger(text, [], once=["卿卿"])).text == (
        "卖淫女卿某称，卿某是其艺名。卿某在宾馆。卿某于当晚离开。"
    )
    text = "海洋馆被盗。被告人甄海洋，男。甄海洋伙同他人在海洋馆、海洋公园盗窃。"
    assert deidentify(text, model=FakeTagger(text, ["甄海洋"], once=["海洋"])).text == (
        "海某馆被盗。被告人甄某，男。甄某伙同他人在海某馆、海某公园盗窃。"
    )
    # (where the whole name stands once, the word is a word)
    text = "海洋馆被盗。被告人甄海洋，男，伙同他人在海洋馆、海洋公园、海洋大厦盗窃。"
    assert deidentify(text, model=FakeTagger(text, ["甄海洋"], once=["海洋"])).text == (
        "海洋馆被盗。被告人甄某，男，伙同他人在海洋馆、海洋公园、海洋大厦盗窃。"
    )


def test_a_rare_nickname_the_tagger_takes_once_stays_a_name_where_a_person_stands() -> None:
    # 从刀疤处, 在刀疤家: the places of a person (a helper's reading: taken at 1 of 4 places, the
    # nickname was shown at all of them)
    text = "被告人甄明从刀疤处购买毒品。甄明在刀疤家中吸毒。后甄明又从刀疤处购买，在刀疤家中吸毒。"
    r = deidentify(text, model=FakeTagger(text, ["甄明"], once=["刀疤"]))
    assert r.text == (
        "被告人甄某从某某处购买毒品。甄某在某某家中吸毒。后甄某又从某某处购买，在某某家中吸毒。"
    )


def test_a_word_kept_for_a_longer_name_needs_that_name_to_be_a_person_s() -> None:
    """LeCaRDv2: the tagger took 高利息 twice in a usury judgment, and 利息, written alone sixty
    times, was kept as the given name of that "name" and replaced everywhere (利某). A word the
    tagger takes at a quarter of its places or fewer, standing where a person does at fewer than
    a quarter, is kept for a longer name only where that name stands a quarter as often as the
    word or more, is introduced by a role word, or stands where a person does."""
    text = (
        "甄宁将利息（6万元）交给卿伟。甄宁以高利息、高手续费放贷，利息每月一结，利息按日计算，"
        "逾期利息翻倍，利息为每天1%，利息由甄宁收取。"
    )
    # (利息 taken at one of its eight places; the tagged 高利息 itself is still taken: left)
    assert deidentify(
        text, model=FakeTagger(text, ["甄宁", "卿伟", "高利息"], once=["利息"])
    ).text == (
        "甄某将利息（6万元）交给卿某。甄某以高某、高手续费放贷，利息每月一结，利息按日计算，"
        "逾期利息翻倍，利息为每天1%，利息由甄某收取。"
    )
    # a given name used alone in testimony stays masked (a helper's probes): the whole name is
    # introduced by a role word, or the given name stands where a person does (海洋开车)
    text = (
        "被告人甄海洋，男，1980年出生。证人卿伟证实：海洋跟我说要去拿货，海洋开车，海洋付了钱，"
        "我和海洋分开后，海洋回家了。"
    )
    tagger = tagged_at(text, ["甄海洋", "卿伟"], "海洋", text.index("海洋开车"))
    assert deidentify(text, model=tagger).text == (
        "被告人甄某，男，1980年出生。证人卿某证实：海某跟我说要去拿货，海某开车，海某付了钱，"
        "我和海某分开后，海某回家了。"
    )
    # (a victim named in full twice, right after 被害人, and by his given name eight times)
    text = (
        "被告人甄某与被害人甄海洋发生争执，打伤被害人甄海洋后逃离。证人卿伟证实：我看到甄某把海洋"
        "推倒，又踢了海洋几脚，海洋的头流血了，我扶起海洋，送海洋去医院，医生帮海洋包扎，我给海洋"
        "家里打电话，海洋父亲来了。"
    )
    tagger = tagged_at(text, ["甄海洋", "卿伟"], "海洋", text.index("海洋几脚"))
    assert deidentify(text, model=tagger).text == (
        "被告人甄某与被害人甄某1发生争执，打伤被害人甄某1后逃离。证人卿某证实：我看到甄某把海某"
        "推倒，又踢了海某几脚，海某的头流血了，我扶起海某，送海某去医院，医生帮海某包扎，我给海某"
        "家里打电话，海某父亲来了。"
    )
    text = "证人卿伟证实：海洋跟我说要去拿货，海洋开车，海洋付了钱，我听甄海洋讲过，海洋回家了。"
    tagger = FakeTagger(text, ["甄海洋", "卿伟"], once=["海洋"])
    assert deidentify(text, model=tagger).text == (
        "证人卿某证实：海某跟我说要去拿货，海某开车，海某付了钱，我听甄某讲过，海某回家了。"
    )


def test_a_word_listed_with_masked_names_is_a_name() -> None:
    # 甄某乙、长江， … 卿某某、长江、: a nickname standing as an item of its own in lists with
    # names the court masked, at two places, is a person's, even where the tagger takes it at one
    # of its places only (LeCaRDv2: an accomplice called by a common word twenty times was kept
    # so only by accident)
    text = (
        "甄某乙、长江，二人在江边钓鱼。长江在岸上放风，事后卿某某、长江、甄某丙分得赃款，"
        "长江未到案。"
    )
    assert deidentify(text, model=FakeTagger(text, [], once=["长江"])).text == (
        "甄某乙、某某，二人在江边钓鱼。某某在岸上放风，事后卿某某、某某、甄某丙分得赃款，"
        "某某未到案。"
    )
    # (not a word listed once, even between two masked names, nor a title before a masked
    # name, nor a place; and a function word before 某 is no masked name: 于某日)
    for text, word in [
        ("扣押甄某某、手机等物品。手机已返还，手机价值一千元，手机系赃物。", "手机"),
        ("案发后，甄某甲、家人、卿某某共同筹款。家人表示谅解，家人出具了谅解书。", "家人"),
        ("与法定代表人甄某甲、股东甄某乙达成协议。股东会决议，股东签字，股东认可。", "股东"),
        ("长江在岸上放风，事后长江分得赃款、于某日离开，长江未到案，长江、于某处。", "长江"),
    ]:
        assert deidentify(text, model=FakeTagger(text, [], once=[word])).text == text


def test_a_tagged_office_or_contract_party_is_no_name() -> None:
    # LeCaRDv2: the tagger took 农业局, 司法局, 扶贫办 and 乙方 for names (农某 throughout)
    text = (
        "被告人甄宁将扶贫资金交给农业局作经费，农业局收款后，农业局未入账。"
        "乙方（甄某某）向甲方支付租金，乙方逾期。"
    )
    assert deidentify(text, model=FakeTagger(text, ["甄宁", "农业局", "乙方"])).text == (
        "被告人甄某将扶贫资金交给农业局作经费，农业局收款后，农业局未入账。"
        "乙方（甄某某）向甲方支付租金，乙方逾期。"
    )


def test_a_tagged_word_after_a_wordlike_new_surname_is_no_name() -> None:
    # 初, 玉 and 岩 are surnames outside 百家姓 that start words: a tagged 初犯 or 玉石 stays, a
    # tagged name jieba does not know (玉伦) is one; a surname the tagger knows as such (卿伟) too
    text = "被告人卿伟系初犯，盗窃玉石一块，被害人玉伦报警。"
    assert tagged(text, ["卿伟", "初犯", "玉石", "玉伦"]) == (
        "被告人卿某系初犯，盗窃玉石一块，被害人玉某报警。"
    )
    # but such a word that is the given name of a longer name, used alone, stays a name
    text = "被告人卿岩峰，男，汉族。岩峰于当晚离开，后岩峰到案，岩峰系初犯。"
    assert tagged(text, ["卿岩峰", "岩峰", "初犯"]) == (
        "被告人卿某，男，汉族。岩某于当晚离开，后岩某到案，岩某系初犯。"
    )


def test_a_tagged_span_cutting_a_word_or_a_dictionary_name_that_is_none_is_no_name() -> None:
    """The tagger took 解书 of 谅解书, 明书 of 证明书, 和正 of 被告人和正在服刑, and words jieba's
    dictionary tags "nr" (申请书, 盖章, 许可): 出具了谅某 in a published judgment. None stands
    where a person does."""
    text = (
        "被告人卿宁出具了谅解书、诊断证明书，借款申请书经双方确认，手续齐全。未经许可，经营专营物品。"
        "对犯罪嫌疑人、被告人和正在服刑的罪犯。"
    )
    assert tagged(text, ["解书", "明书", "申请书", "齐全", "许可", "和正"]) == text.replace(
        "卿宁", "卿某"
    )
    # but one that stands where a person does, or is quoted, stays a name, and so does a span
    # after a role word (甄明中 before 将, ending inside the word 中将)
    text = "后许可说他不知道，“齐全”也在场。被告人甄明中将被害人打伤。"
    assert tagged(text, ["许可", "齐全", "甄明中"]) == (
        "后许某说他不知道，“齐某”也在场。被告人甄某将被害人打伤。"
    )
    # a name whose last character starts a word with the next (志向, 兵家) is still a name
    text = "其在甄忠志向项目投资分红，租住同村卿永兵家房屋。"
    assert tagged(text, ["甄忠志", "卿永兵"]) == "其在甄某向项目投资分红，租住同村卿某家房屋。"
    # nor one after a word for a person that jieba glues to its surname (人丁)
    text = "被告单位诉讼代表人丁明远、被告人卿宁到庭。"
    assert tagged(text, ["丁明远", "卿宁"]) == "被告单位诉讼代表人丁某、被告人卿某到庭。"


def test_a_tagged_span_running_into_a_rules_name_gives_way_to_it() -> None:
    """The tagger took 后卿 of 之后卿明远 and 明卿 of 证明卿明远, or ran a court's mask on into a
    name (李某说卿): the earlier span won the place and the rest of the name was published
    (之后某明远). A tagged span that, at every place, runs from words that are no name (or a
    mask) into a name the rules found and that stands more often, is dropped."""
    text = (
        "被告人卿明远，男，1980年出生。被害人甄宁报警。之后卿明远逃离现场。"
        "证人甄宁证明卿明远曾到其家中。李某说卿明远是带班领导。卿明远到案后如实供述。"
    )
    tagger = FakeTagger(text, ["甄宁", "后卿", "明卿", "李某说卿"])
    assert deidentify(text, model=tagger).text == (
        "被告人卿某，男，1980年出生。被害人甄某报警。之后卿某逃离现场。"
        "证人甄某证明卿某曾到其家中。李某说卿某是带班领导。卿某到案后如实供述。"
    )
    # a tagged span whose start is a name, not glue (甄宁卿 of 甄宁卿明远, names written
    # without a comma between them), is cut to that name: both are replaced
    text = "被告人卿明远，男。卿明远供述，甄宁卿明远二人同去。卿明远到案。"
    tagger = FakeTagger(text, ["甄宁卿"])
    assert deidentify(text, model=tagger).text == (
        "被告人卿某，男。卿某供述，甄某卿某二人同去。卿某到案。"
    )


def test_a_rules_name_the_tagger_stretched_is_still_run_into() -> None:
    """The rules read 丁明 (before 中) and the tagger 丁明中: the longer name replaces the rules'
    one, and a span running into it (但丁 of 但丁明中) gives way to it as to a rules' name. It
    used to win its place: 但某明中."""
    text = "被害人丁明中报警称，但丁明中保管。丁明中说其不知情。"
    tagger = FakeTagger(text, ["但丁"])
    for m in re.finditer("丁明中", text):
        if text[m.start() - 1] != "但":
            tagger.labels_at[m.start() : m.end()] = ["B", "I", "I"]
    assert deidentify(text, model=tagger).text == "被害人丁某报警称，但丁某保管。丁某说其不知情。"


def test_a_court_masked_name_run_on_into_a_name_gives_way_to_it() -> None:
    """The tagger took a court's mask and the name after it as one span (杨某1柳明远, trimmed to
    杨某1柳 before the word 明远); a span with a mask is kept as it stands, so it published 柳明远
    at every place, even where the tagger took 柳明远 alone. Such a span now gives way to the
    person it runs into, and one that holds a whole person (杨某1柳明远) is that person."""
    text = (
        "医疗器械销售商杨某1柳明远在州医院销售器械，杨某1柳明远贿赂人民币五十万元，"
        "杨某1柳明远签订合同。"
    )
    tagger = FakeTagger(text, [])
    places = [m.start() for m in re.finditer("杨某1柳明远", text)]
    for at in places[:2]:
        tagger.labels_at[at : at + 6] = ["B", "I", "I", "I", "I", "I"]
    tagger.labels_at[places[2] + 3 : places[2] + 6] = ["B", "I", "I"]
    assert deidentify(text, model=tagger).text == (
        "医疗器械销售商杨某1柳某在州医院销售器械，杨某1柳某贿赂人民币五十万元，杨某1柳某签订合同。"
    )
    # the whole span kept (杨某1柳宁): the mask and the name in it, the name alone or not
    text = text.replace("柳明远", "柳宁")
    tagger = FakeTagger(text, [])
    places = [m.start() for m in re.finditer("杨某1柳宁", text)]
    for at in places[:2]:
        tagger.labels_at[at : at + 5] = ["B", "I", "I", "I", "I"]
    tagger.labels_at[places[2] + 3 : places[2] + 5] = ["B", "I"]
    assert deidentify(text, model=tagger).text == (
        "医疗器械销售商杨某1柳某在州医院销售器械，杨某1柳某贿赂人民币五十万元，杨某1柳某签订合同。"
    )


def test_a_court_masked_span_holding_a_name_gives_way_to_it() -> None:
    """The tagger took a name and a court's mask after it as one span (昂宁和窝某); a span with a
    mask is kept as it stands, so it published 昂宁 there, although the rules masked him at his
    other places. It now gives way to the person it holds, wherever in it he stands."""
    text = "被告人昂宁，男，藏族。我去找表弟旦某，遇到拉某、昂宁和窝某，当时拉某说走。"
    tagger = FakeTagger(text, ["昂宁和窝某"])
    assert deidentify(text, model=tagger).text == (
        "被告人某某，男，藏族。我去找表弟旦某，遇到拉某、某某和窝某，当时拉某说走。"
    )
    # the name last in the span, after the mask and a word (窝某和昂宁)
    text = "被告人昂宁，男，藏族。我去找表弟旦某，遇到拉某、窝某和昂宁，当时拉某说走。"
    tagger = FakeTagger(text, ["窝某和昂宁"])
    assert deidentify(text, model=tagger).text == (
        "被告人某某，男，藏族。我去找表弟旦某，遇到拉某、窝某和某某，当时拉某说走。"
    )
    # the tagger's name and the 和 after it besides (柳宁和 of 柳宁和王某某2): the same person, and
    # the 和 stays (it took the place and a pseudonym of its own: 柳某1王某某2, and 柳某2 after)
    text = "甄某某伙同拉某、柳宁和王某某2到某某村盗窃。柳宁和王某某2撬锁。案发后柳宁逃离现场。"
    tagger = FakeTagger(text, [])
    first, second = (m.start() for m in re.finditer("柳宁和", text))
    tagger.labels_at[first : first + 3] = ["B", "I", "I"]
    tagger.labels_at[second : second + 7] = ["B", "I", "I", "I", "I", "I", "I"]
    assert deidentify(text, model=tagger).text == (
        "甄某某伙同拉某、柳某和王某某2到某某村盗窃。柳某和王某某2撬锁。案发后柳某逃离现场。"
    )


def test_a_judge_named_with_a_preposition_stays_unmasked_with_the_tagger() -> None:
    """A bench name that starts with a preposition or conjunction (于是宁) is no bench name only
    where the words after it are a name the text has without it (关于甄明中); a judge's stays
    never hidden, whatever the tagger marks."""
    text = "审判长于是宁宣布开庭。被告人甄明中，男。审判员 于是宁 二〇一七年一月三日"
    tagger = FakeTagger(text, ["于是宁", "甄明中"])
    assert deidentify(text, model=tagger).text == text.replace("甄明中", "甄某")
    # also beside a name that the words after the preposition run into (柳宁宣布退出)
    text = "审判长于是宁宣布开庭。柳宁宣布退出。审判员 于是宁 二〇一七年一月三日"
    tagger = FakeTagger(text, ["于是宁", "柳宁"])
    assert deidentify(text, model=tagger).text == text.replace("柳宁宣", "柳某宣")


def test_a_tagged_span_joining_two_named_people_gives_way_to_them() -> None:
    """The tagger took a name, the 和 after it and the next name's surname as one span (左宁和苑 of
    左宁和苑明远); it ran into 苑明远, but 左宁和 could be a name, so it was kept, and 明远 was
    published: 左某2明远."""
    text = (
        "被告人柳宁，男，汉族。被告人左宁，男，汉族。被告人苑明远，男，汉族。"
        "经查，柳宁、左宁和苑明远共同盗窃。"
    )
    tagger = FakeTagger(text, ["柳宁", "苑明远"], once=["左宁"])
    tagger.labels_at[text.rindex("左宁") : text.rindex("左宁") + 4] = ["B", "I", "I", "I"]
    assert deidentify(text, model=tagger).text == (
        "被告人柳某，男，汉族。被告人左某，男，汉族。被告人苑某，男，汉族。经查，柳某、左某和苑某共同盗窃。"
    )


def test_a_statement_and_a_joining_word_tagged_is_no_name() -> None:
    """当事人的陈述和经审查确认的证据, in nearly every civil judgment: a tagged 陈述和 (jieba's
    dictionary tags 陈述 a name) was masked (当事人的陈某和…); a name ending in 和 is still one."""
    text = "根据当事人的陈述和经审查确认的证据，本院认定如下。"
    assert tagged(text, ["陈述和"]) == text
    assert tagged("后甄永和到庭陈述。", ["甄永和"]) == "后甄某到庭陈述。"


def test_civil_judgment_words_the_tagger_takes() -> None:
    """Spans a tagger trained on criminal judgments takes in a civil one: 万元正 (an amount),
    计至 (a surname and a function character), 付原告 and 付之日 (the second half of 给付 and
    支付), 后原 and 有原 (the 原 of 原、被告). None is a name."""
    text = (
        "判令被告偿付原告借款伍万元正，利息自2017年1月1日起计至付清之日止。被告给付原告的借款"
        "已到期，至实际支付之日止。后原、被告签订借据，有原、被告身份证复印件为证。"
    )
    assert tagged(text, ["万元正", "计至", "付原告", "付之日", "后原", "有原"]) == text
    # a tagged name of those surnames elsewhere is still one; 付 after a word ending in 给 (借给)
    # is no verb of paying; a tagged 付曾宁 after 给 may be a name (付 is a surname): kept
    assert tagged("被告人付明远和万宁到庭，付明远说。", ["付明远", "万宁"]) == (
        "被告人付某和万某到庭，付某说。"
    )
    assert (
        tagged("甄雅宁借给付海峰现金伍万元。", ["甄雅宁", "付海峰"]) == "甄某借给付某现金伍万元。"
    )
    assert tagged("甄明中给付曾宁现金伍万元。", ["付曾宁"]) == "甄明中给付某现金伍万元。"
    assert tagged("卿伟借给付明远现金伍万元。", ["卿伟", "付明远"]) == "卿某借给付某现金伍万元。"
    # nor does a tagged name run into an amount in capital numerals after it
    assert tagged("陆万借给卿伟伍拾万元。", ["卿伟伍"]) == "陆万借给卿某伍拾万元。"
    assert tagged("借款伍万元正，利息另计。", ["元正"]) == "借款伍万元正，利息另计。"
    # a name after 给付 that starts with a function character is still one (于是宁)
    assert tagged("被告给付于是宁货款。", ["付于是宁"]) == "被告给付某货款。"
    # 未 ends no name: 被告柳宁未到庭 with a tagged 柳宁未 was 柳某到庭
    assert tagged("被告柳宁未到庭。", ["柳宁未"]) == "被告柳某未到庭。"
    # nor does an adverb before a verb where the name stands alone too (甄雅宁亦|称 … 甄雅宁说)
    assert tagged("证人甄雅宁亦称。甄雅宁说。", ["甄雅宁亦"]) == "证人甄某亦称。甄某说。"
    assert tagged("被告卿宁尚欠原告借款。卿宁说。", ["卿宁尚"]) == "被告卿某尚欠原告借款。卿某说。"
    # said only so, the adverb may end a name of three (privacy first: a 卿宁尚 exists) …
    assert tagged("被告卿宁尚欠原告借款。", ["卿宁尚"]) == "被告卿某欠原告借款。"
    # … but no fourth character after a surname where the rules read three: a given name of
    # three characters is rarer than the adverb (乘车人甄雅宁亦受轻伤)
    assert tagged("证人甄雅宁亦称。", ["甄雅宁亦"]) == "证人甄某亦称。"
    assert tagged("致乘车人甄雅宁亦受轻伤。", ["甄雅宁亦"]) == "致乘车人甄某亦受轻伤。"
    # nor a function character after a compound surname and one more (其父皇甫明于1985年)
    text = "该地块系其父皇甫明于1985年开垦。"
    assert tagged(text, ["皇甫明于"]) == "该地块系其父皇甫某于1985年开垦。"
    # and only before a name the rules found: 那人仍 is one span, as before, and 那人 ("that
    # man") is not masked wherever it stands
    assert tagged("那人仍在现场。那人说他走了。", ["那人仍"]) == "那某在现场。那人说他走了。"
    # a span trimmed to nothing is no name ending in an adverb (an IndexError in a draft of this)
    assert engine._adverb_after("被告卿宁尚欠原告。卿宁称。", 2, "") is False
    # nor does the word of a case's heading or of a party's speech (万福诉|被告, 万福诉|称)
    text = "原告万福诉被告卿伟借款合同纠纷一案。原告万福诉称。"
    assert tagged(text, ["万福诉"]) == "原告万某诉被告卿某借款合同纠纷一案。原告万某诉称。"
    # nor does a common word starting at the span's last character, beside the rules' name
    # (卿伟民|间借贷: 卿某间借贷纠纷 in nearly every heading of the commonest civil cause)
    text = "原告柳宁诉被告卿伟民间借贷纠纷一案。"
    assert tagged(text, ["卿伟民"]) == "原告柳某诉被告卿某民间借贷纠纷一案。"
    # (without the rules' 卿伟 the span stays whole: a 卿伟民 may exist; nor outside a heading,
    # nor where the word cut a name: 甄家|勤劳|动争议 is 甄家勤 and 劳动争议)
    assert tagged("卿伟民间借贷。", ["卿伟民"]) == "卿某间借贷。"
    # (the last of the other side's list too, and after 和被告)
    text = "原告柳宁与被告湛江市某某贸易有限公司、卿伟民间借贷纠纷一案。"
    assert tagged(text, ["卿伟民"]) == text.replace("柳宁", "柳某").replace("卿伟", "卿某")
    text = "原告柳宁和被告卿伟民间借贷纠纷一案。"
    assert tagged(text, ["卿伟民"]) == "原告柳某和被告卿某民间借贷纠纷一案。"
    text = "原告柳宁与被告甄家勤劳动争议一案。"
    assert tagged(text, ["甄家勤"]) == "原告柳某与被告甄某劳动争议一案。"
    text = "公诉机关指控被告人甄明中将被害人打伤一案。"
    assert tagged(text, ["甄明中"]) == "公诉机关指控被告人甄某将被害人打伤一案。"


def test_a_tagged_pronoun_and_conjunction_a_charge_or_a_span_holding_mei_is_no_name() -> None:
    """其和 (he and), 强奸罪 (a charge) and 都没 (all not) were taken by the tagger in judgments
    whose rules, before the twenty-second release, had read 和贫困, 有强奸 and 都没参 as names
    over them; with those gone the tagger's spans stood alone."""
    text = "证明其和被告人卿伟决定诈骗。指控被告人卿伟犯有强奸罪。他们都没参与打架。"
    assert tagged(text, ["其和", "强奸罪", "都没", "卿伟"]) == text.replace("卿伟", "卿某")
    # but 其 before a court's mask is a surname (其某3, as the courts of minority areas write it):
    # the reviewer sees the whole masked name, not 某3 beside a pronoun
    text = "次日二人又将其某3带回。"
    changes = deidentify(text, model=FakeTagger(text, ["其某3"])).changes
    assert [(c.original, c.kind) for c in changes] == [("其某3", "already_masked")]


def test_a_tagged_part_of_a_firms_name_is_no_name() -> None:
    """A law firm named after its lawyer (辽宁甄雅宁律师事务所) keeps the name, as lawyers do: a
    tagged 甄雅 there gave 甄某宁律师事务所. So does an estate (金色黎明小区)."""
    text = "辩护人卿宁，辽宁甄雅宁律师事务所律师。被告人住金色黎明小区。"
    assert tagged(text, ["甄雅", "黎明"]) == text


def test_a_tagged_span_holds_no_role_word_of_a_person() -> None:
    # a relative agent's line: 系原告之兄 (the tagger's 原告之兄, 人之兄) is no one's name
    text = "委托诉讼代理人：卿宏宇，男，1980年1月8日出生，系原告之兄。"
    assert tagged(text, ["原告之兄"]) == "委托诉讼代理人：卿某，男，1980年1月8日出生，系原告之兄。"
    text = "委托诉讼代理人：卿宏宇，男，系第三人之子。"
    assert tagged(text, ["人之子"]) == "委托诉讼代理人：卿某，男，系第三人之子。"
    # a name starts after the role word it was glued to, and ends before one it runs into
    text = "原告格桑卓玛与被告卿宏宇合同纠纷一案。"
    assert tagged(text, ["告格桑卓玛"]) == "原告格某与被告卿某合同纠纷一案。"
    text = "原告格桑卓玛原告"
    assert engine._without_role_words(text, [(0, 2), (6, 8)], [0, 6], 1, 8) == (2, 6, True)
    assert engine._without_role_words(text, [(0, 2), (2, 4)], [0, 2], 1, 4) == (4, 4, False)
    assert engine._without_role_words(text, [(0, 2)], [0], 3, 6) == (3, 6, False)
    # (a common noun at the start of a name of three: 房东升)
    assert engine._without_role_words("房东升到场", [(0, 2)], [0], 0, 3) == (0, 3, False)
    # what runs into a role word: a name the rules read and a verb, or no name at all
    text = "证人卿宏宇作证。卿宏宇谈朋友的事。公司的卿经理到场。"
    assert tagged(text, ["卿宏宇谈朋友", "公司的卿经理"]) == (
        "证人卿某作证。卿某谈朋友的事。公司的卿经理到场。"
    )
    assert tagged("原告携二叔、姐姐到场。", ["二叔、姐姐"]) == "原告携二叔、姐姐到场。"
    # (nor is what is left of a word around a role word: 副主任|医师)
    text = "证人系副主任医师。"
    assert tagged(text, ["主任医师"]) == text
    # (nor is a word, 的 and a court's mask one name: 公司的卿某甲)
    text = "证人卿某甲作证。公司的卿某甲打电话。"
    assert tagged(text, ["公司的卿"]) == text


def test_a_tagged_place_in_brackets_before_a_firm_is_no_name() -> None:
    # a law firm's office in a city: 北京市某某（衡阳）律师事务所
    text = "委托诉讼代理人：卿宏宇，北京市某某（衡阳）律师事务所律师。"
    assert tagged(text, ["衡阳"]) == text
    # (a person in brackets stays one: 其妻（甄雅宁）到庭)
    assert tagged("其妻（甄雅宁）到庭。", ["甄雅宁"]) == "其妻（甄某）到庭。"


def test_a_conjunction_glued_to_a_name_the_rules_found_is_not_the_names() -> None:
    text = "证人卿宏宇出庭作证。原告主张不成立，但卿宏宇的证言与转账记录相互印证。"
    assert tagged(text, ["但卿宏宇"]) == (
        "证人卿某出庭作证。原告主张不成立，但卿某的证言与转账记录相互印证。"
    )


def test_a_county_the_text_writes_after_its_city_is_no_name() -> None:
    """A county jieba does not know (邢台市宁汐县, invented) that the tagger marked was masked at
    every place the text named it (去宁汐 gave 去宁某, 宁某县); where the text writes it after its
    city it is a place, as a known county is."""
    text = "被告人卿某将货物拉到邢台市宁汐县卖出。次日我开车去宁汐，找到甄某家。"
    assert tagged(text, ["宁汐"]) == text
    # (a person the tagger marks is still masked where no county of that name is written)
    text = "次日我开车去找宁汐，宁汐说货已卖出。"
    assert tagged(text, ["宁汐"]) == "次日我开车去找宁某，宁某说货已卖出。"
