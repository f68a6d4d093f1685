"""A party name with a character no vendored font has: the notice PDFs are refused with a clear
422 (``uncovered_character``), never a 500 and never a PDF with the character missing; a name
with 𠮷 (U+20BB7, Ext. B, printed from the rare-character fallback) gives the PDF as usual."""

from __future__ import annotations

from .helpers import Api, assert_error, civil_payload, submitted_filing

NOWHERE = "\U00031350"  # CJK Ext. G: in no vendored font (tests/test_pdf_fonts.py)


def _case_with_plaintiff(alice, clerk, name: str) -> int:
    """The notices are addressed to the plaintiff: its name is printed on both."""
    payload = civil_payload()
    payload["parties"][0]["name"] = name
    fid = submitted_filing(Api(alice), payload)
    r = Api(clerk).post(f"/review/filings/{fid}/accept", {})
    assert r.status_code == 200, r.content
    case_id: int = r.json()["case_id"]
    return case_id


def test_notice_with_a_character_in_no_font_is_refused_with_422(alice, chikan_clerk, cause):
    case_id = _case_with_plaintiff(alice, chikan_clerk, f"张{NOWHERE}")
    for doc in ("acceptance-notice.pdf", "fee-notice.pdf"):
        r = Api(chikan_clerk).get(f"/cases/{case_id}/{doc}")
        assert (r.status_code, r["Content-Type"]) == (422, "application/json; charset=utf-8")
        body = assert_error(r, 422, "uncovered_character")
        assert body["fields"] == {"characters": ["U+31350"]}
        assert body["message"].startswith(f"文书中有字体无法显示的字符：{NOWHERE}（U+31350）。")


def test_notice_with_an_ext_b_character_is_printed(alice, chikan_clerk, cause):
    case_id = _case_with_plaintiff(alice, chikan_clerk, "\U00020bb7三")
    r = Api(chikan_clerk).get(f"/cases/{case_id}/acceptance-notice.pdf")
    assert r.status_code == 200, r.content
    assert r.content.startswith(b"%PDF")
