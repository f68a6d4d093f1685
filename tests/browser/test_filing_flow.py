"""The whole online-filing story in a real browser (issue #3, "Tests and proof"):

a litigant on a phone files a civil case through the wizard; a filing clerk at a desk returns
it for correction; the litigant corrects and resubmits; the clerk accepts it; the litigant
sees the case number and downloads the fee notice. Once in Chinese, once in English.

Every step also checks that the page refers to nothing outside the server, that the Chinese
web font covers the page and that the phone pages fit 375 px; with YIZHAN_SCREENSHOTS=1 each
step is saved under docs/screenshots/.
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from yizhan.rules.identifiers import resident_id_check_char

from .support import (
    BROWSER_MARKS,
    PASSWORD,
    TINY_PDF,
    Checkpoints,
    OffsiteGuard,
    one_page_pdf,
)

sync_api = pytest.importorskip("playwright.sync_api")
expect = sync_api.expect

pytestmark = BROWSER_MARKS

TEXT = {
    "zh-hans": {
        "home_h1": "一站式诉讼服务",
        "home_more": ["网上立案", "法院地址与诉讼服务时间"],
        "login": "登录",
        "save": "保存，下一步",
        "step1": "法院与类型",
        "fee": "应交诉讼费",
        "uploaded": "上传成功。",
        "upload": "上传",
        "to_review": "下一步：核对提交",
        "review_h": "请核对",
        "submit": "提交立案申请",
        "submitted": "已提交。",
        "review_step": "6. 核对提交",
        "queue_h": "待审核立案申请",
        "return": "退回补正",
        "refuse": "不予受理",
        "returned": "已退回补正（共 1 项）",
        "banner": "请补正后重新提交",
        "edit": "去修改",
        "to_correct": "需补正：",
        "resubmit": "重新提交",
        "accept": "登记立案",
        "accepted": "已立案，案号",
        "case_h": "案号：",
        "fee_notice": "交纳诉讼费用通知书",
    },
    "en": {
        "home_h1": "One-stop litigation services",
        "home_more": ["Online filing", "Court addresses and service hours"],
        "login": "Log in",
        "save": "Save and continue",
        "step1": "Court and type",
        "fee": "Court fee payable",
        "uploaded": "Uploaded.",
        "upload": "Upload",
        "to_review": "Next: review and submit",
        "review_h": None,  # checked through the submit button
        "submit": "Submit filing",
        "submitted": "Submitted.",
        "review_step": "6. Review and submit",
        "queue_h": "Filings awaiting review",
        "return": "Return for correction",
        "refuse": "Refuse to accept",
        "returned": "Returned for correction (1 item)",
        "banner": "Please correct and resubmit",
        "edit": "Edit",
        "to_correct": "To correct:",
        "resubmit": "Resubmit",
        "accept": "Accept and docket",
        "accepted": "Accepted; case number",
        "case_h": "Case number: ",
        "fee_notice": "Fee notice",
    },
}

# The English run saves only these steps (the Chinese run saves them all).
EN_SHOTS = {"home", "step3-claims", "review", "accepted"}
# Shown whole page, except these: their first screen is the point (the home page goes on
# with ten courts' addresses; the accepted filing shows the case number and fee notice first).
VIEWPORT_ONLY = {"home", "accepted"}

CORRECTION = "请写明借款本金和利息的计算方式及起止日期"
CLAIMS = "1. 判令被告归还借款本金 100000 元；\n2. 本案诉讼费用由被告负担。"
CLAIMS_FIXED = (
    "1. 判令被告归还借款本金 100000 元；\n"
    "2. 判令被告按年利率 3.45% 支付自 2025 年 1 月 1 日起至实际清偿之日止的利息；\n"
    "3. 本案诉讼费用由被告负担。"
)
DEFENDANT_ID = "44080219850315123" + resident_id_check_char("44080219850315123")


def expected_case_number() -> str:
    year = datetime.now(ZoneInfo("Asia/Shanghai")).year
    return f"（{year}）粤0802民初1号"


class Shots:
    """Numbered checkpoint names: NN-phone-slug / NN-desktop-slug (prefixed en- in English)."""

    def __init__(self, checkpoint: Checkpoints, lang: str) -> None:
        self.checkpoint, self.lang, self.n = checkpoint, lang, 0

    def name(self, slug: str, *, phone: bool) -> str | None:
        self.n += 1
        device = "phone" if phone else "desktop"
        if self.lang == "en":
            return f"en-{self.n:02d}-{device}-{slug}" if slug in EN_SHOTS else None
        return f"{self.n:02d}-{device}-{slug}"

    def __call__(self, page: Any, slug: str, *, phone: bool) -> None:
        name = self.name(slug, phone=phone)
        self.checkpoint(page, name, phone=phone, full_page=slug not in VIEWPORT_ONLY)

    def pdf(self, page: Any, url: str, slug: str) -> None:
        """Screenshot mode only: a PDF the server makes, in Chromium's own viewer."""
        name = self.name(slug, phone=False)
        if not (self.checkpoint.save and name):
            return
        page.goto(url)
        page.wait_for_timeout(2500)  # the viewer renders inside its extension: no DOM to await
        self.checkpoint.screenshot(page, name, full_page=False)


def login(page: Any, username: str, t: dict[str, Any], next_url: str = "") -> None:
    page.goto("/login/" + (f"?next={next_url}" if next_url else ""))
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.locator("main form").get_by_role("button", name=t["login"], exact=True).click()
    page.wait_for_url(lambda url: "/login/" not in url)


def save(page: Any, t: dict[str, Any], next_step: int) -> None:
    page.get_by_role("button", name=t["save"], exact=True).click()
    page.wait_for_url(re.compile(rf"/filings/\d+/step/{next_step}/$"))


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_file_return_correct_accept_and_download_fee_notice(
    lang: str,
    server: str,
    new_context: Any,
    checkpoint: Checkpoints,
    guard: OffsiteGuard,
    tmp_path: Path,
) -> None:
    t = TEXT[lang]
    shot = Shots(checkpoint, lang)
    number = expected_case_number()
    # The identity card and the evidence are the tiny PDF every upload test uses; the
    # complaint is a one-page PDF that the clerk's materials viewer can render.
    files = {
        "complaint": tmp_path / "complaint.pdf",
        "identity": tmp_path / "identity.pdf",
        "evidence": tmp_path / "evidence.pdf",
    }
    files["complaint"].write_bytes(one_page_pdf("Civil complaint - Zhang San v. Li (test upload)"))
    files["identity"].write_bytes(TINY_PDF)
    files["evidence"].write_bytes(TINY_PDF)

    # --- the litigant, on a phone --------------------------------------------------------
    phone = new_context("phone", base_url=server).new_page()
    phone.goto("/")
    if lang == "en":  # through the language switch in the header, as a visitor would
        phone.select_option("#lang-select", "en")
        phone.locator("form.lang-switch button").click()
        phone.wait_for_load_state("load")
        cookies = {c["name"]: c["value"] for c in phone.context.cookies()}
        assert cookies.get("django_language") == "en"
        expect(phone.locator("html")).to_have_attribute("lang", "en")
    expect(phone.get_by_role("heading", level=1)).to_have_text(t["home_h1"])
    for text in t["home_more"]:
        expect(phone.locator("main")).to_contain_text(text)
    shot(phone, "home", phone=True)

    login(phone, "litigant", t)
    assert phone.url.endswith("/matters/")

    # Step 1: court, kind and cause
    phone.goto("/filings/new/")
    expect(phone.locator(".steps [aria-current=step]")).to_contain_text(t["step1"])
    phone.select_option("#id_court_code", "粤0802")
    # Choosing the kind reloads the causes (htmx); a cause picked before the new list has
    # settled would be replaced with it, so wait for the swap.
    phone.evaluate(
        """() => { window.causesSettled = false;
             document.body.addEventListener("htmx:afterSettle",
               () => { window.causesSettled = true; }, { once: true }); }"""
    )
    phone.select_option("#id_kind", "civil_first")
    phone.wait_for_function("window.causesSettled")
    phone.select_option("#id_cause_code", label="民间借贷纠纷")
    shot(phone, "step1-court", phone=True)
    save(phone, t, 2)
    filing_id = int(re.search(r"/filings/(\d+)/", phone.url).group(1))  # type: ignore[union-attr]

    # Step 2: the parties (the plaintiff is the litigant, prefilled); the defendant's details
    expect(phone.locator("#id_p-0-name")).to_have_value("张三")
    phone.select_option("#id_p-1-role", "defendant")
    phone.select_option("#id_p-1-kind", "natural")
    phone.fill("#id_p-1-name", "李某某")
    phone.fill("#id_p-1-id_number", DEFENDANT_ID)
    phone.fill("#id_p-1-mobile", "13912345678")
    phone.fill("#id_p-1-address", "湛江市赤坎区中山一路 1 号")
    shot(phone, "step2-parties", phone=True)
    save(phone, t, 3)

    # Step 3: the claims; the fee estimate follows the amount as it is typed
    phone.fill("#id_claims", CLAIMS)
    phone.locator("#id_claim_amount").press_sequentially("100000")
    expect(phone.locator("#fee-estimate")).to_contain_text(t["fee"])
    expect(phone.locator("#fee-estimate strong")).to_have_text("2,300.00")
    shot(phone, "step3-claims", phone=True)
    save(phone, t, 4)

    # Step 4: facts and the evidence list
    phone.fill(
        "#id_facts", "2024 年 3 月 1 日，被告向原告借款 100000 元，约定一年后归还，至今未还。"
    )
    phone.fill("#e-0-name", "借条")
    phone.fill("#e-0-source", "原告保存")
    phone.fill("#e-0-purpose", "证明借款事实")
    shot(phone, "step4-facts", phone=True)
    save(phone, t, 5)

    # Step 5: the materials checklist, uploaded one by one (htmx re-renders each card)
    for category, path in files.items():
        card = phone.locator(f"#mat-{category}")
        card.locator("input[type=file]").set_input_files(path)
        card.get_by_role("button", name=t["upload"], exact=True).click()
        expect(card.locator(".ok-text")).to_have_text(t["uploaded"])
        expect(card.locator(".files")).to_contain_text(path.name)
    shot(phone, "step5-materials", phone=True)
    phone.get_by_role("button", name=t["to_review"]).click()
    phone.wait_for_url(re.compile(r"/step/6/$"))

    # Step 6: review and submit
    if t["review_h"]:
        expect(phone.get_by_role("heading", name=t["review_h"])).to_be_visible()
    review = phone.locator("dl.kv")
    for text in ("民间借贷纠纷", "张三", "李某某", "100,000.00", "2,300.00", "借条"):
        expect(review).to_contain_text(text)
    shot(phone, "step6-review", phone=True)
    phone.get_by_role("button", name=t["submit"]).click()
    phone.wait_for_url(re.compile(rf"/filings/{filing_id}/$"))
    expect(phone.locator(".messages")).to_contain_text(t["submitted"])
    shot(phone, "submitted", phone=True)

    # --- the filing clerk of 粤0802, at a desk --------------------------------------------
    clerk_context = new_context("desktop", base_url=server)
    if lang == "en":  # the console has no switch of its own: the same cookie
        clerk_context.add_cookies([{"name": "django_language", "value": "en", "url": server}])
    desk = clerk_context.new_page()
    login(desk, "clerk", t, next_url="/console/")
    assert desk.url.endswith("/console/")
    expect(desk.locator("#h-reviews")).to_contain_text(t["queue_h"])
    row = desk.locator("#review-rows tr", has=desk.get_by_role("link", name=f"#{filing_id}"))
    expect(row).to_contain_text("民间借贷纠纷")
    expect(row).to_contain_text("张三")
    shot(desk, "queue", phone=False)
    row.get_by_role("link", name=f"#{filing_id}", exact=True).click()
    desk.wait_for_url(re.compile(rf"/console/filings/{filing_id}/$"))
    expect(desk.locator("#h-preview ~ dl")).to_contain_text(number)
    shot(desk, "review", phone=False)

    # The decision buttons say what they do (not the status they lead to)
    expect(desk.locator("#refuse button[type=submit]")).to_have_text(t["refuse"])
    expect(desk.locator("#accept button[type=submit]")).to_have_text(t["accept"])

    # Return for correction with one item (the one-time list)
    returning = desk.locator("#return form")
    returning.locator("#id_items-0-field").select_option("claims")
    returning.locator("#id_items-0-message").fill(CORRECTION)
    returning.get_by_role("button", name=t["return"], exact=True).click()
    desk.wait_for_load_state("load")
    expect(desk.locator(".messages")).to_contain_text(t["returned"])
    expect(desk.locator("#h-corr ~ ol")).to_contain_text(CORRECTION)
    shot(desk, "returned", phone=False)

    # --- the litigant sees what to correct, corrects it and resubmits -----------------------
    phone.goto(f"/filings/{filing_id}/")
    banner = phone.locator(".banner--warn")
    expect(banner).to_contain_text(t["banner"])
    expect(banner.locator(".corrections")).to_contain_text(CORRECTION)
    shot(phone, "correction-notice", phone=True)
    banner.locator(".corrections").get_by_role("link", name=t["edit"]).click()
    phone.wait_for_url(re.compile(rf"/filings/{filing_id}/step/3/$"))
    claims_field = phone.locator(".field", has=phone.locator("#id_claims"))
    expect(claims_field.locator(".correction")).to_have_text(f"{t['to_correct']}{CORRECTION}")
    phone.fill("#id_claims", CLAIMS_FIXED)
    shot(phone, "correcting", phone=True)
    save(phone, t, 4)
    phone.get_by_role("link", name=t["review_step"]).click()
    phone.wait_for_url(re.compile(r"/step/6/$"))
    expect(phone.locator("dl.kv")).to_contain_text("年利率 3.45%")
    phone.get_by_role("button", name=t["resubmit"]).click()
    phone.wait_for_url(re.compile(rf"/filings/{filing_id}/$"))
    expect(phone.locator(".messages")).to_contain_text(t["submitted"])
    shot(phone, "resubmitted", phone=True)

    # --- the clerk accepts it --------------------------------------------------------------
    desk.goto(f"/console/filings/{filing_id}/")
    expect(desk.locator("#h-preview ~ dl")).to_contain_text(number)
    desk.locator("#accept").get_by_role("button", name=t["accept"]).click()
    desk.wait_for_url(re.compile(r"/console/cases/\d+/$"))
    case_id = int(re.search(r"/cases/(\d+)/", desk.url).group(1))  # type: ignore[union-attr]
    expect(desk.locator(".messages")).to_contain_text(f"{t['accepted']} {number}")
    shot(desk, "case", phone=False)
    shot.pdf(desk, f"/api/v1/cases/{case_id}/fee-notice.pdf", "fee-notice-pdf")

    # --- the litigant sees the case number and downloads the fee notice ----------------------
    phone.goto(f"/filings/{filing_id}/")
    expect(phone.locator("#case-h")).to_have_text(f"{t['case_h']}{number}")
    shot(phone, "accepted", phone=True)
    with phone.expect_download() as download_info:
        phone.locator("ul.docs").get_by_role("link", name=re.compile(t["fee_notice"])).click()
    download = download_info.value
    assert download.suggested_filename.endswith(".pdf")
    assert Path(download.path()).read_bytes()[:5] == b"%PDF-"

    phone.goto("/matters/")
    expect(phone.locator("main")).to_contain_text(number)
    shot(phone, "matters", phone=True)

    guard.assert_clean()
