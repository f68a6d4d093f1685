"""Identifier checks: resident ID numbers, unified social credit codes, mobile numbers.

* 公民身份号码 – GB 11643-1999: 6-digit address code + 8-digit birth date + 3-digit sequence
  code (odd = male, even = female) + 1 check character (ISO 7064 MOD 11-2).
* 统一社会信用代码 – GB 32100-2015: 18 characters from a 31-character set (no I O Z S V),
  check character by weighted MOD 31.
* Mainland mobile numbers – 11 digits starting 13–19.

Pure Python: no Django, no project imports except :mod:`yizhan.rules.errors`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Literal

from yizhan.rules.errors import RuleError

__all__ = [
    "CREDIT_CODE_CHARSET",
    "IdentifierError",
    "ResidentId",
    "credit_code_check_char",
    "is_valid_credit_code",
    "is_valid_resident_id",
    "mask_mobile",
    "mask_resident_id",
    "parse_credit_code",
    "parse_mobile",
    "parse_resident_id",
    "resident_id_check_char",
]


class IdentifierError(RuleError):
    """An identifier (ID number, credit code, mobile number) is not valid."""


# ---------------------------------------------------------------------------------------------
# 公民身份号码 (GB 11643-1999)
# ---------------------------------------------------------------------------------------------

_ID_FIELD = "id_number"
_ID_LENGTH = 18
# GB 11643-1999 §7 / ISO 7064 MOD 11-2: weight of position i is 2^(18-i) mod 11.
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
# GB 11643-1999: check character indexed by (weighted sum mod 11); 10 is written X.
_ID_CHECK_CHARS = "10X98765432"
_ID_RE = re.compile(r"[0-9]{17}[0-9X]")
# Earliest birth date accepted (an interpretation: no living person is older).
_ID_MIN_BIRTH_DATE = date(1900, 1, 1)


@dataclass(frozen=True)
class ResidentId:
    """A validated 18-character resident ID number."""

    number: str  # normalized: upper-case X
    region_code: str  # 6-digit 地址码 (GB/T 2260), or 9xxxxx for foreigners' permanent residence
    birth_date: date
    sex: Literal["M", "F"]


def resident_id_check_char(body: str) -> str:
    """The GB 11643-1999 check character for a 17-digit body."""
    if len(body) != _ID_LENGTH - 1 or not body.isascii() or not body.isdigit():
        raise IdentifierError("invalid_id_chars", "身份证号码本体应为17位数字。", field=_ID_FIELD)
    # GB 11643-1999 / ISO 7064 MOD 11-2: S = Σ a_i·W_i; check = table[S mod 11].
    total = sum(int(d) * w for d, w in zip(body, _ID_WEIGHTS, strict=True))
    return _ID_CHECK_CHARS[total % 11]


def parse_resident_id(value: str, *, today: date | None = None) -> ResidentId:
    """Validate and decompose an 18-character resident ID number (GB 11643-1999).

    Surrounding whitespace is stripped and a lower-case ``x`` is accepted and upper-cased.
    The birth date must be a real date, not before 1900-01-01 and not after ``today``
    (default: the current date).  The 1st-generation 15-digit numbers are not accepted
    (they were withdrawn from use on 2013-01-01).
    """
    number = value.strip().upper()
    if len(number) != _ID_LENGTH:
        raise IdentifierError("invalid_id_length", "身份证号码应为18位。", field=_ID_FIELD)
    if _ID_RE.fullmatch(number) is None:
        raise IdentifierError(
            "invalid_id_chars",
            "身份证号码前17位应为数字，最后一位应为数字或X。",
            field=_ID_FIELD,
        )

    region_code = number[:6]
    # GB/T 2260 address codes start with 1–8 (province codes 11–82); 9 is used by the
    # 外国人永久居留身份证 (2023 version), which follows the same structure.
    if region_code[0] == "0":
        raise IdentifierError("invalid_id_region", "身份证号码的地址码无效。", field=_ID_FIELD)

    # GB 11643-1999: digits 7–14 are the birth date YYYYMMDD.
    birth_text = number[6:14]
    try:
        birth_date = date(int(birth_text[:4]), int(birth_text[4:6]), int(birth_text[6:]))
    except ValueError:
        raise IdentifierError(
            "invalid_id_birth_date",
            f"身份证号码中的出生日期“{birth_text}”不是有效日期。",
            field=_ID_FIELD,
        ) from None
    if today is None:
        today = date.today()
    if birth_date > today:
        raise IdentifierError(
            "invalid_id_birth_date", "身份证号码中的出生日期晚于今天。", field=_ID_FIELD
        )
    if birth_date < _ID_MIN_BIRTH_DATE:
        raise IdentifierError(
            "invalid_id_birth_date", "身份证号码中的出生日期早于1900年。", field=_ID_FIELD
        )

    # GB 11643-1999 / ISO 7064 MOD 11-2 check character.
    if resident_id_check_char(number[:17]) != number[17]:
        raise IdentifierError(
            "invalid_id_checksum",
            "身份证号码校验位不正确，请检查是否输错。",
            field=_ID_FIELD,
        )

    # GB 11643-1999: the 17th digit (sequence code) is odd for men, even for women.
    sex: Literal["M", "F"] = "M" if int(number[16]) % 2 == 1 else "F"
    return ResidentId(number=number, region_code=region_code, birth_date=birth_date, sex=sex)


def is_valid_resident_id(value: object, *, today: date | None = None) -> bool:
    """True if ``value`` is a string that :func:`parse_resident_id` accepts."""
    if not isinstance(value, str):
        return False
    try:
        parse_resident_id(value, today=today)
    except IdentifierError:
        return False
    return True


def mask_resident_id(value: str) -> str:
    """Mask for display, keeping the first 6 and last 4 characters: ``440802********123X``.

    Does not validate (it is meant for stored data); a value of 10 characters or fewer is
    masked completely.
    """
    s = value.strip().upper()
    if len(s) <= 10:
        return "*" * len(s)
    return s[:6] + "*" * (len(s) - 10) + s[-4:]


# ---------------------------------------------------------------------------------------------
# 统一社会信用代码 (GB 32100-2015)
# ---------------------------------------------------------------------------------------------

_CREDIT_FIELD = "credit_code"
_CREDIT_LENGTH = 18
# GB 32100-2015: the code uses digits and upper-case letters except I, O, Z, S, V; a
# character's value is its index in this string.
CREDIT_CODE_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
# GB 32100-2015: weight of position i is 3^(i-1) mod 31.
_CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_CREDIT_VALUES = {c: i for i, c in enumerate(CREDIT_CODE_CHARSET)}


def credit_code_check_char(body: str) -> str:
    """The GB 32100-2015 check character for a 17-character body."""
    if len(body) != _CREDIT_LENGTH - 1 or any(c not in _CREDIT_VALUES for c in body):
        raise IdentifierError(
            "invalid_credit_code_chars",
            "统一社会信用代码本体应为17位，只能包含数字和除I、O、Z、S、V以外的大写字母。",
            field=_CREDIT_FIELD,
        )
    # GB 32100-2015: C18 = 31 - (Σ C_i·W_i mod 31); a result of 31 is written 0.
    total = sum(_CREDIT_VALUES[c] * w for c, w in zip(body, _CREDIT_WEIGHTS, strict=True))
    return CREDIT_CODE_CHARSET[(31 - total % 31) % 31]


def parse_credit_code(value: str) -> str:
    """Validate a unified social credit code and return it normalized (upper-case).

    GB 32100-2015 structure: position 1 登记管理部门代码, position 2 机构类别代码, positions
    3–8 登记管理机关行政区划码, 9–17 主体标识码 (组织机构代码), 18 校验码.  Only the length,
    the character set and the check character are verified.
    """
    code = value.strip().upper()
    if len(code) != _CREDIT_LENGTH:
        raise IdentifierError(
            "invalid_credit_code_length", "统一社会信用代码应为18位。", field=_CREDIT_FIELD
        )
    if any(c not in _CREDIT_VALUES for c in code):
        raise IdentifierError(
            "invalid_credit_code_chars",
            "统一社会信用代码只能包含数字和除I、O、Z、S、V以外的大写字母。",
            field=_CREDIT_FIELD,
        )
    if credit_code_check_char(code[:17]) != code[17]:
        raise IdentifierError(
            "invalid_credit_code_checksum",
            "统一社会信用代码校验位不正确，请检查是否输错。",
            field=_CREDIT_FIELD,
        )
    return code


def is_valid_credit_code(value: object) -> bool:
    """True if ``value`` is a string that :func:`parse_credit_code` accepts."""
    if not isinstance(value, str):
        return False
    try:
        parse_credit_code(value)
    except IdentifierError:
        return False
    return True


# ---------------------------------------------------------------------------------------------
# Mobile numbers
# ---------------------------------------------------------------------------------------------

_MOBILE_FIELD = "mobile"
# Mainland mobile numbers: 11 digits, 1 followed by 3–9 (network prefixes 13x–19x).
_MOBILE_RE = re.compile(r"1[3-9][0-9]{9}")
_MOBILE_SEPARATORS = re.compile(r"[\s\-]")


def parse_mobile(value: str) -> str:
    """Validate a mainland mobile number and return its 11 digits.

    Spaces and hyphens are ignored, and an optional ``+86`` / ``86`` country prefix is
    dropped: ``"+86 138-0013-8000"`` → ``"13800138000"``.
    """
    s = _MOBILE_SEPARATORS.sub("", value)
    if s.startswith("+86"):
        s = s[3:]
    elif s.startswith("86") and len(s) == 13:
        s = s[2:]
    if _MOBILE_RE.fullmatch(s) is None:
        raise IdentifierError(
            "invalid_mobile",
            "手机号码应为以13至19开头的11位数字。",
            field=_MOBILE_FIELD,
        )
    return s


def mask_mobile(value: str) -> str:
    """Mask for display, keeping the first 3 and last 4 digits: ``138****5678``.

    A valid number is normalized first; anything else is masked on its stripped text
    (completely if it has 7 characters or fewer).
    """
    try:
        s = parse_mobile(value)
    except IdentifierError:
        s = value.strip()
    if len(s) <= 7:
        return "*" * len(s)
    return s[:3] + "*" * (len(s) - 7) + s[-4:]
