"""Court fee rule engine (诉讼费用).

Computes the 案件受理费 (acceptance fee) and 申请费 (application fees) under the
《诉讼费用交纳办法》 ("FEE", State Council Order No. 481, 2007), Arts 13–16, with the halving
limit of the SPC Civil Procedure Law Interpretation ("CPLI") Art 206. See
docs/domain-rules.md §2.

* 财产案件受理费 – cumulative bands on the claimed amount (FEE Art 13(1)).
* 离婚、人格权、其他非财产、知识产权、劳动争议、行政、管辖权异议 – per case, some with bands
  (FEE Art 13(2)–(6)). Where FEE gives a national range the province fixes the value
  (FEE Art 13 last ¶); the defaults are Guangdong's (粤价函〔2008〕45号).
* 申请费 – 执行、保全、支付令、公示催告、撤销仲裁裁决/认定仲裁协议效力、破产 (FEE Art 14).
* 减半 – mediation/withdrawal (FEE Art 15) and simple procedure incl. small claims (FEE Art 16)
  halve the acceptance fee, only once (CPLI Art 206).

Money is :class:`~decimal.Decimal` yuan throughout. Intermediate results are exact (computed in
a private high-precision context); the only rounding is to the fen at the very end, with the
configurable rounding mode (FEE does not say how to round – UNCONFIRMED).

Pure Python: nothing from Django or the rest of the project except :mod:`yizhan.rules.errors`.
"""

from __future__ import annotations

import dataclasses
import decimal
import re
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Any, TypeVar

from yizhan.rules.errors import RuleError

__all__ = [
    "DEFAULT_SETTINGS",
    "HALVABLE_KINDS",
    "MAX_AMOUNT",
    "Closing",
    "FeeError",
    "FeeKind",
    "FeeQuote",
    "FeeSettings",
    "Procedure",
    "execution_fee",
    "preservation_fee",
    "property_fee",
    "quote",
]

_E = TypeVar("_E", bound=StrEnum)

FEE = "《诉讼费用交纳办法》"
CPLI = "《最高人民法院关于适用〈中华人民共和国民事诉讼法〉的解释》"


class FeeError(RuleError):
    """Bad input to the fee engine (诉讼费用计算输入错误)."""


class FeeKind(StrEnum):
    """What the fee is for (费用类型); values are the API strings."""

    PROPERTY = "property"  # 财产案件受理费, FEE Art 13(1)
    DIVORCE = "divorce"  # 离婚案件, FEE Art 13(2)1
    PERSONALITY = "personality"  # 人格权案件, FEE Art 13(2)2
    IP = "ip"  # 知识产权民事案件, FEE Art 13(3)
    LABOUR = "labour"  # 劳动争议案件, FEE Art 13(4)
    ADMINISTRATIVE = "administrative"  # 其他行政案件, FEE Art 13(5)2
    ADMINISTRATIVE_SPECIAL = "administrative_special"  # 商标、专利、海事行政案件, FEE Art 13(5)1
    NON_PROPERTY = "non_property"  # 其他非财产案件, FEE Art 13(2)3
    EXECUTION = "execution"  # 申请执行, FEE Art 14(1)
    PRESERVATION = "preservation"  # 申请保全, FEE Art 14(2)
    PAYMENT_ORDER = "payment_order"  # 申请支付令, FEE Art 14(3)
    PUBLIC_SUMMONS = "public_summons"  # 申请公示催告, FEE Art 14(4)
    ARBITRATION_REVIEW = "arbitration_review"  # 撤销仲裁裁决/认定仲裁协议效力, FEE Art 14(5)
    BANKRUPTCY = "bankruptcy"  # 破产案件, FEE Art 14(6)
    JURISDICTION_OBJECTION = "jurisdiction_objection"  # 管辖权异议不成立, FEE Art 13(6)


class Procedure(StrEnum):
    """Trial procedure (审理程序)."""

    ORDINARY = "ordinary"  # 普通程序
    SIMPLE = "simple"  # 简易程序
    SMALL_CLAIMS = "small_claims"  # 小额诉讼程序 – a form of simple procedure (CPL23 Art 165)


class Closing(StrEnum):
    """How the case is (expected to be) closed (结案方式)."""

    JUDGMENT = "judgment"  # 判决
    MEDIATION = "mediation"  # 调解
    WITHDRAWAL = "withdrawal"  # 撤诉


# Only 案件受理费 of litigation cases is halved by FEE Arts 15–16. Application fees (申请费,
# FEE Art 14) are not. The jurisdiction-objection fee, although listed in FEE Art 13(6), is
# charged for the failed objection itself, not for accepting the case, and does not depend on
# how the main case is tried or closed – so it is treated like an application fee: not halved.
HALVABLE_KINDS: frozenset[FeeKind] = frozenset(
    {
        FeeKind.PROPERTY,
        FeeKind.DIVORCE,
        FeeKind.PERSONALITY,
        FeeKind.IP,
        FeeKind.LABOUR,
        FeeKind.ADMINISTRATIVE,
        FeeKind.ADMINISTRATIVE_SPECIAL,
        FeeKind.NON_PROPERTY,
    }
)

# Upper bound for an amount we agree to compute with (10^13 yuan); anything larger is a typo.
MAX_AMOUNT = Decimal(10) ** 13

_CENT = Decimal("0.01")
_ZERO = Decimal(0)
# Private context: enough digits that no intermediate result is ever rounded (amounts have at
# most 14 integer + 2 decimal digits), independent of whatever context the caller set.
_PRECISION = 50

_ROUNDING_MODES = frozenset(
    {
        decimal.ROUND_UP,
        decimal.ROUND_DOWN,
        decimal.ROUND_CEILING,
        decimal.ROUND_FLOOR,
        decimal.ROUND_HALF_UP,
        decimal.ROUND_HALF_DOWN,
        decimal.ROUND_HALF_EVEN,
        decimal.ROUND_05UP,
    }
)

# Plain decimal notation only: digits, optional sign, optional fraction (no exponents,
# no thousands separators, no non-ASCII digits, which Decimal() would otherwise accept).
_AMOUNT_RE = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)", re.ASCII)


@contextmanager
def _exact() -> Iterator[None]:
    with decimal.localcontext() as ctx:
        ctx.prec = _PRECISION
        ctx.rounding = decimal.ROUND_HALF_EVEN
        ctx.traps[decimal.InvalidOperation] = True
        yield


# --------------------------------------------------------------------------------------------
# Settings
# --------------------------------------------------------------------------------------------

# Where FEE gives a national range, a province may only fix a value inside it
# (FEE Art 13 last ¶ for items (二)(三)(六); Art 14(1)1 for execution without an amount).
_SETTING_RANGES: dict[str, tuple[Decimal, Decimal]] = {
    "divorce_base": (Decimal(50), Decimal(300)),  # FEE Art 13(2)1
    "personality_base": (Decimal(100), Decimal(500)),  # FEE Art 13(2)2
    "non_property": (Decimal(50), Decimal(100)),  # FEE Art 13(2)3
    "ip_without_amount": (Decimal(500), Decimal(1000)),  # FEE Art 13(3)
    "jurisdiction_objection": (Decimal(50), Decimal(100)),  # FEE Art 13(6)
    "execution_without_amount": (Decimal(50), Decimal(500)),  # FEE Art 14(1)1
}


def _setting_decimal(name: str, value: object) -> Decimal:
    """Convert one configured value to Decimal (settings may hold str, int or Decimal)."""
    if isinstance(value, bool) or not isinstance(value, Decimal | int | str | float):
        raise ValueError(f"fee setting {name!r} must be a number, got {value!r}")
    try:
        # float only from hand-written settings; str() keeps the literal the admin typed.
        result = Decimal(str(value).strip()) if not isinstance(value, Decimal) else value
    except decimal.InvalidOperation:
        raise ValueError(f"fee setting {name!r} is not a number: {value!r}") from None
    if not result.is_finite() or result < 0:
        raise ValueError(f"fee setting {name!r} must be a finite number ≥ 0, got {value!r}")
    return result


@dataclass(frozen=True)
class FeeSettings:
    """Configurable fee values (诉讼费用地方标准).

    Defaults are Guangdong's (粤价函〔2008〕45号, via the Zhongshan court's published schedule)
    where FEE lets the province choose inside a national range, else the national fixed figure.
    """

    divorce_base: Decimal = Decimal("300")  # 离婚, FEE Art 13(2)1: 50–300, Guangdong 300
    personality_base: Decimal = Decimal("500")  # 人格权, FEE Art 13(2)2: 100–500, Guangdong 500
    non_property: Decimal = Decimal("100")  # 其他非财产, FEE Art 13(2)3: 50–100, Guangdong 100
    ip_without_amount: Decimal = Decimal("1000")  # 知识产权无金额, FEE Art 13(3): 500–1000, GD 1000
    labour: Decimal = Decimal("10")  # 劳动争议, FEE Art 13(4): national 10
    administrative: Decimal = Decimal("50")  # 其他行政, FEE Art 13(5)2: national 50
    administrative_special: Decimal = Decimal("100")  # 商标/专利/海事行政, FEE Art 13(5)1: 100
    jurisdiction_objection: Decimal = Decimal("100")  # 管辖权异议, FEE Art 13(6): 50–100, GD 100
    # UNCONFIRMED: Guangdong value not found; national range 50–500 (FEE Art 14(1)1).
    execution_without_amount: Decimal = Decimal("50")
    public_summons: Decimal = Decimal("100")  # 公示催告, FEE Art 14(4)
    arbitration_review: Decimal = Decimal("400")  # 撤销仲裁裁决/认定仲裁协议效力, FEE Art 14(5)
    preservation_cap: Decimal = Decimal("5000")  # 保全费上限, FEE Art 14(2)
    bankruptcy_cap: Decimal = Decimal("300000")  # 破产案件上限, FEE Art 14(6)
    # UNCONFIRMED: FEE does not say how fractions of a fen are rounded → setting.
    rounding: str = decimal.ROUND_HALF_UP
    quantum: Decimal = _CENT  # round the final fee to the fen

    def __post_init__(self) -> None:
        for f in dataclasses.fields(self):
            if f.name == "rounding":
                continue
            value = _setting_decimal(f.name, getattr(self, f.name))
            # Frozen dataclass: normalise int/str given by the caller to Decimal in place.
            object.__setattr__(self, f.name, value)
            bounds = _SETTING_RANGES.get(f.name)
            if bounds is not None and not bounds[0] <= value <= bounds[1]:
                raise ValueError(
                    f"fee setting {f.name!r}={value} is outside the national range "
                    f"{bounds[0]}–{bounds[1]} (FEE Art 13 last ¶ / Art 14(1)1)"
                )
        if self.quantum <= 0:
            raise ValueError(f"fee setting 'quantum' must be > 0, got {self.quantum}")
        if self.rounding not in _ROUNDING_MODES:
            raise ValueError(
                f"fee setting 'rounding' is not a decimal rounding mode: {self.rounding!r}"
            )

    @classmethod
    def from_mapping(cls, mapping: Mapping[str, object]) -> FeeSettings:
        """Build settings from a dict such as Django's ``settings.YIZHAN_FEES``.

        Missing keys keep their default; numeric values are converted to Decimal; unknown keys
        raise ValueError (a typo in a setting must not silently fall back to a default).
        """
        known = {f.name for f in dataclasses.fields(cls)}
        unknown = sorted(set(mapping) - known)
        if unknown:
            raise ValueError(f"unknown fee setting(s): {', '.join(unknown)}")
        changes: dict[str, Any] = {}
        for key, value in mapping.items():
            if key == "rounding":
                if not isinstance(value, str):
                    raise ValueError(f"fee setting 'rounding' must be a string, got {value!r}")
                changes[key] = value
            else:
                changes[key] = _setting_decimal(key, value)
        return dataclasses.replace(cls(), **changes)


DEFAULT_SETTINGS = FeeSettings()


# --------------------------------------------------------------------------------------------
# Result
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FeeQuote:
    """A computed fee (诉讼费用计算结果) with the legal basis of every step.

    ``full_fee`` is the fee before halving under FEE Arts 15–16; ``fee`` is what is payable.
    Both are rounded to the fen. ``halved`` says whether Arts 15–16 were applied (the built-in
    halving of bankruptcy fees, FEE Art 14(6), is part of that schedule, not of ``halved``).
    """

    fee: Decimal
    full_fee: Decimal
    halved: bool
    basis: tuple[str, ...]

    def as_dict(self) -> dict[str, object]:
        """JSON-ready form; Decimals become strings so no precision is lost."""
        return {
            "fee": str(self.fee),
            "full_fee": str(self.full_fee),
            "halved": self.halved,
            "basis": list(self.basis),
        }


# --------------------------------------------------------------------------------------------
# Input parsing
# --------------------------------------------------------------------------------------------


def _parse_amount(value: object) -> Decimal | None:
    """Validate an amount (yuan): str / int / Decimal, ≥ 0, ≤ 10^13, at most 2 decimals.

    None and a blank string mean "no amount" (an empty ``?amount=`` in the API).
    """
    if value is None:
        return None
    if isinstance(value, bool | float):
        # Floats cannot represent fen exactly; money must come as str, int or Decimal.
        raise FeeError(
            "invalid_amount", "金额须以字符串、整数或 Decimal 提供，不接受浮点数", field="amount"
        )
    if isinstance(value, int):
        amount = Decimal(value)
    elif isinstance(value, Decimal):
        amount = value
    elif isinstance(value, str):
        text = value.strip()
        if not text:
            return None
        if not _AMOUNT_RE.fullmatch(text):
            raise FeeError("invalid_amount", f"金额格式不正确：{value}", field="amount")
        amount = Decimal(text)
    else:
        raise FeeError("invalid_amount", "金额格式不正确，请填写数字", field="amount")
    if not amount.is_finite():
        raise FeeError("invalid_amount", "金额必须是有限的数字", field="amount")
    if amount < 0:
        raise FeeError("negative_amount", "金额不能为负数", field="amount")
    if amount > MAX_AMOUNT:
        raise FeeError("amount_too_large", "金额超出可计算范围（最高 10 万亿元）", field="amount")
    with _exact():
        if amount != amount.quantize(_CENT):
            raise FeeError("invalid_amount", "金额最多保留两位小数（到分）", field="amount")
        # Canonical form: exactly two decimals (also turns -0 and 1E+5 into plain numbers).
        return abs(amount).quantize(_CENT)


def _require_amount(value: object, what: str) -> Decimal:
    amount = _parse_amount(value)
    if amount is None:
        raise FeeError("amount_required", f"{what}须填写金额", field="amount")
    return amount


def _parse_enum(
    enum: type[_E], value: object, default: _E | None, code: str, label: str, field: str
) -> _E:
    """Parse an API string into ``enum``; None or blank → ``default`` (required if None)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        if default is None:
            raise FeeError(code, f"请选择{label}", field=field)
        return default
    try:
        if not isinstance(value, str):  # StrEnum members are str too
            raise ValueError(value)
        return enum(value.strip())
    except ValueError:
        raise FeeError(code, f"未知的{label}：{value}", field=field) from None


# --------------------------------------------------------------------------------------------
# Schedules
# --------------------------------------------------------------------------------------------

# A band: (lower, upper or None for open-ended, rate in percent) applied to the part of the
# amount above ``lower`` and up to ``upper``.
_Band = tuple[Decimal, Decimal | None, Decimal]


def _bands(*rows: tuple[int, int | None, str]) -> tuple[_Band, ...]:
    return tuple(
        (Decimal(lo), None if hi is None else Decimal(hi), Decimal(rate)) for lo, hi, rate in rows
    )


# FEE Art 13(1): ≤ 10,000 → 50 per case, then cumulative percentages.
_PROPERTY_BASE = Decimal(50)
_PROPERTY_BASE_UPTO = Decimal(10_000)
_PROPERTY_BANDS = _bands(
    (10_000, 100_000, "2.5"),
    (100_000, 200_000, "2"),
    (200_000, 500_000, "1.5"),
    (500_000, 1_000_000, "1"),
    (1_000_000, 2_000_000, "0.9"),
    (2_000_000, 5_000_000, "0.8"),
    (5_000_000, 10_000_000, "0.7"),
    (10_000_000, 20_000_000, "0.6"),
    (20_000_000, None, "0.5"),
)

# FEE Art 14(1)2: ≤ 10,000 → 50 per case, then cumulative percentages.
_EXECUTION_BASE = Decimal(50)
_EXECUTION_BASE_UPTO = Decimal(10_000)
_EXECUTION_BANDS = _bands(
    (10_000, 500_000, "1.5"),
    (500_000, 5_000_000, "1"),
    (5_000_000, 10_000_000, "0.5"),
    (10_000_000, None, "0.1"),
)

# FEE Art 14(2): ≤ 1,000 or no amount → 30 per case, then cumulative percentages, capped.
_PRESERVATION_BASE = Decimal(30)
_PRESERVATION_BASE_UPTO = Decimal(1_000)
_PRESERVATION_BANDS = _bands((1_000, 100_000, "1"), (100_000, None, "0.5"))

# FEE Art 13(2)1: divorce property ≤ 200,000 → nothing extra; the part above at 0.5 %.
_DIVORCE_FREE_UPTO = Decimal(200_000)
_DIVORCE_BANDS = _bands((200_000, None, "0.5"))

# FEE Art 13(2)2: damages ≤ 50,000 → nothing extra; 50k–100k at 1 %; above 100k at 0.5 %.
# (The Zhongshan page prints "0.1 %" for the middle band – taken as a typo for the national 1 %.)
_PERSONALITY_FREE_UPTO = Decimal(50_000)
_PERSONALITY_BANDS = _bands((50_000, 100_000, "1"), (100_000, None, "0.5"))


def _fmt_amount(value: Decimal) -> str:
    """10000 → '10,000'; 10000.5 → '10,000.50'."""
    if value == value.to_integral_value():
        return f"{int(value):,}"
    return f"{value:,.2f}"


def _fmt_money(value: Decimal) -> str:
    """Money in a basis line: 2 decimals; exact extra digits shown, repeating ones marked 约."""
    with _exact():
        if value == value.quantize(_CENT):
            return f"{value:,.2f}"
        short = value.quantize(Decimal("0.0001"))
        if value == short:
            return f"{short.normalize():,f}"
        return f"约 {value:,.2f}"


def _fmt_rounded(exact: Decimal, rounded: Decimal) -> str:
    """'50.03 元（50.025 元保留到分）' – shows the one rounding step where there is one."""
    if exact == rounded:
        return f"{_fmt_money(rounded)} 元"
    shown = _fmt_money(exact)
    note = "保留到分" if shown.startswith("约") else f"{shown} 元保留到分"
    return f"{_fmt_money(rounded)} 元（{note}）"


def _fmt_rate(rate: Decimal) -> str:
    return f"{rate.normalize():f}%"


def _banded(amount: Decimal, bands: Sequence[_Band]) -> tuple[Decimal, list[str]]:
    """Sum of rate × part for every band the amount reaches, with one basis line per band."""
    total = _ZERO
    lines: list[str] = []
    with _exact():
        for lower, upper, rate in bands:
            if amount <= lower:
                break
            top = amount if upper is None or amount < upper else upper
            part_fee = (top - lower) * rate / 100
            total += part_fee
            lines.append(
                f"{_fmt_amount(lower)} 至 {_fmt_amount(top)} 元部分 × {_fmt_rate(rate)}"
                f" = {_fmt_money(part_fee)} 元"
            )
    return total, lines


def _property_schedule(amount: Decimal) -> tuple[Decimal, list[str]]:
    # FEE Art 13(1): 50 per case up to 10,000, plus the cumulative bands above it.
    extra, lines = _banded(amount, _PROPERTY_BANDS)
    head = f"不超过 {_fmt_amount(_PROPERTY_BASE_UPTO)} 元部分：每件 {_fmt_money(_PROPERTY_BASE)} 元"
    return _PROPERTY_BASE + extra, [head, *lines]


def _execution_schedule(amount: Decimal) -> tuple[Decimal, list[str]]:
    # FEE Art 14(1)2: 50 per case up to 10,000, plus the cumulative bands above it.
    extra, lines = _banded(amount, _EXECUTION_BANDS)
    head = (
        f"不超过 {_fmt_amount(_EXECUTION_BASE_UPTO)} 元部分：每件 {_fmt_money(_EXECUTION_BASE)} 元"
    )
    return _EXECUTION_BASE + extra, [head, *lines]


def _preservation_schedule(amount: Decimal | None, cap: Decimal) -> tuple[Decimal, list[str]]:
    # FEE Art 14(2): 30 per case up to 1,000 or with no amount; bands above; at most ``cap``.
    base_line = (
        f"财产数额不超过 {_fmt_amount(_PRESERVATION_BASE_UPTO)} 元或者不涉及财产数额："
        f"每件 {_fmt_money(_PRESERVATION_BASE)} 元"
    )
    if amount is None:
        return _PRESERVATION_BASE, [base_line]
    extra, lines = _banded(amount, _PRESERVATION_BANDS)
    total = _PRESERVATION_BASE + extra
    lines = [base_line, *lines]
    if total > cap:
        lines.append(f"按上述标准计 {_fmt_money(total)} 元，超过上限，按 {_fmt_money(cap)} 元交纳")
        total = cap
    return total, lines


def property_fee(amount: Decimal | int | str) -> Decimal:
    """财产案件受理费 under FEE Art 13(1) (cumulative bands), exact and unrounded."""
    with _exact():
        return _property_schedule(_require_amount(amount, "财产案件"))[0]


def execution_fee(amount: Decimal | int | str) -> Decimal:
    """申请执行费 on the amount executed under FEE Art 14(1)2, exact and unrounded."""
    with _exact():
        return _execution_schedule(_require_amount(amount, "申请执行"))[0]


def preservation_fee(
    amount: Decimal | int | str | None, cap: Decimal | int | str = DEFAULT_SETTINGS.preservation_cap
) -> Decimal:
    """申请保全费 on the amount actually preserved under FEE Art 14(2), capped, unrounded.

    No amount (None) counts as "不涉及财产数额" → 30.
    """
    with _exact():
        return _preservation_schedule(_parse_amount(amount), _setting_decimal("cap", cap))[0]


# --------------------------------------------------------------------------------------------
# Quote
# --------------------------------------------------------------------------------------------


def _flat(kind: FeeKind, settings: FeeSettings) -> tuple[Decimal, list[str]] | None:
    """Per-case fees that do not depend on any amount, or None if ``kind`` is not one."""
    s = settings
    table: dict[FeeKind, tuple[Decimal, str]] = {
        FeeKind.NON_PROPERTY: (s.non_property, "第十三条第（二）项第3目：其他非财产案件每件交纳"),
        FeeKind.LABOUR: (s.labour, "第十三条第（四）项：劳动争议案件每件交纳"),
        FeeKind.ADMINISTRATIVE_SPECIAL: (
            s.administrative_special,
            "第十三条第（五）项第1目：商标、专利、海事行政案件每件交纳",
        ),
        FeeKind.ADMINISTRATIVE: (s.administrative, "第十三条第（五）项第2目：其他行政案件每件交纳"),
        FeeKind.JURISDICTION_OBJECTION: (
            s.jurisdiction_objection,
            "第十三条第（六）项：当事人提出案件管辖权异议，异议不成立的，每件交纳",
        ),
        FeeKind.PUBLIC_SUMMONS: (
            s.public_summons,
            "第十四条第（四）项：依法申请公示催告的，每件交纳",
        ),
        FeeKind.ARBITRATION_REVIEW: (
            s.arbitration_review,
            "第十四条第（五）项：申请撤销仲裁裁决或者认定仲裁协议效力的，每件交纳",
        ),
    }
    entry = table.get(kind)
    if entry is None:
        return None
    fee, text = entry
    return fee, [f"{FEE}{text} {_fmt_money(fee)} 元"]


def _compute(
    kind: FeeKind, amount: Decimal | None, settings: FeeSettings
) -> tuple[Decimal, list[str]]:
    """The fee before any FEE Art 15/16 halving (exact) and its basis lines."""
    s = settings
    flat = _flat(kind, s)
    if flat is not None:
        fee, lines = flat
        if amount is not None:
            lines.append("本类费用按件交纳，与所填金额无关")
        return fee, lines

    if kind is FeeKind.PROPERTY:
        amount = _require_amount(amount, "财产案件")
        fee, lines = _property_schedule(amount)
        return fee, [f"{FEE}第十三条第（一）项：财产案件按争议金额分段累计交纳", *lines]

    if kind is FeeKind.DIVORCE:
        lines = [f"{FEE}第十三条第（二）项第1目：离婚案件每件交纳 {_fmt_money(s.divorce_base)} 元"]
        if not amount:
            return s.divorce_base, lines
        extra, band_lines = _banded(amount, _DIVORCE_BANDS)
        if not band_lines:
            lines.append(
                f"涉及财产分割，财产总额不超过 {_fmt_amount(_DIVORCE_FREE_UPTO)} 元的，不另行交纳"
            )
        else:
            lines.append(
                f"涉及财产分割，超过 {_fmt_amount(_DIVORCE_FREE_UPTO)} 元的部分按照 0.5% 交纳"
            )
            lines.extend(band_lines)
        return s.divorce_base + extra, lines

    if kind is FeeKind.PERSONALITY:
        lines = [
            f"{FEE}第十三条第（二）项第2目：侵害人格权案件每件交纳 "
            f"{_fmt_money(s.personality_base)} 元"
        ]
        if not amount:
            return s.personality_base, lines
        extra, band_lines = _banded(amount, _PERSONALITY_BANDS)
        if not band_lines:
            lines.append(
                "涉及损害赔偿，赔偿金额不超过 "
                f"{_fmt_amount(_PERSONALITY_FREE_UPTO)} 元的，不另行交纳"
            )
        else:
            lines.append(
                "涉及损害赔偿，超过 50,000 元至 100,000 元的部分按照 1% 交纳，"
                "超过 100,000 元的部分按照 0.5% 交纳"
            )
            lines.extend(band_lines)
        return s.personality_base + extra, lines

    if kind is FeeKind.IP:
        if amount:
            fee, lines = _property_schedule(amount)
            return fee, [
                f"{FEE}第十三条第（三）项：知识产权民事案件有争议金额的，按照财产案件的标准交纳",
                f"{FEE}第十三条第（一）项：财产案件按争议金额分段累计交纳",
                *lines,
            ]
        return s.ip_without_amount, [
            f"{FEE}第十三条第（三）项：知识产权民事案件没有争议金额的，每件交纳 "
            f"{_fmt_money(s.ip_without_amount)} 元"
        ]

    if kind is FeeKind.EXECUTION:
        if amount is None:
            return s.execution_without_amount, [
                f"{FEE}第十四条第（一）项第1目：申请执行没有执行金额或者价额的，每件交纳 "
                f"{_fmt_money(s.execution_without_amount)} 元"
            ]
        fee, lines = _execution_schedule(amount)
        return fee, [f"{FEE}第十四条第（一）项第2目：申请执行按执行金额分段累计交纳", *lines]

    if kind is FeeKind.PRESERVATION:
        fee, lines = _preservation_schedule(amount, s.preservation_cap)
        head = (
            f"{FEE}第十四条第（二）项：申请保全措施的，根据实际保全的财产数额分段累计交纳，"
            f"最多不超过 {_fmt_money(s.preservation_cap)} 元"
        )
        return fee, [head, *lines]

    if kind is FeeKind.PAYMENT_ORDER:
        amount = _require_amount(amount, "申请支付令")
        base, lines = _property_schedule(amount)
        with _exact():
            fee = base / 3
        return fee, [
            f"{FEE}第十四条第（三）项：依法申请支付令的，比照财产案件受理费标准的 1/3 交纳",
            *lines,
            f"{_fmt_money(base)} 元 × 1/3 = {_fmt_money(fee)} 元",
        ]

    if kind is FeeKind.BANKRUPTCY:
        amount = _require_amount(amount, "破产案件")
        base, lines = _property_schedule(amount)
        with _exact():
            fee = base / 2
        lines = [
            f"{FEE}第十四条第（六）项：破产案件依据破产财产总额计算，按照财产案件受理费标准"
            f"减半交纳，最高不超过 {_fmt_money(s.bankruptcy_cap)} 元",
            *lines,
            f"{_fmt_money(base)} 元 ÷ 2 = {_fmt_money(fee)} 元",
        ]
        if fee > s.bankruptcy_cap:
            lines.append(f"超过上限，按 {_fmt_money(s.bankruptcy_cap)} 元交纳")
            fee = s.bankruptcy_cap
        return fee, lines

    raise AssertionError(f"unhandled fee kind {kind!r}")  # pragma: no cover - enum is closed


def _halving_reasons(procedure: Procedure, closing: Closing) -> list[str]:
    reasons: list[str] = []
    if closing is Closing.MEDIATION:
        reasons.append(f"{FEE}第十五条：以调解方式结案的，减半交纳案件受理费")
    elif closing is Closing.WITHDRAWAL:
        reasons.append(f"{FEE}第十五条：当事人申请撤诉的，减半交纳案件受理费")
    if procedure is Procedure.SIMPLE:
        reasons.append(f"{FEE}第十六条：适用简易程序审理的案件减半交纳案件受理费")
    elif procedure is Procedure.SMALL_CLAIMS:
        reasons.append(
            f"{FEE}第十六条：适用简易程序审理的案件减半交纳案件受理费（小额诉讼程序属于简易程序）"
        )
    return reasons


def quote(
    kind: FeeKind | str,
    amount: Decimal | int | str | None = None,
    *,
    procedure: Procedure | str | None = Procedure.ORDINARY,
    closing: Closing | str | None = Closing.JUDGMENT,
    settings: FeeSettings = DEFAULT_SETTINGS,
) -> FeeQuote:
    """Compute a court fee (诉讼费用计算) with its legal basis.

    ``amount`` is, by kind: the claim (property, ip, payment_order), the property to divide
    (divorce), the damages claimed (personality), the amount executed (execution), the amount
    preserved (preservation), the total bankruptcy assets (bankruptcy); flat kinds ignore it
    but still validate it. ``procedure``/``closing`` of None or "" mean the defaults.

    Raises :class:`FeeError` on bad input.
    """
    # All arithmetic in the private exact context, whatever context the caller has set.
    with _exact():
        return _quote(kind, amount, procedure, closing, settings)


def _quote(
    kind: object, amount: object, procedure: object, closing: object, settings: FeeSettings
) -> FeeQuote:
    fee_kind = _parse_enum(FeeKind, kind, None, "unknown_kind", "费用类型", "kind")
    proc = _parse_enum(
        Procedure, procedure, Procedure.ORDINARY, "unknown_procedure", "审理程序", "procedure"
    )
    close = _parse_enum(
        Closing, closing, Closing.JUDGMENT, "unknown_closing", "结案方式", "closing"
    )
    parsed = _parse_amount(amount)

    exact_full, lines = _compute(fee_kind, parsed, settings)
    basis = list(lines)
    reasons = _halving_reasons(proc, close)
    halved = bool(reasons) and fee_kind in HALVABLE_KINDS

    full_fee = exact_full.quantize(settings.quantum, rounding=settings.rounding)
    if halved:
        # FEE Arts 15–16, halved once only even if several grounds apply (CPLI Art 206).
        # Halve the exact fee and round once, at the end.
        fee = (exact_full / 2).quantize(settings.quantum, rounding=settings.rounding)
    else:
        fee = full_fee

    if halved:
        basis.append(f"案件受理费（减半前）：{_fmt_rounded(exact_full, full_fee)}")
        basis.extend(reasons)
        if len(reasons) > 1:
            basis.append(f"{CPLI}第二百零六条：人民法院决定减半收取案件受理费的，只能减半一次")
        basis.append(f"减半后应交：{_fmt_rounded(exact_full / 2, fee)}")
    else:
        basis.append(f"应交费用：{_fmt_rounded(exact_full, fee)}")
        if reasons:
            basis.append(f"本项费用不属于{FEE}第十五条、第十六条规定减半交纳的案件受理费，不予减半")
    return FeeQuote(fee=fee, full_fee=full_fee, halved=halved, basis=tuple(basis))
