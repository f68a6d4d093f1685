"""Test helpers shared by the API tests of every app: a JSON client for /api/v1, valid file
bytes, request bodies, the usual cast (courts, litigants, clerks, a judge) as fixtures.

App conftests import the fixtures they need from here."""

from __future__ import annotations

import io
from typing import Any, cast

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from yizhan.accounts.models import Role, User
from yizhan.audit.models import AuditEvent
from yizhan.cases.models import Case, Cause
from yizhan.core.models import Court
from yizhan.factories import CauseFactory, clerk, demo_courts, litigant, resident_id, user_with_role
from yizhan.filing import actions
from yizhan.filing.models import Filing, FilingAttachment, FilingEvent

# Smallest files the upload check accepts (yizhan.core.uploads.sniff).
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 13 + b"\x00\x00\x00\x00IEND\xaeB`\x82"
MATERIALS = ("complaint", "identity", "evidence")


class Api:
    """A thin JSON client for /api/v1: logged in through the session, or with a bearer token."""

    def __init__(self, user: Any | None = None, *, token: str | None = None) -> None:
        self.client = Client()
        self.headers: dict[str, str] = {}
        if user is not None:
            self.client.force_login(user)
        if token is not None:
            self.headers["Authorization"] = f"Bearer {token}"

    def _h(self, headers: dict[str, str] | None) -> dict[str, str]:
        return {**self.headers, **(headers or {})}

    def get(self, path: str, **params: Any) -> Any:
        return self.client.get(f"/api/v1{path}", params, headers=self.headers)

    def post(self, path: str, data: Any = None, headers: dict[str, str] | None = None) -> Any:
        return self.client.post(
            f"/api/v1{path}", data or {}, content_type="application/json", headers=self._h(headers)
        )

    def post_raw(self, path: str, body: str | bytes) -> Any:
        return self.client.post(
            f"/api/v1{path}", body, content_type="application/json", headers=self.headers
        )

    def put(self, path: str, data: Any) -> Any:
        return self.client.put(
            f"/api/v1{path}", data, content_type="application/json", headers=self.headers
        )

    def upload(self, path: str, category: str, content: bytes, name: str = "a.pdf") -> Any:
        f = io.BytesIO(content)
        f.name = name
        return self.client.post(
            f"/api/v1{path}", {"category": category, "file": f}, headers=self.headers
        )


def civil_payload(
    amount: str | None = "100000", court: str = "粤0802", plaintiff_id: str | None = None
) -> dict[str, Any]:
    """A 民间借贷 claim by 张三 (resident_id(1)) against 王五."""
    return {
        "court_code": court,
        "kind": "civil_first",
        "cause_code": "9089",
        "claims": "判令被告偿还借款本金及利息",
        "claim_amount": amount,
        "facts": "被告于 2025 年向原告借款，到期未还。",
        "evidence": [{"name": "借条", "source": "原告", "purpose": "证明借款事实"}],
        "parties": [
            {
                "role": "plaintiff",
                "kind": "natural",
                "name": "张三",
                "id_number": plaintiff_id or resident_id(1),
                "mobile": "13800138000",
            },
            {
                "role": "defendant",
                "kind": "natural",
                "name": "王五",
                "id_number": resident_id(3),
                "address": "湛江市赤坎区",
            },
        ],
    }


def administrative_payload(court: str = "粤0802") -> dict[str, Any]:
    """张三 challenges an administrative penalty (行政处罚, cause A100)."""
    return {
        "court_code": court,
        "kind": "administrative_first",
        "cause_code": "A100",
        "claims": "撤销被告作出的行政处罚决定",
        "facts": "被告对原告作出罚款决定。",
        "parties": [
            {"role": "plaintiff", "kind": "natural", "name": "张三", "id_number": resident_id(1)},
            {"role": "defendant", "kind": "legal", "name": "湛江市赤坎区市场监督管理局"},
        ],
    }


def complete_draft(api: Api, payload: dict[str, Any] | None = None) -> int:
    """Create a filing through the API and upload the three required materials."""
    r = api.post("/filings", payload or civil_payload())
    assert r.status_code == 201, r.content
    fid: int = r.json()["id"]
    for cat in MATERIALS:
        up = api.upload(f"/filings/{fid}/attachments", cat, PDF)
        assert up.status_code == 201, up.content
    return fid


def submitted_filing(api: Api, payload: dict[str, Any] | None = None) -> int:
    fid = complete_draft(api, payload)
    r = api.post(f"/filings/{fid}/submit")
    assert r.status_code == 200, r.content
    return fid


def _party_inputs(payload: dict[str, Any]) -> list[actions.PartyInput]:
    return [
        actions.PartyInput(**{k: v for k, v in p.items() if k != "agents"})
        for p in payload["parties"]
    ]


def submitted_filing_direct(user: User, payload: dict[str, Any] | None = None) -> Filing:
    """The same as :func:`submitted_filing` through the actions, without HTTP (fast setup)."""
    payload = payload or civil_payload()
    data = actions.FilingInput(
        **{k: v for k, v in payload.items() if k != "parties"}, parties=_party_inputs(payload)
    )
    filing = actions.create_filing(data, acting_user=user)
    for cat in MATERIALS:
        actions.add_attachment(
            filing.pk,
            category=cat,
            upload=SimpleUploadedFile(f"{cat}.pdf", PDF),
            acting_user=user,
        )
    return actions.submit_filing(filing.pk, acting_user=user)


def row_counts() -> dict[str, int]:
    """Rows a failed request must leave untouched."""
    return {
        "filings": Filing.objects.count(),
        "attachments": FilingAttachment.objects.count(),
        "filing_events": FilingEvent.objects.count(),
        "cases": Case.objects.count(),
        "audit": AuditEvent.objects.count(),
    }


def assert_error(response: Any, status: int, code: str) -> dict[str, Any]:
    """The error envelope: exactly ``{"code", "message", "fields"}``."""
    assert response.status_code == status, response.content
    body: dict[str, Any] = response.json()
    assert set(body) == {"code", "message", "fields"}
    assert body["code"] == code
    assert body["message"]
    return body


# --- fixtures --------------------------------------------------------------------------------


@pytest.fixture
def courts(db: None) -> dict[str, Court]:
    return demo_courts()


@pytest.fixture
def cause(db: None) -> Cause:
    return cast(Cause, CauseFactory())


@pytest.fixture
def admin_cause(db: None) -> Cause:
    made = CauseFactory(
        code="A100", name="行政处罚", category="administrative", fee_kind="administrative"
    )
    return cast(Cause, made)


@pytest.fixture
def alice(courts: dict[str, Court]) -> User:
    return litigant(real_name="张三", id_number=resident_id(1))


@pytest.fixture
def bob(courts: dict[str, Court]) -> User:
    return litigant(real_name="李四", id_number=resident_id(2))


@pytest.fixture
def chikan_clerk(courts: dict[str, Court]) -> User:
    return clerk(courts["粤0802"], real_name="陈立案")


@pytest.fixture
def xiashan_clerk(courts: dict[str, Court]) -> User:
    return clerk(courts["粤0803"], real_name="林立案")


@pytest.fixture
def chikan_judge(courts: dict[str, Court]) -> User:
    return user_with_role(Role.JUDGE, courts["粤0802"], real_name="王法官", id_number=None)
