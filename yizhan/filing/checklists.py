"""What each kind of filing needs: case-type code, fee kind, materials (REG2015 Art 6)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.utils.translation import gettext_noop

from yizhan.rules.fees import FeeKind

from .models import AttachmentCategory as Cat
from .models import FilingKind, PartyRole


@dataclass(frozen=True)
class Material:
    category: str
    label: str
    required: bool
    rule: str


@dataclass(frozen=True)
class KindSpec:
    kind: str
    type_code: str  # 类型代字 of the case that acceptance opens (§1.3)
    cause_category: str  # which causes may be chosen
    fee_kind: str | None  # None: take it from the cause; "" : no fee (FEE Art 8)
    amount_required: bool
    prepaid: bool  # FEE Art 20 ¶2: execution and bankruptcy fees are paid afterwards
    roles: tuple[str, str]  # the two sides
    materials: tuple[Material, ...]


# Material labels are marked for translation with gettext_noop, not gettext_lazy: they stay
# plain str (API schemas, error fields and stored text need str); pages translate them on display.
_ID = Material(Cat.IDENTITY, gettext_noop("当事人身份证明"), True, "REG2015 Art 6(2)")
_POA = Material(
    Cat.POWER_OF_ATTORNEY, gettext_noop("授权委托书（委托代理人时）"), False, "REG2015 Art 6(3)"
)
_EVIDENCE = Material(Cat.EVIDENCE, gettext_noop("证据材料"), True, "REG2015 Art 6(4)")
_P, _D = PartyRole.PLAINTIFF, PartyRole.DEFENDANT
_A, _R = PartyRole.APPLICANT, PartyRole.RESPONDENT

SPECS: dict[str, KindSpec] = {
    FilingKind.CIVIL_FIRST: KindSpec(
        FilingKind.CIVIL_FIRST,
        "民初",
        "civil",
        None,
        False,
        True,
        (_P, _D),
        (
            Material(Cat.COMPLAINT, gettext_noop("起诉状"), True, "REG2015 Art 6(1)"),
            _ID,
            _EVIDENCE,
            _POA,
        ),
    ),
    FilingKind.ADMINISTRATIVE_FIRST: KindSpec(
        FilingKind.ADMINISTRATIVE_FIRST,
        "行初",
        "administrative",
        None,
        False,
        True,
        (_P, _D),
        (
            Material(Cat.COMPLAINT, gettext_noop("起诉状"), True, "REG2015 Art 6(1)"),
            _ID,
            Material(
                Cat.EVIDENCE,
                gettext_noop("被诉行政行为存在的证据"),
                True,
                "ALL Art 49; REG2015 Art 6(4)",
            ),
            _POA,
        ),
    ),
    FilingKind.ENFORCEMENT: KindSpec(
        FilingKind.ENFORCEMENT,
        "执",
        "enforcement",
        FeeKind.EXECUTION,
        False,
        False,
        (_A, _R),
        (
            Material(Cat.COMPLAINT, gettext_noop("申请执行书"), True, "EXEC Art 18"),
            Material(Cat.LEGAL_DOCUMENT, gettext_noop("生效法律文书副本"), True, "EXEC Art 18"),
            _ID,
            _POA,
        ),
    ),
    FilingKind.PAYMENT_ORDER: KindSpec(
        FilingKind.PAYMENT_ORDER,
        "民督",
        "civil",
        FeeKind.PAYMENT_ORDER,
        True,
        True,
        (_A, _R),
        (
            Material(Cat.COMPLAINT, gettext_noop("支付令申请书"), True, "CPL23 Art 225"),
            _ID,
            _EVIDENCE,
            _POA,
        ),
    ),
    FilingKind.PRESERVATION: KindSpec(
        FilingKind.PRESERVATION,
        "财保",
        "civil",
        FeeKind.PRESERVATION,
        True,
        True,
        (_A, _R),
        (
            Material(Cat.COMPLAINT, gettext_noop("保全申请书"), True, "CPL23 Art 104"),
            _ID,
            _EVIDENCE,
            _POA,
        ),
    ),
    FilingKind.PUBLIC_SUMMONS: KindSpec(
        FilingKind.PUBLIC_SUMMONS,
        "民催",
        "civil",
        FeeKind.PUBLIC_SUMMONS,
        False,
        True,
        (_A, _R),
        (
            Material(Cat.COMPLAINT, gettext_noop("公示催告申请书"), True, "CPL23 Art 229"),
            _ID,
            _EVIDENCE,
            _POA,
        ),
    ),
    FilingKind.SPECIAL: KindSpec(
        FilingKind.SPECIAL,
        "民特",
        "civil",
        "",
        False,
        True,
        (_A, _R),
        (
            Material(Cat.COMPLAINT, gettext_noop("申请书"), True, "CPL23 Art 184"),
            _ID,
            _EVIDENCE,
            _POA,
        ),
    ),
    FilingKind.BANKRUPTCY: KindSpec(
        FilingKind.BANKRUPTCY,
        "破申",
        "bankruptcy",
        FeeKind.BANKRUPTCY,
        True,
        False,
        (_A, _R),
        (
            Material(Cat.COMPLAINT, gettext_noop("破产申请书"), True, "EBL Art 8"),
            _ID,
            _EVIDENCE,
            _POA,
        ),
    ),
}


def spec_for(kind: str) -> KindSpec:
    return SPECS[kind]


def small_claims_ceiling() -> Decimal:
    """CPL23 Art 165: 50 % of the province's previous-year average wage (a setting)."""
    return (Decimal(str(settings.YIZHAN_PROVINCE_AVERAGE_WAGE)) * Decimal("0.5")).quantize(
        Decimal("0.01")
    )


def simple_procedure_ceiling() -> Decimal:
    """EXT2019 Art 4: simple civil cases up to twice the average wage use simple procedure."""
    return Decimal(str(settings.YIZHAN_PROVINCE_AVERAGE_WAGE)) * 2
