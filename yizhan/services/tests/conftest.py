"""Fixtures for the service-desk tests: real cases made through the filing flow."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from yizhan.accounts.models import Membership, Role, User
from yizhan.cases.models import Case
from yizhan.core.models import Court, Department
from yizhan.factories import user_with_role
from yizhan.filing import actions as filing_actions
from yizhan.filing.tests.helpers import (  # noqa: F401  (fixtures)
    PDF,
    Api,
    alice,
    assert_error,
    bob,
    cause,
    chikan_clerk,
    chikan_judge,
    civil_payload,
    courts,
    submitted_filing_direct,
)

LICENCE = "14408201910123456"


def open_case(filer: User, clerk: User, payload: dict[str, Any] | None = None) -> Case:
    """File and accept a case through the filing actions (the real docketing flow)."""
    filing = submitted_filing_direct(filer, payload)
    return filing_actions.accept_filing(filing.pk, acting_user=clerk)


def open_case_with_lawyer(filer: User, clerk: User) -> Case:
    """张三 (resident_id(1)) sues 王五, represented by lawyer 周律师 (LICENCE, 13900139000)."""
    p = civil_payload()
    parties = []
    for raw in p["parties"]:
        agents = []
        if raw["role"] == "plaintiff":
            agents = [
                filing_actions.AgentInput(
                    kind="lawyer",
                    name="周律师",
                    mobile="13900139000",
                    licence_no=LICENCE,
                    law_firm="广东某律师事务所",
                )
            ]
        parties.append(filing_actions.PartyInput(**raw, agents=agents))
    data = filing_actions.FilingInput(
        **{k: v for k, v in p.items() if k != "parties"}, parties=parties
    )
    filing = filing_actions.create_filing(data, acting_user=filer)
    for cat in ("complaint", "identity", "evidence"):
        filing_actions.add_attachment(
            filing.pk, category=cat, upload=SimpleUploadedFile(f"{cat}.pdf", PDF), acting_user=filer
        )
    filing_actions.submit_filing(filing.pk, acting_user=filer)
    return filing_actions.accept_filing(filing.pk, acting_user=clerk)


@pytest.fixture
def chikan(courts: dict[str, Court]) -> Court:  # noqa: F811
    return courts["粤0802"]


@pytest.fixture
def agent(chikan: Court) -> User:
    return user_with_role(Role.HOTLINE_AGENT, chikan, real_name="刘坐席", id_number=None)


@pytest.fixture
def civil_division(chikan: Court) -> Department:
    return Department.objects.create(court=chikan, name="民事审判第一庭", kind="civil")


@pytest.fixture
def chief(chikan: Court, civil_division: Department) -> User:
    u = user_with_role(Role.DIVISION_CHIEF, chikan, real_name="赵庭长", id_number=None)
    Membership.objects.filter(user=u).update(department=civil_division)
    return u


@pytest.fixture
def petition_officer(chikan: Court) -> User:
    return user_with_role(Role.PETITION_OFFICER, chikan, real_name="孙信访", id_number=None)
