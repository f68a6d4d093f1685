"""A litigant cannot open another litigant's matter by its URL: the filing, its wizard steps,
the case and its fee notice all answer 404 (not 403: the URL does not even confirm that the
matter exists)."""

from __future__ import annotations

from typing import Any

import pytest

from .support import BROWSER_MARKS, PASSWORD, Checkpoints, OffsiteGuard

sync_api = pytest.importorskip("playwright.sync_api")
expect = sync_api.expect

pytestmark = BROWSER_MARKS


def _accepted_case_of_litigant() -> tuple[int, int]:
    """Litigant 张三's filing, submitted and accepted through the actions (fast setup)."""
    from yizhan.accounts.models import User
    from yizhan.filing import actions
    from yizhan.filing.tests.helpers import civil_payload, submitted_filing_direct

    owner = User.objects.get(username="litigant")
    clerk = User.objects.get(username="clerk")
    filing = submitted_filing_direct(owner, civil_payload(plaintiff_id=owner.id_number))
    case = actions.accept_filing(filing.pk, acting_user=clerk)
    return filing.pk, case.pk


def _login(page: Any, username: str) -> None:
    page.goto("/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/matters/")


@pytest.mark.django_db(transaction=True)
def test_another_litigants_filing_and_case_are_404(
    server: str, new_context: Any, checkpoint: Checkpoints, guard: OffsiteGuard
) -> None:
    filing_id, case_id = _accepted_case_of_litigant()

    # The owner sees the filing (so the 404 below is about who asks, not a broken page)
    owner = new_context("phone", base_url=server).new_page()
    _login(owner, "litigant")
    assert owner.goto(f"/filings/{filing_id}/").status == 200
    expect(owner.locator("#case-h")).to_contain_text("粤0802民初")

    # 李四 (litigant2) tries the same URLs
    stranger = new_context("phone", base_url=server).new_page()
    _login(stranger, "litigant2")
    expect(stranger.locator("main")).not_to_contain_text(f"#{filing_id}")
    response = stranger.goto(f"/filings/{filing_id}/")
    assert response.status == 404
    expect(stranger.get_by_role("heading", level=1)).to_have_text("未找到")
    expect(stranger.locator("main")).not_to_contain_text("粤0802民初")
    expect(stranger.locator("main")).not_to_contain_text("张三")
    checkpoint(stranger, "90-phone-denied-404", phone=True)

    for url in (
        f"/filings/{filing_id}/step/1/",
        f"/filings/{filing_id}/step/6/",
        f"/cases/{case_id}/",
    ):
        response = stranger.goto(url)
        assert response.status == 404, url
        expect(stranger.get_by_role("heading", level=1)).to_have_text("未找到")
    for url in (
        f"/api/v1/cases/{case_id}/fee-notice.pdf",
        f"/api/v1/cases/{case_id}/acceptance-notice.pdf",
        f"/api/v1/filings/{filing_id}",
    ):
        api_response = stranger.request.get(server + url)
        assert api_response.status == 404, (url, api_response.status)
        assert not api_response.body().startswith(b"%PDF"), url

    guard.assert_clean()
