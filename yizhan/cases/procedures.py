"""Which procedure a newly docketed case should follow (a suggestion the clerk may change)."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings

BASIC = "basic"


def _wage() -> Decimal:
    return Decimal(str(settings.YIZHAN_PROVINCE_AVERAGE_WAGE))


def allowed_procedures(filing_kind: str, court_level: str) -> tuple[str, ...]:
    if filing_kind == "civil_first":
        # CPL23 Art 160: simple procedure (and small claims, Art 165) only in basic courts.
        if court_level == BASIC:
            return ("small_claims", "simple", "ordinary")
        return ("ordinary",)
    if filing_kind == "administrative_first":
        # ALL Art 82: simple procedure for administrative first instances.
        return ("simple", "ordinary") if court_level == BASIC else ("ordinary",)
    if filing_kind == "enforcement":
        return ("enforcement",)
    if filing_kind == "bankruptcy":
        return ("bankruptcy",)
    if filing_kind == "special":
        return ("special",)
    return ("other",)


def suggest_procedure(
    filing_kind: str, court_level: str, fee_kind: str, amount: Decimal | None
) -> str:
    allowed = allowed_procedures(filing_kind, court_level)
    if filing_kind != "civil_first" or court_level != BASIC:
        return allowed[-1] if filing_kind in {"civil_first", "administrative_first"} else allowed[0]
    if fee_kind == "property" and amount is not None:
        # CPL23 Art 165: claims up to 50 % of the province's average wage → small claims.
        if amount <= _wage() / 2:
            return "small_claims"
        # EXT2019 Art 4: simple civil cases up to twice the average wage → simple procedure.
        if amount <= _wage() * 2:
            return "simple"
        return "ordinary"
    if fee_kind in {"divorce", "labour", "non_property", "personality"}:
        return "simple"
    return "ordinary"
