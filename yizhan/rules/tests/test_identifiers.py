"""Tests for yizhan.rules.identifiers (GB 11643-1999, GB 32100-2015, mobile numbers)."""

from __future__ import annotations

import contextlib
from datetime import date

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from yizhan.rules.errors import RuleError
from yizhan.rules.identifiers import (
    IdentifierError,
    ResidentId,
    credit_code_check_char,
    is_valid_credit_code,
    is_valid_resident_id,
    mask_mobile,
    mask_resident_id,
    parse_credit_code,
    parse_mobile,
    parse_resident_id,
    resident_id_check_char,
)

TODAY = date(2026, 5, 1)

# --- independent reference implementations (written from the standards, not the module) ---


def ref_id_check(body: str) -> str:
    """GB 11643-1999 / ISO 7064 MOD 11-2, computed the 'pure' way: weight_i = 2^(17-i) mod 11."""
    total = sum(int(d) * pow(2, 17 - i, 11) for i, d in enumerate(body))
    value = (12 - total % 11) % 11  # the check value c satisfies (total + c) ≡ 1 (mod 11)
    return "X" if value == 10 else str(value)


CREDIT_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def ref_credit_check(body: str) -> str:
    """GB 32100-2015: weight_i = 3^i mod 31; check = 31 - (sum mod 31), 31 → 0."""
    total = sum(CREDIT_CHARS.index(c) * pow(3, i, 31) for i, c in enumerate(body))
    check = 31 - total % 31
    return CREDIT_CHARS[0 if check == 31 else check]


def make_id(region: str = "440802", birth: str = "19900101", seq: str = "123") -> str:
    body = region + birth + seq
    return body + ref_id_check(body)


# --- resident IDs ----------------------------------------------------------------------------


def test_reference_implementation_matches_published_examples() -> None:
    assert ref_id_check("11010519491231002") == "X"
    assert ref_id_check("44052418800101001") == "4"


def test_published_example_with_x() -> None:
    rid = parse_resident_id("11010519491231002X", today=TODAY)
    assert rid == ResidentId(
        number="11010519491231002X",
        region_code="110105",
        birth_date=date(1949, 12, 31),
        sex="F",
    )


def test_lowercase_x_is_normalized() -> None:
    rid = parse_resident_id(" 11010519491231002x ", today=TODAY)
    assert rid.number == "11010519491231002X"
    assert is_valid_resident_id("11010519491231002x")


def test_gb11643_annex_example_has_valid_checksum_but_birth_before_1900() -> None:
    # GB 11643-1999's annex example (born 1880-01-01): the checksum is right, but this
    # module refuses birth dates before 1900-01-01.
    assert resident_id_check_char("44052418800101001") == "4"
    with pytest.raises(IdentifierError) as exc:
        parse_resident_id("440524188001010014", today=TODAY)
    assert exc.value.code == "invalid_id_birth_date"


def test_sex_from_sequence_code() -> None:
    assert parse_resident_id(make_id(seq="123"), today=TODAY).sex == "M"
    assert parse_resident_id(make_id(seq="124"), today=TODAY).sex == "F"


def test_decomposition() -> None:
    number = make_id("440802", "20000229", "017")
    rid = parse_resident_id(number, today=TODAY)
    assert rid.number == number
    assert rid.region_code == "440802"
    assert rid.birth_date == date(2000, 2, 29)
    assert rid.sex == "M"


def test_birth_date_bounds() -> None:
    assert parse_resident_id(make_id(birth="19000101"), today=TODAY).birth_date == date(1900, 1, 1)
    assert parse_resident_id(make_id(birth="20260501"), today=TODAY).birth_date == TODAY
    # default today = the real current date: a 1990 birth date is always in the past
    assert is_valid_resident_id(make_id(birth="19900101"))


@pytest.mark.parametrize(
    "birth",
    [
        "19900230",
        "19900231",
        "19901301",
        "19900001",
        "19900100",
        "19000229",
        "20260502",
        "18991231",
    ],
)
def test_bad_birth_dates(birth: str) -> None:
    with pytest.raises(IdentifierError) as exc:
        parse_resident_id(make_id(birth=birth), today=TODAY)
    assert exc.value.code == "invalid_id_birth_date"
    assert exc.value.field == "id_number"


def test_foreigner_permanent_residence_region_accepted() -> None:
    assert parse_resident_id(make_id(region="933156"), today=TODAY).region_code == "933156"


def test_region_starting_with_zero_rejected() -> None:
    with pytest.raises(IdentifierError) as exc:
        parse_resident_id(make_id(region="040802"), today=TODAY)
    assert exc.value.code == "invalid_id_region"


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("", "invalid_id_length"),
        ("44080219900101123", "invalid_id_length"),
        ("4408021990010112345", "invalid_id_length"),
        ("440802900101123", "invalid_id_length"),  # 1st-generation 15-digit number
        ("4408021990010112X4", "invalid_id_chars"),
        ("44080219900101123Y", "invalid_id_chars"),
        ("44080219900101 234", "invalid_id_chars"),
        ("４４０８０２１９９００１０１１２３４", "invalid_id_chars"),
        ("11010519491231002Y", "invalid_id_chars"),
        ("110105194912310021", "invalid_id_checksum"),
        ("110105194912310020", "invalid_id_checksum"),
    ],
)
def test_resident_id_errors(value: str, code: str) -> None:
    with pytest.raises(IdentifierError) as exc:
        parse_resident_id(value, today=TODAY)
    assert exc.value.code == code
    assert exc.value.field == "id_number"
    assert exc.value.message
    assert isinstance(exc.value, RuleError)
    assert not is_valid_resident_id(value, today=TODAY)


def test_is_valid_resident_id_non_strings() -> None:
    assert not is_valid_resident_id(None)
    assert not is_valid_resident_id(11010519491231002)


_id_bodies = st.builds(
    lambda region, birth, seq: f"{region}{birth:%Y%m%d}{seq:03d}",
    st.integers(min_value=100000, max_value=999999).map(str),
    st.dates(min_value=date(1900, 1, 1), max_value=TODAY),
    st.integers(min_value=0, max_value=999),
)


@given(_id_bodies)
def test_any_valid_body_with_computed_check_validates(body: str) -> None:
    number = body + ref_id_check(body)
    assert resident_id_check_char(body) == number[-1]
    rid = parse_resident_id(number, today=TODAY)
    assert rid.number == number
    assert rid.sex == ("M" if int(body[16]) % 2 else "F")


@given(_id_bodies, st.integers(min_value=0, max_value=17), st.integers(min_value=1, max_value=9))
def test_changing_any_one_digit_breaks_validity(body: str, pos: int, delta: int) -> None:
    number = body + ref_id_check(body)
    if pos == 17:
        current = 10 if number[17] == "X" else int(number[17])
        new = (current + delta) % 11
        new_char = "X" if new == 10 else str(new)
    else:
        new_char = str((int(number[pos]) + delta) % 10)
    changed = number[:pos] + new_char + number[pos + 1 :]
    assert changed != number
    # MOD 11-2 detects every single-character substitution.
    assert ref_id_check(changed[:17]) != changed[17]
    assert not is_valid_resident_id(changed, today=TODAY)


@given(st.text(max_size=25))
def test_resident_id_never_raises_anything_else(value: str) -> None:
    with contextlib.suppress(IdentifierError):
        parse_resident_id(value, today=TODAY)


def test_mask_resident_id() -> None:
    assert mask_resident_id("44080219900101123x") == "440802********123X"
    assert mask_resident_id("11010519491231002X") == "110105********002X"
    assert mask_resident_id("12345") == "*****"


# --- unified social credit codes ---------------------------------------------------------------


@pytest.mark.parametrize("code", ["91350100M000100Y43", "91110108551385082Q"])
def test_known_valid_credit_codes(code: str) -> None:
    assert ref_credit_check(code[:17]) == code[17]
    assert credit_code_check_char(code[:17]) == code[17]
    assert parse_credit_code(code) == code
    assert parse_credit_code(f" {code.lower()} ") == code
    assert is_valid_credit_code(code)


def test_check_value_31_is_written_0() -> None:
    # Find a body whose weighted sum is ≡ 0 (mod 31): "0"*17 is the trivial one.
    assert credit_code_check_char("0" * 17) == "0"
    assert parse_credit_code("0" * 18) == "0" * 18


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("", "invalid_credit_code_length"),
        ("91350100M000100Y4", "invalid_credit_code_length"),
        ("91350100M000100Y433", "invalid_credit_code_length"),
        ("91350100M000100Y44", "invalid_credit_code_checksum"),
        ("91350100M000101Y43", "invalid_credit_code_checksum"),
        ("91110108551385082A", "invalid_credit_code_checksum"),
        ("91350100I000100Y43", "invalid_credit_code_chars"),
        ("91350100O000100Y43", "invalid_credit_code_chars"),
        ("91350100Z000100Y43", "invalid_credit_code_chars"),
        ("91350100S000100Y43", "invalid_credit_code_chars"),
        ("91350100V000100Y43", "invalid_credit_code_chars"),
        ("91350100-000100Y43", "invalid_credit_code_chars"),
    ],
)
def test_credit_code_errors(value: str, code: str) -> None:
    with pytest.raises(IdentifierError) as exc:
        parse_credit_code(value)
    assert exc.value.code == code
    assert exc.value.field == "credit_code"
    assert not is_valid_credit_code(value)


def test_is_valid_credit_code_non_strings() -> None:
    assert not is_valid_credit_code(None)
    assert not is_valid_credit_code(91350100)


_credit_bodies = st.text(alphabet=CREDIT_CHARS, min_size=17, max_size=17)


@given(_credit_bodies)
def test_any_credit_body_with_computed_check_validates(body: str) -> None:
    code = body + ref_credit_check(body)
    assert parse_credit_code(code) == code


@given(_credit_bodies, st.integers(min_value=0, max_value=17), st.sampled_from(CREDIT_CHARS))
def test_changing_one_credit_char_breaks_validity(body: str, pos: int, char: str) -> None:
    code = body + ref_credit_check(body)
    assume(code[pos] != char)
    changed = code[:pos] + char + code[pos + 1 :]
    # Weights are non-zero mod the prime 31, so every single substitution is detected.
    assert not is_valid_credit_code(changed)


# --- mobile numbers ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "13800138000",
        "+86 138-0013-8000",
        "+8613800138000",
        "8613800138000",
        "86 138 0013 8000",
        " 138 0013 8000 ",
        "138-0013-8000",
    ],
)
def test_valid_mobiles(value: str) -> None:
    assert parse_mobile(value) == "13800138000"


@pytest.mark.parametrize(
    "value",
    [
        "12800138000",
        "1380013800",
        "138001380000",
        "",
        "+86",
        "+8612800138000",
        "23800138000",
        "1380013800a",
        "+1 13800138000",
        "０１３８００１３８０００",
        "861380013800",
    ],
)
def test_invalid_mobiles(value: str) -> None:
    with pytest.raises(IdentifierError) as exc:
        parse_mobile(value)
    assert exc.value.code == "invalid_mobile"
    assert exc.value.field == "mobile"


@pytest.mark.parametrize("prefix", [str(n) for n in range(13, 20)])
def test_mobile_prefixes_13_to_19(prefix: str) -> None:
    assert parse_mobile(prefix + "012345678") == prefix + "012345678"


def test_mask_mobile() -> None:
    assert mask_mobile("13812345678") == "138****5678"
    assert mask_mobile("+86 138-1234-5678") == "138****5678"
    assert mask_mobile("123") == "***"
