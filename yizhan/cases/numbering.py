"""Taking the next case number (案件编号) without ever repeating one.

法〔2015〕137号 Art 10 (as amended 2018): numbers run per court, receipt year, special code
and type code, in order of receipt. The sequence row is locked for the rest of the docketing
transaction (SELECT ... FOR UPDATE on PostgreSQL; SQLite's IMMEDIATE transactions already
serialise writers), and the unique constraint on the case's number parts is the backstop.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction

from yizhan.core.models import Court
from yizhan.rules.case_numbers import CaseNumber

from .models import CaseNumberSequence


def next_number(court: Court, year: int, type_code: str, special_code: str = "") -> CaseNumber:
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("next_number() must run inside the docketing transaction")
    key = {"court": court, "year": year, "special_code": special_code, "type_code": type_code}
    row = CaseNumberSequence.objects.select_for_update().filter(**key).first()
    if row is None:
        try:
            with transaction.atomic():
                row = CaseNumberSequence.objects.create(**key, last_seq=0)
        except IntegrityError:
            # Another clerk created the row first; wait for their lock and continue from it.
            row = CaseNumberSequence.objects.select_for_update().get(**key)
        else:
            row = CaseNumberSequence.objects.select_for_update().get(pk=row.pk)
    row.last_seq += 1
    row.save(update_fields=["last_seq"])
    return CaseNumber(year, court.code, special_code, type_code, row.last_seq)


def peek_next_number(court: Court, year: int, type_code: str, special_code: str = "") -> CaseNumber:
    """The number the next docketing would take (for the reviewer's preview; not reserved)."""
    row = CaseNumberSequence.objects.filter(
        court=court, year=year, special_code=special_code, type_code=type_code
    ).first()
    return CaseNumber(year, court.code, special_code, type_code, (row.last_seq if row else 0) + 1)
