"""Uploaded files are stored by content (sha256), byte for byte, and never deleted."""

from __future__ import annotations

import hashlib

import pytest
from django.db.models import ProtectedError

from yizhan.core.uploads import blob_path
from yizhan.filing.models import Filing, FilingAttachment

from .helpers import PDF, PNG, Api, civil_payload


def test_stored_blob_has_exactly_the_uploaded_bytes(alice, cause):
    api = Api(alice)
    fid = api.post("/filings", civil_payload()).json()["id"]
    content = PDF + b"%" + bytes(range(256)) + b"\n%%EOF\n"

    r = api.upload(f"/filings/{fid}/attachments", "evidence", content, "借条.pdf")

    assert r.status_code == 201, r.content
    att = r.json()
    sha = hashlib.sha256(content).hexdigest()
    assert (att["sha256"], att["size"], att["content_type"], att["original_name"]) == (
        sha,
        len(content),
        "application/pdf",
        "借条.pdf",
    )
    assert blob_path(sha).read_bytes() == content
    # and the owner downloads the same bytes
    download = api.client.get(f"/api/v1/filings/{fid}/attachments/{att['id']}")
    assert download.status_code == 200
    assert download.getvalue() == content
    assert download["X-Content-SHA256"] == sha


def test_type_is_judged_by_content_not_by_name(alice, cause):
    api = Api(alice)
    fid = api.post("/filings", civil_payload()).json()["id"]
    r = api.upload(f"/filings/{fid}/attachments", "identity", PNG, "身份证.pdf")
    assert r.status_code == 201, r.content
    assert r.json()["content_type"] == "image/png"


def test_same_bytes_uploaded_twice_make_two_attachments_and_one_blob(alice, cause, settings):
    api = Api(alice)
    fid = api.post("/filings", civil_payload()).json()["id"]

    first = api.upload(f"/filings/{fid}/attachments", "evidence", PDF, "a.pdf").json()
    second = api.upload(f"/filings/{fid}/attachments", "evidence", PDF, "b.pdf").json()

    assert first["id"] != second["id"]
    assert first["sha256"] == second["sha256"] == hashlib.sha256(PDF).hexdigest()
    assert FilingAttachment.objects.filter(filing_id=fid).count() == 2
    blobs = [p for p in (settings.MEDIA_ROOT / "blobs").rglob("*") if p.is_file()]
    assert blobs == [blob_path(first["sha256"])]
    assert blobs[0].read_bytes() == PDF


def test_attachments_are_never_deleted_with_their_filing(alice, cause):
    api = Api(alice)
    fid = api.post("/filings", civil_payload()).json()["id"]
    assert api.upload(f"/filings/{fid}/attachments", "complaint", PDF).status_code == 201

    with pytest.raises(ProtectedError):
        Filing.objects.get(pk=fid).delete()

    assert FilingAttachment.objects.filter(filing_id=fid).count() == 1
    assert blob_path(hashlib.sha256(PDF).hexdigest()).exists()


def test_uploads_are_refused_once_the_filing_is_submitted(alice, cause):
    from .helpers import assert_error, submitted_filing

    api = Api(alice)
    fid = submitted_filing(api)
    assert_error(api.upload(f"/filings/{fid}/attachments", "other", PDF), 409, "filing_wrong_state")
    assert FilingAttachment.objects.filter(filing_id=fid).count() == 3
