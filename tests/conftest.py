"""Fixtures of the cross-app sweeps (tests/test_api_no_500.py, tests/test_pages_no_500.py)."""

from __future__ import annotations

import pytest
from django.test import Client

from yizhan.accounts.models import STAFF_ROLES, Membership
from yizhan.factories import CourtFactory, UserFactory, litigant, resident_id


@pytest.fixture
def sweep_clients(db: None) -> dict[str, Client]:
    """An anonymous client, a litigant's (张三) and a staff member's (李四, every staff role at
    粤0802, so that role gates let a request reach as far as it can), logged in by session."""
    court = CourtFactory(code="粤0802", name="湛江市赤坎区人民法院", level="basic")
    staff = UserFactory(real_name="李四", id_number=None)
    for role in sorted(STAFF_ROLES):
        Membership.objects.create(user=staff, role=role, court=court)
    people = {
        "anonymous": None,
        "litigant": litigant(real_name="张三", id_number=resident_id(1)),
        "staff": staff,
    }
    clients = {}
    for name, user in people.items():
        client = Client()
        if user is not None:
            client.force_login(user)
        clients[name] = client
    return clients


def sweep_objects(names: set[str], clients: dict[str, Client]) -> dict[str, int]:
    """Real objects for the path parameters ``names`` of an operation, so that body variants
    reach the code behind the access gates: a filing of 张三 submitted to 粤0802 (and its
    first attachment), a case accepted from another of his filings (and its fee notice), a
    mediation matter he applied for. Other parameters get no object (the sweep uses 1)."""
    from yizhan.accounts.models import User
    from yizhan.cases.models import FeeNotice
    from yizhan.factories import CauseFactory
    from yizhan.filing import actions as filing_actions
    from yizhan.filing.tests.helpers import submitted_filing_direct
    from yizhan.mediation.tests.conftest import matter_payload

    found: dict[str, int] = {}
    if not names & {"filing_id", "attachment_id", "case_id", "notice_id", "matter_id"}:
        return found
    CauseFactory()
    filer = User.objects.get(real_name="张三")
    staff = User.objects.get(real_name="李四")
    if names & {"filing_id", "attachment_id"}:
        filing = submitted_filing_direct(filer)
        found["filing_id"] = filing.pk
        found["attachment_id"] = filing.attachments.order_by("pk")[0].pk
    if names & {"case_id", "notice_id"}:
        case = filing_actions.accept_filing(submitted_filing_direct(filer).pk, acting_user=staff)
        found["case_id"] = case.pk
        notice = FeeNotice.objects.filter(case=case).first()
        found["notice_id"] = notice.pk if notice else 1
    if "matter_id" in names:
        r = clients["litigant"].post(
            "/api/v1/mediation/matters", matter_payload(), content_type="application/json"
        )
        assert r.status_code == 201, r.content
        found["matter_id"] = r.json()["id"]
    return found
