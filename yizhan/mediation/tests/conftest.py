"""Fixtures for the mediation tests: the roster of 赤坎 court, mediators with accounts, and a
matter between 张三 (alice) and 李四 (bob)."""

from __future__ import annotations

from typing import Any

import pytest

from yizhan.accounts.models import Role, User
from yizhan.core.models import Court
from yizhan.factories import resident_id, user_with_role
from yizhan.filing.tests.helpers import (  # noqa: F401
    Api,
    admin_cause,
    alice,
    bob,
    cause,
    chikan_clerk,
    chikan_judge,
    courts,
    xiashan_clerk,
)
from yizhan.mediation.models import Mediator, Organisation


def mediator_account(court: Court, org: Organisation, name: str, **kwargs: Any) -> Mediator:
    user = user_with_role(Role.MEDIATOR, court, real_name=name, id_number=None)
    return Mediator.objects.create(organisation=org, user=user, name=name, **kwargs)


@pytest.fixture
def committee(courts: dict[str, Court]) -> Organisation:  # noqa: F811
    return Organisation.objects.create(
        court=courts["粤0802"],
        name="赤坎区人民调解委员会",
        kind="peoples_committee",
        regions=["赤坎区"],
    )


@pytest.fixture
def finance_centre(courts: dict[str, Court]) -> Organisation:  # noqa: F811
    return Organisation.objects.create(
        court=courts["粤0802"],
        name="湛江金融纠纷调解中心",
        kind="financial_centre",
        regions=["湛江市"],
    )


@pytest.fixture
def mediator(courts: dict[str, Court], committee: Organisation) -> Mediator:  # noqa: F811
    return mediator_account(
        courts["粤0802"], committee, "周调解", specialties=["commerce"], regions=["赤坎区"]
    )


@pytest.fixture
def other_mediator(courts: dict[str, Court], finance_centre: Organisation) -> Mediator:  # noqa: F811
    return mediator_account(
        courts["粤0802"], finance_centre, "吴调解", specialties=["finance"], is_coordinator=True
    )


@pytest.fixture
def carol(courts: dict[str, Court]) -> User:  # noqa: F811
    from yizhan.factories import litigant

    return litigant(real_name="赵六", id_number=resident_id(6))


def matter_payload(court: str = "粤0802", amount: str | None = "50000") -> dict[str, Any]:
    return {
        "court_code": court,
        "claims": "请求被申请人偿还借款 50000 元",
        "claim_amount": amount,
        "cause_code": "9089",
        "facts": "被申请人借款到期未还。",
        "specialty": "commerce",
        "region": "赤坎区",
        "evidence": [{"name": "借条", "source": "申请人", "purpose": "证明借款"}],
        "parties": [
            {"role": "applicant", "kind": "natural", "name": "张三", "id_number": resident_id(1),
             "mobile": "13800138000"},
            {"role": "respondent", "kind": "natural", "name": "李四",
             "id_number": resident_id(2)},
        ],
    }  # fmt: skip
