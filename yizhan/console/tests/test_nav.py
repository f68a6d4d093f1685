"""The console's navigation opens the areas each role works in, and no others."""

from __future__ import annotations

from yizhan.accounts.models import Role
from yizhan.factories import user_with_role

from .conftest import login


def _nav(client) -> str:  # type: ignore[no-untyped-def]
    html = client.get("/console/").content.decode()
    return html[html.index('<nav class="c-nav"') : html.index("</nav>")]


def test_filing_clerk_sees_mediation_and_the_service_desk_but_not_assignment(chikan_clerk):
    nav = _nav(login(chikan_clerk))
    assert "/console/mediation/" in nav
    assert "/console/services/" in nav
    assert "/console/trial/assignment/" not in nav
    assert "/console/stats/" not in nav


def test_president_sees_assignment_extensions_publication_and_statistics(courts):
    president = user_with_role(Role.PRESIDENT, courts["粤0802"], id_number=None)
    nav = _nav(login(president))
    for url in (
        "/console/trial/assignment/",
        "/console/trial/extensions/",
        "/console/publication/",
        "/console/stats/",
        "/console/trial/hearings/",
    ):
        assert url in nav


def test_judge_sees_limits_hearings_and_statistics_only(courts):
    judge = user_with_role(Role.JUDGE, courts["粤0802"], id_number=None)
    nav = _nav(login(judge))
    assert "/console/trial/limits/" in nav
    assert "/console/trial/hearings/" in nav
    assert "/console/stats/" in nav
    assert "/console/trial/extensions/" not in nav
    assert "/console/publication/" not in nav
