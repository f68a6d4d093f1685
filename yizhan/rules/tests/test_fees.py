"""Tests of the court fee engine (诉讼费用交纳办法, "FEE"), docs/domain-rules.md §2."""

from __future__ import annotations

import decimal
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from yizhan.rules.errors import RuleError
from yizhan.rules.fees import (
    DEFAULT_SETTINGS,
    HALVABLE_KINDS,
    Closing,
    FeeError,
    FeeKind,
    FeeQuote,
    FeeSettings,
    Procedure,
    execution_fee,
    preservation_fee,
    property_fee,
    quote,
)

D = Decimal
CENT = D("0.01")


def rounded(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=decimal.ROUND_HALF_UP)


# --- §2.6 worked examples ----------------------------------------------------------------------

WORKED_EXAMPLES = [
    # (id, kind, amount, procedure, closing, fee)
    ("property_5000_flat_50_fee_art_13_1", "property", "5000", "ordinary", "judgment", "50.00"),
    ("property_50000_fee_art_13_1", "property", "50000", "ordinary", "judgment", "1050.00"),
    ("property_100000_fee_art_13_1", "property", "100000", "ordinary", "judgment", "2300.00"),
    (
        "property_100000_simple_halved_fee_art_16",
        "property",
        "100000",
        "simple",
        "judgment",
        "1150.00",
    ),
    ("property_300000_fee_art_13_1", "property", "300000", "ordinary", "judgment", "5800.00"),
    ("property_1000000_fee_art_13_1", "property", "1000000", "ordinary", "judgment", "13800.00"),
    (
        "property_1000000_mediated_halved_fee_art_15",
        "property",
        "1000000",
        "ordinary",
        "mediation",
        "6900.00",
    ),
    (
        "property_1000000_simple_and_mediated_halved_once_cpli_206",
        "property",
        "1000000",
        "simple",
        "mediation",
        "6900.00",
    ),
    ("property_10000000_fee_art_13_1", "property", "10000000", "ordinary", "judgment", "81800.00"),
    ("property_50000000_fee_art_13_1", "property", "50000000", "ordinary", "judgment", "291800.00"),
    # Appeal against 300,000 of a judgment: the schedule is applied to the appealed part (Art 17).
    ("appeal_on_300000_part_fee_art_17", "property", "300000", "ordinary", "judgment", "5800.00"),
    (
        "payment_order_100000_one_third_fee_art_14_3",
        "payment_order",
        "100000",
        "ordinary",
        "judgment",
        "766.67",
    ),
    ("execution_500000_fee_art_14_1", "execution", "500000", "ordinary", "judgment", "7400.00"),
    ("execution_5000000_fee_art_14_1", "execution", "5000000", "ordinary", "judgment", "52400.00"),
    (
        "execution_20000000_fee_art_14_1",
        "execution",
        "20000000",
        "ordinary",
        "judgment",
        "87400.00",
    ),
    (
        "preservation_100000_fee_art_14_2",
        "preservation",
        "100000",
        "ordinary",
        "judgment",
        "1020.00",
    ),
    (
        "preservation_800000_fee_art_14_2",
        "preservation",
        "800000",
        "ordinary",
        "judgment",
        "4520.00",
    ),
    (
        "preservation_1000000_capped_fee_art_14_2",
        "preservation",
        "1000000",
        "ordinary",
        "judgment",
        "5000.00",
    ),
    (
        "bankruptcy_100m_halved_fee_art_14_6",
        "bankruptcy",
        "100000000",
        "ordinary",
        "judgment",
        "270900.00",
    ),
    (
        "bankruptcy_200m_capped_fee_art_14_6",
        "bankruptcy",
        "200000000",
        "ordinary",
        "judgment",
        "300000.00",
    ),
    (
        "divorce_guangdong_property_500000_fee_art_13_2",
        "divorce",
        "500000",
        "ordinary",
        "judgment",
        "1800.00",
    ),
    (
        "personality_guangdong_damages_200000_fee_art_13_2",
        "personality",
        "200000",
        "ordinary",
        "judgment",
        "1500.00",
    ),
    ("labour_flat_fee_art_13_4", "labour", None, "ordinary", "judgment", "10.00"),
    ("labour_simple_halved_fee_art_16", "labour", None, "simple", "judgment", "5.00"),
]


@pytest.mark.parametrize(
    ("kind", "amount", "procedure", "closing", "expected"),
    [pytest.param(*row[1:], id=row[0]) for row in WORKED_EXAMPLES],
)
def test_worked_example_table_section_2_6(
    kind: str, amount: str | None, procedure: str, closing: str, expected: str
) -> None:
    result = quote(kind, amount, procedure=procedure, closing=closing)
    assert result.fee == D(expected)
    assert result.fee.as_tuple().exponent == -2  # quantized to the fen


# --- FEE Art 13(1) and Art 14 band boundaries --------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "exact", "fee"),
    [
        ("0", "50", "50.00"),
        ("0.01", "50", "50.00"),
        ("10000", "50", "50.00"),
        ("10000.01", "50.00025", "50.00"),
        ("10001", "50.025", "50.03"),
        ("100000", "2300", "2300.00"),
        ("200000", "4300", "4300.00"),
        ("500000", "8800", "8800.00"),
        ("1000000", "13800", "13800.00"),
        ("2000000", "22800", "22800.00"),
        ("5000000", "46800", "46800.00"),
        ("10000000", "81800", "81800.00"),
        ("20000000", "141800", "141800.00"),
        ("20000001", "141800.005", "141800.01"),
    ],
)
def test_property_fee_band_boundaries_fee_art_13_1(amount: str, exact: str, fee: str) -> None:
    assert property_fee(amount) == D(exact)
    assert quote(FeeKind.PROPERTY, amount).fee == D(fee)


@pytest.mark.parametrize("amount", [50_000, 150_000, 300_000, 700_000, 1_500_000, 3_000_000])
def test_property_fee_matches_closed_forms_fee_art_13_1(amount: int) -> None:
    # Closed forms from docs/domain-rules.md §2.2 (independently derived).
    x = D(amount)
    closed = {
        50_000: x * D("0.025") - 200,
        150_000: x * D("0.02") + 300,
        300_000: x * D("0.015") + 1300,
        700_000: x * D("0.01") + 3800,
        1_500_000: x * D("0.009") + 4800,
        3_000_000: x * D("0.008") + 6800,
    }[amount]
    assert property_fee(amount) == closed


@pytest.mark.parametrize(
    ("amount", "exact"),
    [
        ("0", "50"),
        ("10000", "50"),
        ("10001", "50.015"),
        ("500000", "7400"),
        ("5000000", "52400"),
        ("10000000", "77400"),
        ("20000000", "87400"),
        ("30000000", "97400"),  # 0.001x + 67,400
    ],
)
def test_execution_fee_band_boundaries_fee_art_14_1(amount: str, exact: str) -> None:
    assert execution_fee(amount) == D(exact)
    assert quote("execution", amount).fee == rounded(D(exact))


@pytest.mark.parametrize(
    ("amount", "exact"),
    [
        (None, "30"),
        ("0", "30"),
        ("1000", "30"),
        ("1001", "30.01"),
        ("100000", "1020"),
        ("800000", "4520"),
        ("895999", "4999.995"),
        ("896000", "5000"),  # cap reached exactly here: 0.005x + 520 = 5000
        ("896001", "5000"),
        ("10000000000000", "5000"),
    ],
)
def test_preservation_fee_bands_and_cap_at_896000_fee_art_14_2(
    amount: str | None, exact: str
) -> None:
    assert preservation_fee(amount) == D(exact)
    assert quote("preservation", amount).fee == rounded(D(exact))


def test_preservation_fee_with_custom_cap_fee_art_14_2() -> None:
    assert preservation_fee("1000000", cap=3000) == D(3000)
    custom = FeeSettings.from_mapping({"preservation_cap": "3000"})
    assert quote("preservation", "1000000", settings=custom).fee == D("3000.00")


def test_execution_without_amount_uses_setting_fee_art_14_1() -> None:
    assert quote("execution").fee == D("50.00")
    custom = FeeSettings.from_mapping({"execution_without_amount": "500"})
    assert quote("execution", settings=custom).fee == D("500.00")


def test_payment_order_is_one_third_of_property_fee_rounded_at_end_fee_art_14_3() -> None:
    result = quote("payment_order", "100000")
    assert result.fee == D("766.67")
    assert result.full_fee == D("766.67")
    assert not result.halved
    assert quote("payment_order", "10000").fee == D("16.67")  # 50 / 3


def test_bankruptcy_fee_is_half_of_property_fee_capped_fee_art_14_6() -> None:
    assert quote("bankruptcy", "1000000").fee == D("6900.00")
    # 0.005x + 41,800 halved reaches 300,000 at x = 111,640,000.
    assert quote("bankruptcy", "111640000").fee == D("300000.00")
    assert quote("bankruptcy", "111639000").fee == D("299997.50")  # (558,195 + 41,800) / 2
    custom = FeeSettings.from_mapping({"bankruptcy_cap": "100000"})
    assert quote("bankruptcy", "100000000", settings=custom).fee == D("100000.00")


# --- FEE Art 13(2)–(6): non-property and special cases -----------------------------------------


@pytest.mark.parametrize(
    ("amount", "fee"),
    [
        (None, "300.00"),
        ("0", "300.00"),
        ("200000", "300.00"),  # property ≤ 200,000: nothing extra
        ("200001", "300.01"),  # 300.005 → 300.01
        ("500000", "1800.00"),
    ],
)
def test_divorce_fee_base_plus_half_percent_above_200000_fee_art_13_2(
    amount: str | None, fee: str
) -> None:
    assert quote("divorce", amount).fee == D(fee)


@pytest.mark.parametrize(
    ("amount", "fee"),
    [
        (None, "500.00"),
        ("50000", "500.00"),  # ≤ 50,000: nothing extra
        ("60000", "600.00"),  # 1 % on 50k–100k
        ("100000", "1000.00"),
        ("200000", "1500.00"),  # + 0.5 % above 100k
    ],
)
def test_personality_fee_bands_fee_art_13_2(amount: str | None, fee: str) -> None:
    assert quote("personality", amount).fee == D(fee)


@pytest.mark.parametrize(
    ("amount", "fee"),
    [(None, "1000.00"), ("0", "1000.00"), ("100000", "2300.00"), ("5000", "50.00")],
)
def test_ip_fee_flat_without_amount_else_property_schedule_fee_art_13_3(
    amount: str | None, fee: str
) -> None:
    assert quote("ip", amount).fee == D(fee)


@pytest.mark.parametrize(
    ("kind", "fee", "article"),
    [
        (FeeKind.NON_PROPERTY, "100.00", "第十三条第（二）项第3目"),
        (FeeKind.LABOUR, "10.00", "第十三条第（四）项"),
        (FeeKind.ADMINISTRATIVE_SPECIAL, "100.00", "第十三条第（五）项第1目"),
        (FeeKind.ADMINISTRATIVE, "50.00", "第十三条第（五）项第2目"),
        (FeeKind.JURISDICTION_OBJECTION, "100.00", "第十三条第（六）项"),
        (FeeKind.PUBLIC_SUMMONS, "100.00", "第十四条第（四）项"),
        (FeeKind.ARBITRATION_REVIEW, "400.00", "第十四条第（五）项"),
    ],
)
def test_flat_fee_per_case_ignores_amount_fee_arts_13_14(
    kind: FeeKind, fee: str, article: str
) -> None:
    without = quote(kind)
    with_amount = quote(kind, "123456.78")
    assert without.fee == with_amount.fee == without.full_fee == D(fee)
    assert any(article in line for line in without.basis)


@pytest.mark.parametrize(
    "kind",
    [
        FeeKind.NON_PROPERTY,
        FeeKind.LABOUR,
        FeeKind.ADMINISTRATIVE,
        FeeKind.ADMINISTRATIVE_SPECIAL,
        FeeKind.JURISDICTION_OBJECTION,
        FeeKind.PUBLIC_SUMMONS,
        FeeKind.ARBITRATION_REVIEW,
    ],
)
def test_flat_fee_still_rejects_bad_amount(kind: FeeKind) -> None:
    with pytest.raises(FeeError) as excinfo:
        quote(kind, "-1")
    assert excinfo.value.code == "negative_amount"


# --- Halving: FEE Arts 15–16, once only (CPLI Art 206) ----------------------------------------


@pytest.mark.parametrize(
    ("procedure", "closing"),
    [
        (Procedure.SIMPLE, Closing.JUDGMENT),
        (Procedure.SMALL_CLAIMS, Closing.JUDGMENT),
        (Procedure.ORDINARY, Closing.MEDIATION),
        (Procedure.ORDINARY, Closing.WITHDRAWAL),
        (Procedure.SIMPLE, Closing.MEDIATION),
        (Procedure.SMALL_CLAIMS, Closing.WITHDRAWAL),
    ],
)
def test_acceptance_fee_is_halved_once_fee_arts_15_16_cpli_206(
    procedure: Procedure, closing: Closing
) -> None:
    result = quote(FeeKind.PROPERTY, "100000", procedure=procedure, closing=closing)
    assert result.full_fee == D("2300.00")
    assert result.fee == D("1150.00")  # never 575 (a quarter)
    assert result.halved


def test_simple_procedure_fee_is_halved_once_even_when_mediated_cites_cpli_206() -> None:
    result = quote("property", "100000", procedure="simple", closing="mediation")
    assert result.fee == D("1150.00")
    assert any("第十五条" in line for line in result.basis)
    assert any("第十六条" in line for line in result.basis)
    assert any("第二百零六条" in line for line in result.basis)


def test_ordinary_judgment_is_not_halved() -> None:
    result = quote("property", "100000")
    assert not result.halved
    assert result.fee == result.full_fee == D("2300.00")
    assert not any("减半" in line for line in result.basis)


@pytest.mark.parametrize("kind", sorted(HALVABLE_KINDS))
def test_every_litigation_acceptance_fee_is_halved_in_simple_procedure_fee_art_16(
    kind: FeeKind,
) -> None:
    amount = "300000" if kind is FeeKind.PROPERTY else None
    result = quote(kind, amount, procedure="simple")
    assert result.halved
    assert result.fee == rounded(result.full_fee / 2)


@pytest.mark.parametrize(
    ("kind", "amount"),
    [
        (FeeKind.EXECUTION, "500000"),
        (FeeKind.PRESERVATION, "100000"),
        (FeeKind.PAYMENT_ORDER, "100000"),
        (FeeKind.PUBLIC_SUMMONS, None),
        (FeeKind.ARBITRATION_REVIEW, None),
        (FeeKind.BANKRUPTCY, "100000000"),
        # Interpretation: the fee for a failed jurisdiction objection (FEE Art 13(6)) is not an
        # acceptance fee of the case, so Arts 15–16 do not halve it.
        (FeeKind.JURISDICTION_OBJECTION, None),
    ],
)
def test_application_fees_are_not_halved_fee_art_14(kind: FeeKind, amount: str | None) -> None:
    full = quote(kind, amount)
    result = quote(kind, amount, procedure="simple", closing="mediation")
    assert not result.halved
    assert result.fee == result.full_fee == full.fee
    assert any("不予减半" in line for line in result.basis)


def test_halving_rounds_once_at_the_end() -> None:
    # 10,001 → exact 50.025; halved exact 25.0125 → 25.01 (one rounding), although the
    # separately rounded full fee is 50.03.
    result = quote("property", "10001", procedure="simple")
    assert result.full_fee == D("50.03")
    assert result.fee == D("25.01")


# --- Basis text ---------------------------------------------------------------------------------


def test_property_basis_names_article_and_one_line_per_band() -> None:
    result = quote("property", "150000")
    assert (
        result.basis[0] == "《诉讼费用交纳办法》第十三条第（一）项：财产案件按争议金额分段累计交纳"
    )
    assert "10,000 至 100,000 元部分 × 2.5% = 2,250.00 元" in result.basis
    assert "100,000 至 150,000 元部分 × 2% = 1,000.00 元" in result.basis


def test_as_dict_uses_strings_for_money() -> None:
    result = quote("property", "100000", procedure="simple")
    data = result.as_dict()
    assert data["fee"] == "1150.00"
    assert data["full_fee"] == "2300.00"
    assert data["halved"] is True
    assert data["basis"] == list(result.basis)
    assert isinstance(result, FeeQuote)


# --- Input handling and error codes -------------------------------------------------------------


@pytest.mark.parametrize(
    "amount", ["100000", "100000.00", " 100000 ", 100000, D("100000"), D("1E+5"), "100000.0"]
)
def test_amount_accepts_str_int_and_decimal(amount: object) -> None:
    assert quote("property", amount).fee == D("2300.00")  # type: ignore[arg-type]


def test_enums_accept_members_and_api_strings() -> None:
    assert quote(FeeKind.LABOUR, procedure=Procedure.SIMPLE, closing=Closing.JUDGMENT).fee == D(
        "5.00"
    )
    assert quote("labour", procedure="small_claims", closing="withdrawal").fee == D("5.00")
    assert quote("labour", procedure=None, closing="").fee == D("10.00")  # defaults


@pytest.mark.parametrize(
    "amount",
    [
        100000.0,  # float: not money
        True,
        "abc",
        "1,000",
        "1e5",
        "NaN",
        "Infinity",
        D("NaN"),
        D("Infinity"),
        D("-Infinity"),
        "100.001",  # more than 2 decimals
        D("0.001"),
        [100],
    ],
)
def test_invalid_amount_is_rejected(amount: object) -> None:
    with pytest.raises(FeeError) as excinfo:
        quote("property", amount)  # type: ignore[arg-type]
    assert excinfo.value.code == "invalid_amount"
    assert excinfo.value.field == "amount"


@pytest.mark.parametrize("amount", ["-1", -1, D("-0.01")])
def test_negative_amount_is_rejected(amount: object) -> None:
    with pytest.raises(FeeError) as excinfo:
        quote("execution", amount)  # type: ignore[arg-type]
    assert excinfo.value.code == "negative_amount"
    assert excinfo.value.field == "amount"


@pytest.mark.parametrize("kind", ["property", "payment_order", "bankruptcy"])
@pytest.mark.parametrize("amount", [None, "", "  "])
def test_amount_required_for_property_payment_order_bankruptcy(
    kind: str, amount: str | None
) -> None:
    with pytest.raises(FeeError) as excinfo:
        quote(kind, amount)
    assert excinfo.value.code == "amount_required"
    assert excinfo.value.field == "amount"


def test_amount_required_for_schedule_functions() -> None:
    with pytest.raises(FeeError) as excinfo:
        property_fee(None)  # type: ignore[arg-type]
    assert excinfo.value.code == "amount_required"


def test_amount_too_large_is_rejected() -> None:
    assert quote("property", "10000000000000").fee == D("50000041800.00")  # 10^13 itself is fine
    with pytest.raises(FeeError) as excinfo:
        quote("property", "10000000000000.01")
    assert excinfo.value.code == "amount_too_large"
    assert excinfo.value.field == "amount"


@pytest.mark.parametrize(
    ("kwargs", "code", "field"),
    [
        ({"kind": "tax"}, "unknown_kind", "kind"),
        ({"kind": ""}, "unknown_kind", "kind"),
        ({"kind": None}, "unknown_kind", "kind"),
        ({"kind": 3}, "unknown_kind", "kind"),
        ({"kind": "labour", "procedure": "summary"}, "unknown_procedure", "procedure"),
        ({"kind": "labour", "closing": "settled"}, "unknown_closing", "closing"),
    ],
)
def test_unknown_kind_procedure_closing_are_rejected(
    kwargs: dict[str, object], code: str, field: str
) -> None:
    with pytest.raises(FeeError) as excinfo:
        quote(**kwargs)  # type: ignore[arg-type]
    assert excinfo.value.code == code
    assert excinfo.value.field == field
    assert isinstance(excinfo.value, RuleError)
    assert excinfo.value.message  # Chinese text for the user


# --- Settings -----------------------------------------------------------------------------------


def test_settings_override_divorce_base() -> None:
    custom = FeeSettings.from_mapping({"divorce_base": "200"})
    assert custom.divorce_base == D("200")
    assert quote("divorce", settings=custom).fee == D("200.00")
    assert quote("divorce", "500000", settings=custom).fee == D("1700.00")
    assert quote("divorce").fee == D("300.00")  # defaults untouched


def test_settings_from_mapping_converts_values_and_keeps_defaults() -> None:
    custom = FeeSettings.from_mapping(
        {"non_property": 50, "ip_without_amount": D("500"), "rounding": decimal.ROUND_HALF_EVEN}
    )
    assert custom.non_property == D(50)
    assert isinstance(custom.non_property, Decimal)
    assert custom.ip_without_amount == D(500)
    assert custom.labour == DEFAULT_SETTINGS.labour
    assert FeeSettings.from_mapping({}) == DEFAULT_SETTINGS


def test_rounding_mode_is_a_setting() -> None:
    # 10,001 → exact 50.025: HALF_UP 50.03, HALF_EVEN 50.02, DOWN 50.02.
    assert quote("property", "10001").fee == D("50.03")
    even = FeeSettings.from_mapping({"rounding": decimal.ROUND_HALF_EVEN})
    assert quote("property", "10001", settings=even).fee == D("50.02")
    down = FeeSettings.from_mapping({"rounding": decimal.ROUND_DOWN})
    assert quote("payment_order", "100000", settings=down).fee == D("766.66")


@pytest.mark.parametrize(
    "mapping",
    [
        {"divorce_bse": "200"},  # typo: unknown key
        {"divorce_base": "abc"},
        {"divorce_base": "-1"},
        {"divorce_base": "1000"},  # outside the national range 50–300 (FEE Art 13 last ¶)
        {"execution_without_amount": "600"},  # outside 50–500 (FEE Art 14(1)1)
        {"labour": True},
        {"rounding": "ROUND_SOMETIMES"},
        {"rounding": 2},
        {"quantum": "0"},
    ],
)
def test_bad_settings_raise_value_error(mapping: dict[str, object]) -> None:
    with pytest.raises(ValueError):  # configuration errors are plain ValueError
        FeeSettings.from_mapping(mapping)


def test_engine_ignores_callers_decimal_context() -> None:
    expected = D("12345678.91") * D("0.006") + 21800  # computed in the default context
    with decimal.localcontext() as ctx:
        ctx.prec = 3
        assert quote("property", "50000000").fee == D("291800.00")
        assert property_fee("12345678.91") == expected
        assert execution_fee("20000000") == D(87400)
        assert preservation_fee("800000") == D(4520)


# --- Properties (Hypothesis) ------------------------------------------------------------------

AMOUNTS = st.decimals(min_value=0, max_value=D(10) ** 13, places=2, allow_nan=False)
AMOUNT_PAIRS = st.tuples(AMOUNTS, AMOUNTS).map(sorted)


@settings(max_examples=200, deadline=None)
@given(
    pair=AMOUNT_PAIRS, kind=st.sampled_from(["property", "execution", "preservation", "bankruptcy"])
)
def test_fee_is_monotone_non_decreasing_in_amount(pair: list[Decimal], kind: str) -> None:
    low, high = pair
    assert quote(kind, low).fee <= quote(kind, high).fee


@settings(max_examples=200, deadline=None)
@given(pair=AMOUNT_PAIRS)
def test_schedule_functions_are_monotone(pair: list[Decimal]) -> None:
    low, high = pair
    assert property_fee(low) <= property_fee(high)
    assert execution_fee(low) <= execution_fee(high)
    assert preservation_fee(low) <= preservation_fee(high) <= D(5000)


@settings(max_examples=200, deadline=None)
@given(
    amount=AMOUNTS,
    procedure=st.sampled_from([Procedure.SIMPLE, Procedure.SMALL_CLAIMS, Procedure.ORDINARY]),
    closing=st.sampled_from([Closing.MEDIATION, Closing.WITHDRAWAL, Closing.JUDGMENT]),
)
def test_halved_fee_is_full_fee_over_two_rounded_once(
    amount: Decimal, procedure: Procedure, closing: Closing
) -> None:
    result = quote("property", amount, procedure=procedure, closing=closing)
    should_halve = procedure is not Procedure.ORDINARY or closing is not Closing.JUDGMENT
    assert result.halved is should_halve
    exact = property_fee(amount)
    assert result.full_fee == rounded(exact)
    if should_halve:
        # Halved once (never a quarter), the exact fee halved and rounded at the end; so it is
        # within half a fen of the rounded full fee's half.
        assert result.fee == rounded(exact / 2)
        assert abs(result.fee - result.full_fee / 2) <= D("0.005")
    else:
        assert result.fee == result.full_fee


@settings(max_examples=200, deadline=None)
@given(
    kind=st.sampled_from(list(FeeKind)),
    amount=AMOUNTS,
    procedure=st.sampled_from(list(Procedure)),
    closing=st.sampled_from(list(Closing)),
)
def test_fee_is_non_negative_and_quantized(
    kind: FeeKind, amount: Decimal, procedure: Procedure, closing: Closing
) -> None:
    result = quote(kind, amount, procedure=procedure, closing=closing)
    assert result.fee >= 0
    assert result.fee <= result.full_fee
    assert result.fee == result.fee.quantize(CENT)
    assert result.basis
