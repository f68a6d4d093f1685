from __future__ import annotations

import io
from typing import Any

import pytest
from django.test import Client

from yizhan.factories import CauseFactory, clerk, demo_courts, litigant, resident_id

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 13 + b"\x00\x00\x00\x00IEND\xaeB`\x82")


class Api:
    """A thin JSON client for /api/v1 with a logged-in user."""

    def __init__(self, user: Any | None = None) -> None:
        self.client = Client()
        if user is not None:
            self.client.force_login(user)

    def get(self, path: str, **params: Any) -> Any:
        return self.client.get(f"/api/v1{path}", params)

    def post(self, path: str, data: Any = None, headers: dict[str, str] | None = None) -> Any:
        return self.client.post(f"/api/v1{path}", data or {}, content_type="application/json",
                                headers=headers or {})

    def put(self, path: str, data: Any) -> Any:
        return self.client.put(f"/api/v1{path}", data, content_type="application/json")

    def upload(self, path: str, category: str, content: bytes, name: str = "a.pdf") -> Any:
        f = io.BytesIO(content)
        f.name = name
        return self.client.post(f"/api/v1{path}", {"category": category, "file": f})


@pytest.fixture
def courts(db):  # type: ignore[no-untyped-def]
    return demo_courts()


@pytest.fixture
def cause(db):  # type: ignore[no-untyped-def]
    return CauseFactory()


@pytest.fixture
def alice(courts):  # type: ignore[no-untyped-def]
    return litigant(real_name="张三", id_number=resident_id(1))


@pytest.fixture
def bob(courts):  # type: ignore[no-untyped-def]
    return litigant(real_name="李四", id_number=resident_id(2))


@pytest.fixture
def chikan_clerk(courts):  # type: ignore[no-untyped-def]
    return clerk(courts["粤0802"], real_name="陈立案")


@pytest.fixture
def xiashan_clerk(courts):  # type: ignore[no-untyped-def]
    return clerk(courts["粤0803"], real_name="林立案")


def civil_payload(amount: str = "100000", court: str = "粤0802", plaintiff_id: str | None = None
                  ) -> dict[str, Any]:
    return {
        "court_code": court,
        "kind": "civil_first",
        "cause_code": "9089",
        "claims": "判令被告偿还借款本金及利息",
        "claim_amount": amount,
        "facts": "被告于 2025 年向原告借款，到期未还。",
        "evidence": [{"name": "借条", "source": "原告", "purpose": "证明借款事实"}],
        "parties": [
            {"role": "plaintiff", "kind": "natural", "name": "张三",
             "id_number": plaintiff_id or resident_id(1), "mobile": "13800138000"},
            {"role": "defendant", "kind": "natural", "name": "王五",
             "id_number": resident_id(3), "address": "湛江市赤坎区"},
        ],
    }


def complete_draft(api: Api, payload: dict[str, Any] | None = None) -> int:
    r = api.post("/filings", payload or civil_payload())
    assert r.status_code == 201, r.content
    fid: int = r.json()["id"]
    for cat in ("complaint", "identity", "evidence"):
        up = api.upload(f"/filings/{fid}/attachments", cat, PDF)
        assert up.status_code == 201, up.content
    return fid
