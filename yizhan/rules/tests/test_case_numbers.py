"""Tests for yizhan.rules.case_numbers (法〔2015〕137号 as amended by 法〔2018〕335号)."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given
from hypothesis import strategies as st

from yizhan.rules.case_numbers import (
    MAX_YEAR,
    MIN_YEAR,
    PRE_FILING_MEDIATION_CODE,
    PROVINCE_CODES,
    SPECIAL_CODES,
    TYPE_CODES,
    CaseNumber,
    CaseNumberError,
    parse,
    render,
    type_name,
    validate_court_code,
)

# The codes of domain-rules §1.3 / §1.4, written out independently of the module's table.
_EXPECTED_TEXT = """
刑辖 民辖 民辖终 民辖监 行辖 行辖终 赔辖 赔辖终
刑初 刑终 刑监 刑申 刑抗 刑再 刑没 刑核 刑医 刑医解 刑医复 刑医监 刑止 刑止调 刑止核
刑更 刑更监 刑更备 刑他 刑教 刑教解 刑教复 刑教监
民初 民终 民监 民申 民抗 民再 民撤 民特 民特监 民催 民督 民督监 民他 民保令 民保更
行初 行终 行监 行申 行抗 行再 行审 行审复 行他
行赔初 行赔终 行赔监 行赔申 行赔抗 行赔再 行赔他
法赔 委赔 委赔监 赔确监 委赔提 委赔再 赔他
司救刑 司救民 司救行 司救赔 司救执 司救访 司救他
认台 认港 认澳 认复 认他 请台送 台请送 请台调 请移管 助移管 请移赃 助移赃
协外认 协他 协外送 请外送 协外调 请外调 请外移 协外移 请外引 协外引
司惩 司惩复 财保 行保 行保复 证保
执 执恢 执保 执异 执复 执监 执协 执他
清申 破申 清终 破终 清监 破监 强清 破
诉前调确 诉前调书 民诉前调
"""
EXPECTED_CODES = _EXPECTED_TEXT.split()

ALL_CODES = sorted(TYPE_CODES)


def _seq_for(code: str) -> int:
    return 12345678 if TYPE_CODES[code].random_number else 37


# --- the table -----------------------------------------------------------------------------


def test_table_has_exactly_the_documented_codes() -> None:
    assert len(EXPECTED_CODES) == len(set(EXPECTED_CODES))
    assert set(TYPE_CODES) == set(EXPECTED_CODES)


@pytest.mark.parametrize("code", ALL_CODES)
def test_table_entry_is_consistent(code: str) -> None:
    info = TYPE_CODES[code]
    assert info.code == code
    assert info.name
    assert info.category
    assert len(info.stat_code) == 4
    assert info.stat_code.isdigit()
    # 法〔2015〕137号 Art 10 ¶2: only 刑核 uses a random number.
    assert info.random_number == (code == "刑核")


def test_selected_table_values() -> None:
    assert TYPE_CODES["民初"].name == "民事一审"
    assert TYPE_CODES["民初"].category == "民事"
    assert TYPE_CODES["民初"].stat_code == "0301"
    assert TYPE_CODES["执"].stat_code == "1002"
    assert TYPE_CODES["破申"].stat_code == "1103"
    assert TYPE_CODES[PRE_FILING_MEDIATION_CODE].stat_code == "9901"
    for code in ("诉前调确", "诉前调书", "民诉前调"):
        assert TYPE_CODES[code].stat_code.startswith("99")
    assert PRE_FILING_MEDIATION_CODE == "民诉前调"
    assert "知" in SPECIAL_CODES


def test_table_is_read_only() -> None:
    with pytest.raises(TypeError):
        TYPE_CODES["民新"] = TYPE_CODES["民初"]  # type: ignore[index]


# --- round trip of every code ----------------------------------------------------------------


@pytest.mark.parametrize("code", ALL_CODES)
def test_every_type_code_round_trips(code: str) -> None:
    seq = _seq_for(code)
    text = render(2026, "粤0802", code, seq)
    assert text == f"（2026）粤0802{code}{seq}号"
    cn = parse(text)
    assert cn == CaseNumber(2026, "粤0802", "", code, seq)
    assert cn.render() == text
    assert cn.type_name == TYPE_CODES[code].name


@pytest.mark.parametrize("code", ALL_CODES)
def test_every_type_code_round_trips_with_special_code(code: str) -> None:
    seq = _seq_for(code)
    text = render(2020, "最高法", code, seq, special_code="知")
    assert text == f"（2020）最高法知{code}{seq}号"
    assert parse(text) == CaseNumber(2020, "最高法", "知", code, seq)


# --- published examples ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("（2017）京04民终367号", (2017, "京04", "", "民终", 367)),
        ("（2019）粤03民再205号", (2019, "粤03", "", "民再", 205)),
        ("（2018）粤民申9812号", (2018, "粤", "", "民申", 9812)),
        ("（2019）最高法知民终1号", (2019, "最高法", "知", "民终", 1)),
        ("（2024）粤0604诉前调确1716号", (2024, "粤0604", "", "诉前调确", 1716)),
        ("（2021）川0104民诉前调801号", (2021, "川0104", "", "民诉前调", 801)),
        ("（2024）浙02民诉前调595号", (2024, "浙02", "", "民诉前调", 595)),
        ("（2026）粤0802民初1号", (2026, "粤0802", "", "民初", 1)),
    ],
)
def test_published_examples(text: str, expected: tuple[int, str, str, str, int]) -> None:
    cn = parse(text)
    assert dataclasses.astuple(cn) == expected
    assert cn.render() == text
    assert str(cn) == text


@pytest.mark.parametrize(
    "text",
    [
        "(2017)京04民终367号",
        "（2017)京04民终367号",
        "(2017）京04民终367号",
        "  （2017）京04民终367号\n",
        "\u3000(2017)京04民终367号\u3000",
        "（２０１７）京０４民终３６７号",
    ],
)
def test_lenient_input_forms(text: str) -> None:
    cn = parse(text)
    assert cn == CaseNumber(2017, "京04", "", "民终", 367)
    assert cn.render() == "（2017）京04民终367号"


# --- longest match ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "type_code"),
    [
        ("（2020）粤08执1号", "执"),
        ("（2020）粤08执恢1号", "执恢"),
        ("（2020）粤08执保1号", "执保"),
        ("（2020）粤08破1号", "破"),
        ("（2020）粤08破申1号", "破申"),
        ("（2020）粤08民特1号", "民特"),
        ("（2020）粤08民特监1号", "民特监"),
        ("（2020）粤08行1号", None),
        ("（2020）粤08行赔初1号", "行赔初"),
        ("（2020）粤08行保复1号", "行保复"),
        ("（2020）粤08刑医解1号", "刑医解"),
        ("（2020）粤08民1号", None),
    ],
)
def test_type_code_is_the_whole_run(text: str, type_code: str | None) -> None:
    if type_code is None:
        with pytest.raises(CaseNumberError) as exc:
            parse(text)
        assert exc.value.code == "unknown_type_code"
    else:
        cn = parse(text)
        assert cn.type_code == type_code
        assert cn.special_code == ""


def test_special_code_only_before_a_valid_type_code() -> None:
    assert parse("（2020）粤73知民初5号").special_code == "知"
    with pytest.raises(CaseNumberError) as exc:
        parse("（2020）粤73知1号")
    assert exc.value.code == "unknown_type_code"
    with pytest.raises(CaseNumberError) as exc:
        parse("（2020）粤73知知民初1号")
    assert exc.value.code == "unknown_type_code"


# --- 刑核 random numbers -----------------------------------------------------------------------


def test_criminal_review_uses_8_digit_random_number() -> None:
    # 法〔2015〕137号 Art 10 ¶2.
    cn = parse("（2019）最高法刑核00123456号")
    assert cn.seq == 123456
    assert cn.render() == "（2019）最高法刑核00123456号"
    assert render(2019, "最高法", "刑核", 5) == "（2019）最高法刑核00000005号"
    for bad in ("（2019）最高法刑核1234567号", "（2019）最高法刑核123456789号"):
        with pytest.raises(CaseNumberError) as exc:
            parse(bad)
        assert exc.value.code == "invalid_seq"
    with pytest.raises(CaseNumberError) as exc:
        render(2019, "最高法", "刑核", 10**8)
    assert exc.value.code == "invalid_seq"


# --- configurable codes ----------------------------------------------------------------------


def test_extra_type_codes() -> None:
    text = "（2023）粤0802诉前调12号"
    with pytest.raises(CaseNumberError) as exc:
        parse(text)
    assert exc.value.code == "unknown_type_code"
    cn = parse(text, extra_type_codes=["诉前调"])
    assert (cn.type_code, cn.seq) == ("诉前调", 12)
    assert cn.type_name == "诉前调"  # no name configured: falls back to the code
    assert render(2023, "粤0802", "诉前调", 12, extra_type_codes=["诉前调"]) == text


def test_extra_special_codes() -> None:
    text = "（2023）粤72海民初3号"
    with pytest.raises(CaseNumberError) as exc:
        parse(text)
    assert exc.value.code == "invalid_special_code"
    cn = parse(text, extra_special_codes={"海"})
    assert (cn.special_code, cn.type_code) == ("海", "民初")


# --- court codes -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "code", ["最高法", "粤", "内", "兵", "军", "粤08", "粤0802", "京0101", "粤73"]
)
def test_valid_court_codes(code: str) -> None:
    assert validate_court_code(code) == code


@pytest.mark.parametrize(
    "code",
    [
        "",
        "最高法01",
        "港",
        "港01",
        "X01",
        "粤0",
        "粤080",
        "粤08020",
        "粤00",
        "粤0800",
        "粤0008",
        "08",
    ],
)
def test_invalid_court_codes(code: str) -> None:
    with pytest.raises(CaseNumberError) as exc:
        validate_court_code(code)
    assert exc.value.code == "invalid_court_code"
    assert exc.value.field == "court_code"


def test_all_province_codes_accepted() -> None:
    assert len(PROVINCE_CODES) == 33
    for prov in PROVINCE_CODES:
        assert parse(f"（2020）{prov}01民初1号").court_code == f"{prov}01"


# --- error codes -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # pre-2016 `字第` form (e.g. domain-rules: （2016）粤05民终字第506号)
        ("（2014）海行民初字第5号", "malformed_case_number"),
        ("（2016）粤05民终字第506号", "malformed_case_number"),
        ("", "malformed_case_number"),
        ("2017京04民终367号", "malformed_case_number"),
        ("（2017）京04民终367", "malformed_case_number"),
        ("（2017）京04民终号", "malformed_case_number"),
        ("（2017）京04民终367号之一", "malformed_case_number"),
        ("（2017）京04民1终367号", "malformed_case_number"),
        ("（2017）京04民 终367号", "malformed_case_number"),
        ("（二〇一七）京04民终367号", "malformed_case_number"),
        ("〔2017〕京04民终367号", "malformed_case_number"),
        ("（2017）京04刑民367号", "unknown_type_code"),
        ("（2017）京04民事367号", "unknown_type_code"),
        ("（2017）京04海民终367号", "invalid_special_code"),
        ("（2017）港04民终367号", "invalid_court_code"),
        ("（2017）京004民终367号", "invalid_court_code"),
        ("（2017）民终367号", "invalid_court_code"),
        ("（2017）最高法01民终367号", "invalid_court_code"),
        ("（1948）京04民终367号", "invalid_year"),
        ("（2201）京04民终367号", "invalid_year"),
        ("（17）京04民终367号", "invalid_year"),
        ("（02017）京04民终367号", "invalid_year"),
        ("（2017）京04民终0号", "invalid_seq"),
        ("（2017）京04民终0367号", "invalid_seq"),
    ],
)
def test_parse_errors(text: str, code: str) -> None:
    with pytest.raises(CaseNumberError) as exc:
        parse(text)
    assert exc.value.code == code
    assert exc.value.field == "case_number"
    assert exc.value.message


def test_year_bounds_inclusive() -> None:
    assert parse(f"（{MIN_YEAR}）京民初1号").year == MIN_YEAR
    assert parse(f"（{MAX_YEAR}）京民初1号").year == MAX_YEAR


@pytest.mark.parametrize(
    ("kwargs", "code", "field"),
    [
        ({"type_code": "民新"}, "unknown_type_code", "type_code"),
        ({"court_code": "粤8"}, "invalid_court_code", "court_code"),
        ({"year": 1948}, "invalid_year", "year"),
        ({"seq": 0}, "invalid_seq", "seq"),
        ({"seq": -1}, "invalid_seq", "seq"),
        ({"special_code": "海"}, "invalid_special_code", "special_code"),
    ],
)
def test_render_errors(kwargs: dict[str, object], code: str, field: str) -> None:
    args: dict[str, object] = {
        "year": 2026,
        "court_code": "粤0802",
        "type_code": "民初",
        "seq": 1,
        "special_code": "",
    }
    args.update(kwargs)
    with pytest.raises(CaseNumberError) as exc:
        render(**args)  # type: ignore[arg-type]
    assert exc.value.code == code
    assert exc.value.field == field


@pytest.mark.parametrize(
    ("args", "code"),
    [
        ((2026, "粤0802", "知识", "民初", 1), "invalid_special_code"),
        ((2026, "粤0802", "1", "民初", 1), "invalid_special_code"),
        ((2026, "粤0802", "", "", 1), "unknown_type_code"),
        ((2026, "粤0802", "", "民初1", 1), "unknown_type_code"),
        ((2026, "粤0802", "", "民初", 0), "invalid_seq"),
        ((2026, "粤08020", "", "民初", 1), "invalid_court_code"),
        ((3000, "粤0802", "", "民初", 1), "invalid_year"),
    ],
)
def test_constructor_checks_structure(args: tuple[int, str, str, str, int], code: str) -> None:
    with pytest.raises(CaseNumberError) as exc:
        CaseNumber(*args)
    assert exc.value.code == code


def test_type_name() -> None:
    assert type_name("民初") == "民事一审"
    assert type_name("执") == "首次执行"
    with pytest.raises(CaseNumberError) as exc:
        type_name("民")
    assert exc.value.code == "unknown_type_code"


def test_case_numbers_order_by_year_court_type_seq() -> None:
    a = parse("（2025）粤0802民初9号")
    b = parse("（2026）粤0802民初1号")
    c = parse("（2026）粤0802民初2号")
    assert sorted([c, b, a]) == [a, b, c]


def test_error_is_a_rule_error() -> None:
    from yizhan.rules.errors import RuleError

    with pytest.raises(RuleError):
        parse("nonsense")


# --- property-based round trip ---------------------------------------------------------------

_provinces = st.sampled_from(sorted(PROVINCE_CODES))
_pair = st.integers(min_value=1, max_value=99).map(lambda n: f"{n:02d}")
court_codes = st.one_of(
    st.just("最高法"),
    _provinces,
    st.builds(lambda p, a: p + a, _provinces, _pair),
    st.builds(lambda p, a, b: p + a + b, _provinces, _pair, _pair),
)


@st.composite
def case_numbers(draw: st.DrawFn) -> CaseNumber:
    type_code = draw(st.sampled_from(ALL_CODES))
    max_seq = 99_999_999 if TYPE_CODES[type_code].random_number else 10**9
    return CaseNumber(
        year=draw(st.integers(min_value=MIN_YEAR, max_value=MAX_YEAR)),
        court_code=draw(court_codes),
        special_code=draw(st.sampled_from(["", *sorted(SPECIAL_CODES)])),
        type_code=type_code,
        seq=draw(st.integers(min_value=1, max_value=max_seq)),
    )


@given(case_numbers())
def test_parse_render_round_trip(cn: CaseNumber) -> None:
    text = cn.render()
    assert parse(text) == cn
    assert render(cn.year, cn.court_code, cn.type_code, cn.seq, cn.special_code) == text
    assert parse(text.replace("（", "(").replace("）", ")")) == cn
