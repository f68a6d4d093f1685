"""结案: closing dates (TL2000 Art 10), closed within limit, documents, fee settlement."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
import time_machine

from yizhan.cases.models import CaseRole
from yizhan.core.errors import DomainError
from yizhan.publication.models import JudgmentDocument, PublicationDraft
from yizhan.trial import actions

from .conftest import make_case, party

pytestmark = pytest.mark.django_db
FILED = date(2026, 3, 2)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _mediated(chikan, cast, *, post: bool, procedure: str = "ordinary"):
    case = make_case(chikan, filed_on=FILED, judge=cast["judge"], fee=True, procedure=procedure)
    j = cast["judge"]
    with time_machine.travel(date(2026, 4, 20)):
        doc = actions.upload_document(
            case.pk,
            doc_type="mediation",
            title="民事调解书",
            decided_on=date(2026, 4, 9),
            chunks=[PDF],
            acting_user=j,
        )
        actions.record_service(
            case.pk,
            party_id=party(case, CaseRole.PLAINTIFF).pk,
            method="direct",
            served_on=date(2026, 4, 10),
            document_id=doc.pk,
            acting_user=j,
        )
        if post:
            actions.record_service(
                case.pk,
                party_id=party(case, CaseRole.DEFENDANT).pk,
                method="post",
                sent_on=date(2026, 4, 13),
                served_on=date(2026, 4, 16),
                document_id=doc.pk,
                acting_user=j,
            )
        else:
            actions.record_service(
                case.pk,
                party_id=party(case, CaseRole.DEFENDANT).pk,
                method="left",
                served_on=date(2026, 4, 15),
                document_id=doc.pk,
                acting_user=j,
            )
        closed = actions.close_case(case.pk, method="mediation", acting_user=j)
    return case, doc, closed


def test_mediated_case_closes_on_the_posting_date_to_the_last_party(chikan, cast):
    _, _, closed = _mediated(chikan, cast, post=True)
    assert closed.closed_on == date(2026, 4, 13)  # TL2000 Art 10: 邮寄 → posting date
    assert closed.closed_within_limit is True


def test_mediated_case_closes_on_the_day_left_at_the_residence(chikan, cast):
    _, _, closed = _mediated(chikan, cast, post=False)
    assert closed.closed_on == date(2026, 4, 15)  # 留置送达


def test_mediation_not_served_on_every_party_cannot_close(chikan, cast):
    case = make_case(chikan, filed_on=FILED, judge=cast["judge"])
    with time_machine.travel(date(2026, 4, 20)):
        doc = actions.upload_document(
            case.pk,
            doc_type="mediation",
            title="民事调解书",
            decided_on=date(2026, 4, 9),
            chunks=[PDF],
            acting_user=cast["judge"],
        )
        actions.record_service(
            case.pk,
            party_id=party(case, CaseRole.PLAINTIFF).pk,
            method="direct",
            served_on=date(2026, 4, 10),
            document_id=doc.pk,
            acting_user=cast["judge"],
        )
        with pytest.raises(DomainError) as e:
            actions.close_case(case.pk, method="mediation", acting_user=cast["judge"])
    assert e.value.code == "not_served"


def test_announcement_counts_from_publication_and_is_served_thirty_days_later(chikan, cast):
    case = make_case(chikan, filed_on=FILED, judge=cast["judge"])
    with time_machine.travel(date(2026, 5, 20)):
        rec = actions.record_service(
            case.pk,
            party_id=party(case, CaseRole.DEFENDANT).pk,
            method="announcement",
            sent_on=date(2026, 4, 1),
            acting_user=cast["judge"],
        )
    assert rec.served_on == date(2026, 5, 1)  # CPL23 Art 95


def test_judgment_closes_on_pronouncement_and_late_closure_is_flagged(chikan, cast):
    case = make_case(chikan, filed_on=FILED, procedure="simple", judge=cast["judge"])
    with time_machine.travel(date(2026, 6, 10)):
        closed = actions.close_case(
            case.pk,
            method="judgment",
            decided_on=date(2026, 6, 3),
            pronounced_in_court=True,
            acting_user=cast["judge"],
        )
    assert (closed.closed_on, closed.closed_within_limit) == (date(2026, 6, 3), False)
    assert closed.pronounced_in_court is True


def test_closure_method_must_fit_the_case_type(chikan, cast):
    case = make_case(chikan, filed_on=FILED, judge=cast["judge"])
    with pytest.raises(DomainError) as e:
        actions.close_case(case.pk, method="executed", decided_on=FILED, acting_user=cast["judge"])
    assert e.value.code == "closure_invalid"


def test_judge_outside_the_panel_cannot_close(chikan, cast):
    case = make_case(chikan, filed_on=FILED, judge=cast["judge"])
    with pytest.raises(DomainError) as e:
        actions.close_case(
            case.pk, method="judgment", decided_on=FILED, acting_user=cast["outsider"]
        )
    assert e.value.status == 403


def test_mediation_halves_the_fee_once_and_refunds_within_fifteen_days(chikan, cast):
    case, doc, _ = _mediated(chikan, cast, post=True)
    p, d = case.case_parties.get(role="plaintiff"), case.case_parties.get(role="defendant")
    with time_machine.travel(date(2026, 4, 20)):
        s = actions.settle_fees(
            case.pk, shares=[(p.pk, Decimal(50)), (d.pk, Decimal(50))], acting_user=cast["judge"]
        )
        assert (s.final_fee, s.halved, s.refund_amount) == (
            Decimal("1150.00"),
            True,
            Decimal("1725.00"),
        )  # FEE Art 15
        actions.mark_effective(doc.pk, effective_on=date(2026, 4, 13), acting_user=cast["judge"])
        with pytest.raises(DomainError) as e:
            actions.settle_fees(case.pk, acting_user=cast["judge"])
        assert e.value.code == "already_settled"
    s.refresh_from_db()
    assert s.refund_due == date(2026, 4, 28)  # FEE Art 53
    assert JudgmentDocument.objects.filter(case=case, doc_type="mediation").count() == 1
    # Publication rules 2016 Art 7: the de-identified draft exists at once, due 7 working
    # days after the document took effect (2026-04-13 → 2026-04-22).
    draft = PublicationDraft.objects.get(document__case=case)
    assert (draft.status, draft.due_on) == ("draft", date(2026, 4, 22))


def test_simple_procedure_mediated_fee_is_halved_only_once(chikan, cast):
    case, _, _ = _mediated(chikan, cast, post=True, procedure="simple")
    p, d = case.case_parties.get(role="plaintiff"), case.case_parties.get(role="defendant")
    with time_machine.travel(date(2026, 4, 20)):
        s = actions.settle_fees(
            case.pk, shares=[(p.pk, Decimal(100)), (d.pk, Decimal(0))], acting_user=cast["judge"]
        )
    assert s.final_fee == Decimal("1150.00")  # CPLI Art 206


def test_loser_pays_after_a_judgment(chikan, cast):
    case = make_case(chikan, filed_on=FILED, judge=cast["judge"], fee=True)
    with time_machine.travel(date(2026, 5, 10)):
        actions.close_case(
            case.pk, method="judgment", decided_on=date(2026, 5, 8), acting_user=cast["judge"]
        )
        s = actions.settle_fees(case.pk, acting_user=cast["judge"])
    assert [(r["name"], r["amount"]) for r in s.shares] == [("王五", "2300.00")]  # FEE Art 29
    assert s.refund_amount == Decimal("2300.00")


def test_shares_must_add_up_to_100(chikan, cast):
    case = make_case(chikan, filed_on=FILED, judge=cast["judge"], fee=True)
    p = case.case_parties.get(role="plaintiff")
    with time_machine.travel(date(2026, 5, 10)):
        actions.close_case(
            case.pk, method="judgment", decided_on=date(2026, 5, 8), acting_user=cast["judge"]
        )
        with pytest.raises(DomainError) as e:
            actions.settle_fees(case.pk, shares=[(p.pk, Decimal(60))], acting_user=cast["judge"])
    assert e.value.code == "shares_invalid"


def test_generated_judgment_is_a_pdf(chikan, cast):
    case = make_case(chikan, filed_on=FILED, judge=cast["judge"])
    with time_machine.travel(date(2026, 5, 10)):
        doc = actions.generate_document(
            case.pk,
            doc_type="judgment",
            title="民事判决书",
            text="原告张三诉被告王五民间借贷纠纷一案……判决如下：",
            decided_on=date(2026, 5, 8),
            acting_user=cast["judge"],
        )
    from yizhan.core.uploads import blob_path

    assert blob_path(doc.sha256).read_bytes().startswith(b"%PDF-")


def test_upload_rejects_a_non_pdf(chikan, cast):
    case = make_case(chikan, filed_on=FILED, judge=cast["judge"])
    with pytest.raises(DomainError) as e:
        actions.upload_document(
            case.pk,
            doc_type="judgment",
            title="判决书",
            decided_on=FILED,
            chunks=[b"hello"],
            acting_user=cast["judge"],
        )
    assert e.value.code == "upload_rejected"
