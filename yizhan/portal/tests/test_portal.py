from __future__ import annotations

import io
import re
from urllib.parse import urlparse

import pytest
import time_machine
from django.test import Client

from yizhan.cases.models import FeeNotice
from yizhan.filing import actions
from yizhan.filing.models import Filing
from yizhan.filing.tests.conftest import PDF, Api, complete_draft

NOW = "2026-03-02 10:00 +0800"


def client_for(user) -> Client:  # type: ignore[no-untyped-def]
    c = Client()
    c.force_login(user)
    return c


def upload(
    c: Client,
    fid: int,
    category: str,
    content: bytes = PDF,
    name: str = "a.pdf",
    htmx: bool = False,
):  # type: ignore[no-untyped-def]
    f = io.BytesIO(content)
    f.name = name
    headers = {"HX-Request": "true"} if htmx else {}
    return c.post(f"/filings/{fid}/upload/", {"category": category, "file": f}, headers=headers)


def run_wizard(c: Client) -> tuple[int, list[str]]:
    """Walk the wizard like a browser; return the filing id and every page's HTML."""
    pages: list[str] = []
    r = c.get("/filings/new/")
    assert r.status_code == 200
    pages.append(r.content.decode())
    r = c.post(
        "/filings/new/", {"court_code": "粤0802", "kind": "civil_first", "cause_code": "9089"}
    )
    assert r.status_code == 302, r.content.decode()
    fid = int(re.search(r"/filings/(\d+)/step/2/", r["Location"]).group(1))  # type: ignore[union-attr]
    r = c.get(r["Location"])
    pages.append(r.content.decode())
    assert "张三" in r.content.decode()  # plaintiff prefilled with the user
    r = c.post(
        f"/filings/{fid}/step/2/",
        {
            "p-count": "2",
            "op": "add",
            "p-0-role": "plaintiff",
            "p-0-kind": "natural",
            "p-1-role": "defendant",
            "p-1-kind": "natural",
        },
    )
    assert r.content.decode().count('<fieldset class="card party">') == 3
    from yizhan.factories import resident_id

    r = c.post(
        f"/filings/{fid}/step/2/",
        {
            "p-count": "2",
            "op": "save",
            "p-0-role": "plaintiff",
            "p-0-kind": "natural",
            "p-0-name": "张三",
            "p-0-id_number": resident_id(1),
            "p-0-mobile": "13800138000",
            "p-1-role": "defendant",
            "p-1-kind": "natural",
            "p-1-name": "王五",
            "p-1-id_number": resident_id(3),
            "p-1-address": "湛江市赤坎区",
        },
    )
    assert r.status_code == 302, r.content.decode()
    r = c.get(f"/filings/{fid}/step/3/")
    pages.append(r.content.decode())
    r = c.post(f"/filings/{fid}/step/3/", {"claims": "判令被告偿还借款", "claim_amount": "100000"})
    assert r.status_code == 302, r.content.decode()
    r = c.get(f"/filings/{fid}/step/4/")
    pages.append(r.content.decode())
    r = c.post(
        f"/filings/{fid}/step/4/",
        {
            "facts": "借款到期未还。",
            "e-count": "1",
            "op": "save",
            "e-0-name": "借条",
            "e-0-source": "原告",
            "e-0-purpose": "证明借款",
        },
    )
    assert r.status_code == 302, r.content.decode()
    r = c.get(f"/filings/{fid}/step/5/")
    pages.append(r.content.decode())
    for cat in ("complaint", "identity", "evidence"):
        r = upload(c, fid, cat, htmx=True)
        assert r.status_code == 200
        assert "上传成功" in r.content.decode()
    r = c.get(f"/filings/{fid}/step/6/")
    pages.append(r.content.decode())
    return fid, pages


@pytest.mark.django_db
def test_home_lists_courts(courts):
    r = Client().get("/")
    assert r.status_code == 200
    html = r.content.decode()
    assert "湛江市赤坎区人民法院" in html
    assert "网上立案" in html
    assert "期限计算" in html


@pytest.mark.django_db
def test_register_success_and_bad_id(courts):
    from yizhan.factories import resident_id

    c = Client()
    bad = {
        "username": "newbie",
        "password": "Zhanjiang-2026",
        "real_name": "赵六",
        "id_number": "440802199001011235",
        "mobile": "13800138000",
    }
    r = c.post("/register/", bad)
    assert r.status_code == 200
    html = r.content.decode()
    # the error sits in the id_number field block, linked by aria-describedby
    assert 'id="id_id_number-err"' in html
    assert 'aria-describedby="id_id_number-hint id_id_number-err"' in html
    r = c.post("/register/", {**bad, "id_number": resident_id(77)})
    assert r.status_code == 302
    from yizhan.accounts.models import User

    assert User.objects.filter(username="newbie", real_name="赵六").exists()


@pytest.mark.django_db
def test_login_page(alice):
    c = Client()
    assert c.get("/login/").status_code == 200
    r = c.post("/login/", {"username": alice.username, "password": "test-pass-2026"})
    assert r.status_code == 302
    assert c.get("/matters/").status_code == 200


@time_machine.travel(NOW, tick=False)
@pytest.mark.django_db
def test_wizard_happy_path_to_submit(alice, cause):
    c = client_for(alice)
    fid, pages = run_wizard(c)
    assert "提交立案申请" in pages[-1]
    key = re.search(r'name="idempotency_key" value="(\w+)"', pages[-1]).group(1)  # type: ignore[union-attr]
    r = c.post(f"/filings/{fid}/submit/", {"idempotency_key": key})
    assert r.status_code == 302
    assert Filing.objects.get(pk=fid).status == "submitted"
    # A double click: same key, then a new key — both show the current state, no error page.
    r = c.post(f"/filings/{fid}/submit/", {"idempotency_key": key}, follow=True)
    assert r.status_code == 200
    assert "待审核" in r.content.decode()
    r = c.post(f"/filings/{fid}/submit/", {"idempotency_key": "other"}, follow=True)
    assert r.status_code == 200
    assert "待审核" in r.content.decode()
    assert Filing.objects.get(pk=fid).submissions == 1


@pytest.mark.django_db
def test_fee_estimate_fragment():
    r = Client().get("/fees/estimate/", {"kind": "property", "amount": "100000"})
    html = r.content.decode()
    assert "2,300.00" in html or "2300.00" in html
    r = Client().get("/fees/estimate/", {"kind": "property", "claim_amount": "abc"})
    assert r.status_code == 200
    assert "error-text" in r.content.decode()


@pytest.mark.django_db
def test_calculator_pages():
    r = Client().get("/fees/", {"kind": "property", "amount": "100000"})
    assert r.status_code == 200
    assert "2,300.00" in r.content.decode()
    r = Client().get("/periods/", {"start": "2026-09-24", "length": "7", "unit": "days"})
    assert r.status_code == 200
    assert "期间届满日" in r.content.decode()
    r = Client().get(
        "/periods/",
        {"start": "2026-01-01", "length": "15", "unit": "days"},
        headers={"HX-Request": "true"},
    )
    assert r.status_code == 200
    assert "<html" not in r.content.decode()


@time_machine.travel(NOW, tick=False)
@pytest.mark.django_db
def test_upload_errors_shown(alice, cause):
    fid = complete_draft(Api(alice))
    c = client_for(alice)
    r = upload(c, fid, "evidence", b"MZ\x90\x00not a pdf", name="x.exe", htmx=True)
    assert "只接受 PDF、JPEG、PNG" in r.content.decode()
    r = upload(c, fid, "evidence", b"%PDF-1.4\n1 0 obj", htmx=True)
    assert "损坏" in r.content.decode()


@time_machine.travel(NOW, tick=False)
@pytest.mark.django_db
def test_returned_for_correction_shows_each_message(alice, chikan_clerk, cause):
    fid = complete_draft(Api(alice))
    actions.submit_filing(fid, acting_user=alice)
    actions.return_for_correction(
        fid,
        [
            actions.CorrectionItem("claims", "诉讼请求不明确，请写明具体金额。"),
            actions.CorrectionItem("materials", "请补充借条原件扫描件。"),
        ],
        acting_user=chikan_clerk,
    )
    c = client_for(alice)
    html = c.get(f"/filings/{fid}/").content.decode()
    assert "诉讼请求不明确，请写明具体金额。" in html
    assert "请补充借条原件扫描件。" in html
    assert "2026-03-17" in html  # correction deadline banner
    step3 = c.get(f"/filings/{fid}/step/3/").content.decode()
    assert "诉讼请求不明确" in step3
    assert 'id="id_claims-err"' in step3
    # edit and resubmit
    step6 = c.get(f"/filings/{fid}/step/6/").content.decode()
    assert "重新提交" in step6
    key = re.search(r'name="idempotency_key" value="(\w+)"', step6).group(1)  # type: ignore[union-attr]
    c.post(f"/filings/{fid}/submit/", {"idempotency_key": key})
    assert Filing.objects.get(pk=fid).status == "submitted"


@time_machine.travel(NOW, tick=False)
@pytest.mark.django_db
def test_accepted_shows_case_number_and_fee(alice, chikan_clerk, cause):
    fid = complete_draft(Api(alice))
    actions.submit_filing(fid, acting_user=alice)
    case = actions.accept_filing(fid, acting_user=chikan_clerk)
    c = client_for(alice)
    html = c.get(f"/filings/{fid}/").content.decode()
    assert "（2026）粤0802民初1号" in html
    assert "2,300.00" in html
    assert f"/api/v1/cases/{case.pk}/fee-notice.pdf" in html
    assert f"/api/v1/cases/{case.pk}/acceptance-notice.pdf" in html
    assert c.get(f"/cases/{case.pk}/").status_code == 200
    assert c.get(f"/api/v1/cases/{case.pk}/fee-notice.pdf").status_code == 200
    matters = c.get("/matters/").content.decode()
    assert "（2026）粤0802民初1号" in matters


@time_machine.travel(NOW, tick=False)
@pytest.mark.django_db
def test_other_litigant_gets_404(alice, bob, chikan_clerk, cause):
    fid = complete_draft(Api(alice))
    c = client_for(bob)
    for url in (f"/filings/{fid}/", f"/filings/{fid}/step/1/", f"/filings/{fid}/step/6/"):
        r = c.get(url)
        assert r.status_code == 404, url
        assert "未找到" in r.content.decode()
    assert c.post(f"/filings/{fid}/submit/", {"idempotency_key": "k"}).status_code == 404
    assert upload(c, fid, "complaint").status_code == 404
    actions.submit_filing(fid, acting_user=alice)
    case = actions.accept_filing(fid, acting_user=chikan_clerk)
    assert c.get(f"/cases/{case.pk}/").status_code == 404
    assert Client().get(f"/filings/{fid}/").status_code == 302  # anonymous: to login


@pytest.mark.django_db
def test_english(courts):
    r = Client().get("/", headers={"Accept-Language": "en"})
    html = r.content.decode()
    assert "One-stop litigation services" in html
    assert "Online filing" in html
    c = Client()
    c.cookies["django_language"] = "en"
    assert "Fee calculator" in c.get("/fees/").content.decode()
    assert 'lang="zh-Hans"' in Client().get("/").content.decode()


EXTERNAL = re.compile(r"""(?:src|href|action)\s*=\s*["']([a-zA-Z][\w+.-]*:)?//([^/"']+)""")


@time_machine.travel(NOW, tick=False)
@pytest.mark.django_db
def test_no_external_urls(alice, chikan_clerk, cause):
    pages = [
        Client().get(u).content.decode()
        for u in ("/", "/login/", "/register/", "/fees/", "/periods/", "/services/mediation/")
    ]
    c = client_for(alice)
    fid, wizard_pages = run_wizard(c)
    pages += wizard_pages
    actions.submit_filing(fid, acting_user=alice)
    case = actions.accept_filing(fid, acting_user=chikan_clerk)
    pages += [
        c.get(u).content.decode() for u in ("/matters/", f"/filings/{fid}/", f"/cases/{case.pk}/")
    ]
    for html in pages:
        for m in EXTERNAL.finditer(html):
            assert urlparse("http://" + m.group(2)).hostname == "testserver", m.group(0)
        assert "https://" not in html
        assert "http://" not in html


@pytest.mark.django_db
def test_cause_list_reload_keeps_a_still_valid_cause(alice, cause, admin_cause):
    c = client_for(alice)
    html = c.get("/filings/new/").content.decode()
    # The kind select sends the current cause along, replaces a request still in flight and
    # keeps the cause select disabled while the new list loads.
    assert 'hx-include="#id_cause_code"' in html
    assert 'hx-sync="this:replace"' in html
    assert 'hx-disabled-elt="#id_cause_code"' in html
    kept = c.get("/filings/causes/", {"kind": "civil_first", "cause_code": cause.code})
    assert f'<option value="{cause.code}" selected>' in kept.content.decode()
    # A cause of another category is not offered for the new kind: nothing is selected.
    dropped = c.get("/filings/causes/", {"kind": "administrative_first", "cause_code": cause.code})
    body = dropped.content.decode()
    assert cause.code not in body
    assert " selected" not in body
    assert f'<option value="{admin_cause.code}">' in body


@time_machine.travel(NOW, tick=False)
@pytest.mark.django_db
def test_correction_banner_names_the_field_of_each_message(alice, chikan_clerk, cause):
    fid = complete_draft(Api(alice))
    actions.submit_filing(fid, acting_user=alice)
    actions.return_for_correction(
        fid,
        [
            actions.CorrectionItem("claims", "诉讼请求不明确。"),
            actions.CorrectionItem("claim_amount", "请写明标的额。"),
            actions.CorrectionItem("materials.identity", "身份证复印件不清晰。"),
        ],
        acting_user=chikan_clerk,
    )
    html = client_for(alice).get(f"/filings/{fid}/").content.decode()
    banner = html.split('class="corrections"')[1].split("</ol>")[0]
    assert "诉讼请求：</span><strong>诉讼请求不明确。" in banner
    assert "标的额：</span><strong>请写明标的额。" in banner
    assert "身份证明：</span><strong>身份证复印件不清晰。" in banner
    # The deadline list shows the correction deadline only (not the review deadline).
    deadlines = html.split('id="dl-h"')[1].split("</section>")[0]
    assert "补正期限" in deadlines
    assert "审核期限" not in deadlines


def _deadline_list(html: str) -> str:
    return html.split('id="dl-h"')[1].split("</section>")[0]


@time_machine.travel(NOW, tick=False)
@pytest.mark.django_db
def test_filing_page_lists_only_the_deadlines_that_still_apply(alice, chikan_clerk, cause):
    fid = complete_draft(Api(alice))
    actions.submit_filing(fid, acting_user=alice)
    c = client_for(alice)
    html = c.get(f"/filings/{fid}/").content.decode()
    assert "审核期限" in _deadline_list(html)
    actions.return_for_correction(
        fid, [actions.CorrectionItem("claims", "诉讼请求不明确。")], acting_user=chikan_clerk
    )
    actions.submit_filing(fid, acting_user=alice)  # resubmitted: correction deadline gone
    deadlines = _deadline_list(c.get(f"/filings/{fid}/").content.decode())
    assert "审核期限" in deadlines
    assert "补正期限" not in deadlines
    case = actions.accept_filing(fid, acting_user=chikan_clerk)  # accepted: the fee deadline
    due = f"{FeeNotice.objects.get(case=case).due_on:%Y-%m-%d}"
    html = c.get(f"/filings/{fid}/").content.decode()
    deadlines = _deadline_list(html)
    assert "审核期限" not in deadlines
    assert "补正期限" not in deadlines
    assert deadlines.count("交费期限") == 1
    assert html.count('<h2 id="dl-h">期限</h2>') == 1
    assert html.count("交费期限") == 1
    assert deadlines.count(due) == 1  # the payment date, once: not again in the case block
    assert due not in html.split('class="card accepted"')[1].split("</section>")[0]


@pytest.mark.django_db
def test_english_wording_has_half_width_punctuation(alice):
    c = client_for(alice)
    c.cookies["django_language"] = "en"
    html = c.get("/matters/").content.decode()
    assert "Log out (张三)" in html
    assert "（" not in html.split("<main")[0]


def test_favicon_is_linked_and_favicon_ico_redirects(db):
    html = Client().get("/login/").content.decode()
    assert '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">' in html
    r = Client().get("/favicon.ico")
    assert r.status_code == 301
    assert r["Location"] == "/static/favicon.svg"
