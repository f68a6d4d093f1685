"""Bad input is refused with {"code", "message", "fields"} and a 4xx, never a 500, and
changes nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from yizhan.factories import resident_id
from yizhan.filing.models import Filing

from .helpers import PDF, Api, assert_error, civil_payload, row_counts


def _with(**changes: Any) -> dict[str, Any]:
    payload = civil_payload()
    payload.update(changes)
    return payload


def _bad_checksum(number: str) -> str:
    return number[:-1] + ("0" if number[-1] != "0" else "1")


def _party_change(index: int, **changes: Any) -> dict[str, Any]:
    payload = civil_payload()
    payload["parties"][index].update(changes)
    return payload


@pytest.mark.parametrize(
    ("payload", "code", "fields"),
    [
        pytest.param(
            _with(parties="张三"), "invalid_input", {"parties": "须为列表"}, id="parties-not-a-list"
        ),
        pytest.param(
            _with(claim_amount=100000),
            "invalid_input",
            {"claim_amount": "须为文本"},
            id="amount-as-json-number",
        ),
        pytest.param(
            _with(court_code=None), "invalid_input", {"court_code": "须为文本"}, id="court-null"
        ),
        pytest.param(
            _with(kind="divorce"), "invalid_input", {"kind": "立案类型不正确。"}, id="unknown-kind"
        ),
        pytest.param(
            _party_change(0, role="judge"),
            "invalid_input",
            {"parties[0].role": "格式不正确"},
            id="unknown-party-role",
        ),
        pytest.param(
            _party_change(0, id_number=_bad_checksum(resident_id(1))),
            "invalid_input",
            {"parties[0].id_number": "身份证号码校验位不正确，请检查是否输错。"},
            id="bad-resident-id-checksum",
        ),
        pytest.param(
            _with(claim_amount="-1"),
            "invalid_input",
            {"claim_amount": "金额须为非负数，最多两位小数。"},
            id="negative-amount",
        ),
        pytest.param(
            _with(claim_amount="100.005"),
            "invalid_input",
            {"claim_amount": "金额须为非负数，最多两位小数。"},
            id="three-decimals",
        ),
        pytest.param(
            _with(claim_amount="NaN"),
            "invalid_input",
            {"claim_amount": "金额须为非负数，最多两位小数。"},
            id="nan-amount",
        ),
        pytest.param(
            _with(claim_amount="十万"),
            "invalid_input",
            {"claim_amount": "金额格式不正确。"},
            id="amount-not-a-number",
        ),
        pytest.param(
            _with(court_code="粤9999"),
            "unknown_court",
            {"court_code": "所选法院不存在。"},
            id="unknown-court",
        ),
        pytest.param(
            _with(cause_code="A100"),
            "cause_mismatch",
            {"cause_code": "所选案由与立案类型不符。"},
            id="administrative-cause-for-civil",
        ),
        pytest.param(
            _with(cause_code="0000"),
            "unknown_cause",
            {"cause_code": "所选案由不存在。"},
            id="unknown-cause",
        ),
    ],
)
def test_bad_filing_body_is_422_with_field_and_creates_nothing(
    alice, cause, admin_cause, payload, code, fields
):
    before = row_counts()

    body = assert_error(Api(alice).post("/filings", payload), 422, code)

    assert body["fields"] == fields
    assert row_counts() == before


def test_invalid_json_is_400_and_creates_nothing(alice, cause):
    before = row_counts()
    body = assert_error(
        Api(alice).post_raw("/filings", '{"court_code": "粤0802",'), 400, "bad_request"
    )
    assert body["fields"] == {}
    assert row_counts() == before


def test_json_array_instead_of_object_is_422(alice, cause):
    body = assert_error(Api(alice).post_raw("/filings", "[1, 2]"), 422, "invalid_input")
    assert body["fields"] == {"court_code": "必填", "kind": "必填"}


def test_bad_update_leaves_the_draft_as_it_was(alice, cause):
    api = Api(alice)
    fid = api.post("/filings", civil_payload("100000")).json()["id"]
    before = row_counts()

    assert_error(api.put(f"/filings/{fid}", _with(claim_amount="-5")), 422, "invalid_input")

    filing = Filing.objects.get(pk=fid)
    assert (str(filing.claim_amount), str(filing.fee_estimate)) == ("100000.00", "2300.00")
    assert row_counts() == before


def test_non_integer_filing_id_is_422(alice):
    body = assert_error(Api(alice).get("/filings/abc"), 422, "invalid_input")
    assert body["fields"] == {"filing_id": "须为整数"}


# --- uploads ---------------------------------------------------------------------------------


def _blob_files(settings: Any) -> list[Path]:
    root = Path(settings.MEDIA_ROOT) / "blobs"
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


@pytest.mark.parametrize(
    ("content", "status", "code", "field"),
    [
        pytest.param(
            b"This is a text file with a .pdf name\n",
            415,
            "upload_bad_type",
            "只接受 PDF、JPEG、PNG 文件（按文件内容识别）。",
            id="text-named-pdf",
        ),
        pytest.param(
            PDF[:20], 422, "upload_corrupt", "PDF 文件不完整（缺少结束标记）", id="truncated-pdf"
        ),
        pytest.param(b"", 422, "upload_empty", "文件为空。", id="empty-file"),
    ],
)
def test_bad_upload_is_refused_by_content_and_stores_nothing(
    alice, cause, settings, content, status, code, field
):
    api = Api(alice)
    fid = api.post("/filings", civil_payload()).json()["id"]
    before = row_counts()

    body = assert_error(
        api.upload(f"/filings/{fid}/attachments", "complaint", content, "起诉状.pdf"), status, code
    )

    assert body["fields"] == {"file": field}
    assert row_counts() == before
    assert _blob_files(settings) == []  # no blob, no left-over temporary file


def test_upload_over_the_size_limit_is_413(alice, cause, settings):
    settings.MAX_UPLOAD_BYTES = 16
    api = Api(alice)
    fid = api.post("/filings", civil_payload()).json()["id"]
    before = row_counts()

    body = assert_error(
        api.upload(f"/filings/{fid}/attachments", "complaint", PDF), 413, "upload_too_large"
    )

    assert body["fields"] == {"file": "超过 16 字节 上限"}
    assert row_counts() == before
    assert _blob_files(settings) == []


def test_upload_with_unknown_category_or_without_file_is_422(alice, cause):
    api = Api(alice)
    fid = api.post("/filings", civil_payload()).json()["id"]
    before = row_counts()

    body = assert_error(
        api.upload(f"/filings/{fid}/attachments", "photo", PDF), 422, "invalid_input"
    )
    assert body["fields"] == {"category": "材料类别不正确。"}
    r = api.client.post(f"/api/v1/filings/{fid}/attachments", {"category": "complaint"})
    assert assert_error(r, 422, "invalid_input")["fields"] == {"file": "必填"}
    assert row_counts() == before
