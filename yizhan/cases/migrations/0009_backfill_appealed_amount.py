"""Backfill ``appealed_amount`` on appeal fee notices issued before 0008 stored it.

``cases.actions._appeal_fee`` charges an appellant's fee on the part it contests (FEE Art 17;
the whole first-instance claim when none was given) with the ordinary schedule, and the notice
keeps the fee rules' basis lines (``[FEE Art 17 line, *quote(kind, amount).basis]``). Where the
amount reached a band of the schedule, the last band line ends at the amount itself
("10,000 至 10,001 元部分 × 2.5% = 0.025 元"): the contested amount is read from it, and kept
only if quoting the fee again on it gives the notice's fee and the same band lines (and it is
no more than the claim, FEE Art 17). Nothing else is written.

Left null, because the amount cannot be known exactly: notices whose fee is a flat figure that
does not depend on the amount (property claims up to 10,000: 50 per case; divorce property up
to 200,000; personality damages up to 50,000; other non-property, labour, IP without amount:
FEE Art 13), notices whose basis lines do not match their fee, and free notices (FEE Art 8).
For a flat fee halving the rounded fee (what ``settle_fees`` still does for a null amount) is
exact anyway (a whole-yuan fee halved is whole fen), so no halving changes there.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from django.db import migrations

_NUMBER = r"[\d,]+(?:\.\d{1,2})?"
BAND_LINE = re.compile(rf"^({_NUMBER}) 至 ({_NUMBER}) 元部分 × ")


def _band_lines(basis: list[str]) -> list[str]:
    return [line for line in basis if isinstance(line, str) and BAND_LINE.match(line)]


def derive_appealed_amount(
    basis: list[str], fee_kind: str, full_fee: Decimal, claim: Decimal | None
) -> Decimal | None:
    """The contested amount a notice's fee was computed on, when its basis lines give it
    exactly and the fee rules reproduce the notice's fee from it; else None."""
    from yizhan.core.fees import quote

    if not fee_kind or fee_kind == "none":
        return None
    lines = _band_lines(list(basis or []))
    if not lines:
        return None  # a flat fee: the amount is not recorded anywhere
    match = BAND_LINE.match(lines[-1])
    assert match is not None
    try:
        amount = Decimal(match.group(2).replace(",", ""))
    except InvalidOperation:
        return None
    if amount <= 0 or (claim is not None and amount > claim):
        return None
    try:
        q = quote(fee_kind, amount, procedure="ordinary")
    except Exception:  # an unknown kind or an amount the rules refuse: not derivable
        return None
    if q.full_fee != full_fee or _band_lines(list(q.basis)) != lines:
        return None
    return amount


def backfill(apps, schema_editor):
    FeeNotice = apps.get_model("cases", "FeeNotice")
    SupplementaryFeeNotice = apps.get_model("cases", "SupplementaryFeeNotice")
    firsts = FeeNotice.objects.filter(
        appealed_amount__isnull=True, case__relation="appeal"
    ).select_related("case")
    for notice in firsts.iterator():
        amount = derive_appealed_amount(
            notice.basis, notice.fee_kind, notice.full_fee, notice.case.claim_amount
        )
        if amount is not None:
            FeeNotice.objects.filter(pk=notice.pk).update(appealed_amount=amount)
    later = SupplementaryFeeNotice.objects.filter(
        appealed_amount__isnull=True, reason="appeal_second_appellant"
    ).select_related("case")
    for notice in later.iterator():
        amount = derive_appealed_amount(
            notice.basis, notice.fee_kind, notice.full_fee, notice.case.claim_amount
        )
        if amount is not None:
            SupplementaryFeeNotice.objects.filter(pk=notice.pk).update(appealed_amount=amount)


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0008_appeal_fee_appealed_amount"),
    ]

    operations = [
        # Reversing leaves the amounts: they are the ones the fees were computed on.
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
