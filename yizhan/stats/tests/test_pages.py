"""The statistics web pages: console dashboard, drill-down and export (/console/stats/), the
public open-data page and its dictionary (/open-data/). Exact figures on a small hand-computed
data set (the one of test_stats.py), the denials, small-count suppression, no external URL."""

from __future__ import annotations

import datetime as dt
import json
import re
from decimal import Decimal
from io import BytesIO

import pytest
from django.test import Client
from openpyxl import load_workbook

from yizhan.accounts.models import Role
from yizhan.cases.models import Case
from yizhan.factories import demo_courts, user_with_role

pytestmark = pytest.mark.django_db
Y: int = 2025
D = dt.date
NUMBER = re.compile(r"（\d{4}）粤\d+[^\s<>号]*?\d+号")
EXTERNAL = re.compile(r"""(?:https?:)?//(?!127\.0\.0\.1|localhost|testserver)[\w.-]+\.\w""")
_seq = iter(range(1, 10_000))


def case(court, type_code="民初", *, filed, closed=None, method="", within=None, **kw):
    n = next(_seq)
    return Case.objects.create(
        court=court,
        year=filed.year,
        type_code=type_code,
        seq=n,
        number=f"（{filed.year}）{court.code}{type_code}{n}号",
        procedure=kw.pop("procedure", "simple"),
        status="closed" if closed else "pending",
        filed_on=filed,
        closed_on=closed,
        closure_method=method,
        closed_within_limit=within,
        suspended_days=kw.pop("suspended", 0),
        **kw,
    )


@pytest.fixture
def data():
    """粤0802 in 2025 (as in test_stats.py): 结案率 4 / 6 = 66.67 %, 审限内 3 / 4 = 75 %,
    平均审理天数 332 / 4 = 83; 执保 and 诉前调确 excluded (§6.2)."""
    courts = demo_courts()
    ck = courts["粤0802"]
    judge = user_with_role(Role.JUDGE, ck, id_number=None, real_name="裴法官")
    a = case(
        ck,
        filed=D(2024, 12, 1),
        closed=D(2025, 3, 1),
        method="judgment",
        within=True,
        suspended=10,
        judge=judge,
    )
    b = case(ck, filed=D(2025, 2, 1), closed=D(2025, 3, 3), method="mediation", within=True)
    c = case(ck, filed=D(2025, 1, 10), closed=D(2025, 4, 20), method="withdrawal", within=False)
    d = case(ck, filed=D(2025, 11, 1))
    e = case(ck, filed=D(2024, 10, 1))
    case(ck, "执保", filed=D(2025, 5, 1), closed=D(2025, 5, 3), method="ruling", within=True)
    case(ck, "诉前调确", filed=D(2025, 5, 1), closed=D(2025, 5, 5), method="ruling", within=True)
    case(
        courts["粤08"],
        "民终",
        filed=D(2025, 4, 1),
        closed=D(2025, 6, 1),
        method="revised",
        within=True,
        parent=a,
        relation="appeal",
        origin=a,
        procedure="ordinary",
    )
    Case.objects.filter(pk=a.pk).update(appeal_outcome="revised")
    f = case(
        ck,
        "执",
        filed=D(2025, 4, 1),
        closed=D(2025, 8, 1),
        method="enforcement_settled",
        within=True,
        parent=a,
        relation="enforcement",
        origin=a,
        procedure="enforcement",
        enforcement_due=Decimal("100000"),
        recovered_amount=Decimal("40000"),
    )
    other = case(courts["粤0803"], filed=D(2025, 6, 1), closed=D(2025, 7, 1), method="judgment")
    return {
        "courts": courts,
        "judge": judge,
        "closed": [a, b, c, f],
        "active": [a, b, c, d, e, f],
        "other": other,
        "old": e,
    }


def login(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def statistician(court):
    return login(user_with_role(Role.STATISTICIAN, court, id_number=None))


def row(html: str, code: str) -> str:
    m = re.search(rf'<tr data-code="{code}">(.*?)</tr>', html, re.S)
    assert m, code
    return m.group(1)


def cells(row_html: str) -> list[str]:
    return [
        re.sub(r"<[^>]+>", "", c).strip()
        for c in re.findall(r"<td[^>]*>(.*?)</td>", row_html, re.S)
    ]


def numbers(html: str) -> list[str]:
    return NUMBER.findall(html)


# --- console dashboard -----------------------------------------------------------------------


def test_dashboard_shows_exact_figures_for_a_statistician(data):
    ck = data["courts"]["粤0802"]
    resp = statistician(ck).get("/console/stats/", {"year": Y})
    assert resp.status_code == 200
    html = resp.content.decode()
    # value, unit, numerator, denominator, reference interval, in/out marker
    assert cells(row(html, "closure_rate"))[:6] == ["66.67", "%", "4", "6", "85 – 100", "✗ 区间外"]
    assert cells(row(html, "within_limit_rate"))[:4] == ["75", "%", "3", "4"]
    assert cells(row(html, "avg_days"))[:2] == ["83", "天"]
    assert cells(row(html, "over_12m_ratio"))[:4] == ["50", "%", "1", "2"]
    assert cells(row(html, "closed_received_ratio"))[5] == "✓ 区间内"  # 100 in 95–110
    # each number links to its drill-down with the same slice
    assert f"/console/stats/drill/closure_rate/?court={ck.pk}" not in html  # no filter given
    assert "/console/stats/drill/closure_rate/?period=year&amp;year=2025&amp;part=numerator" in html


def test_dashboard_court_comparison_lists_the_visible_courts(data):
    courts = data["courts"]
    resp = statistician(courts["粤08"]).get("/console/stats/", {"year": Y})
    assert resp.status_code == 200
    html = resp.content.decode()
    chart = re.search(r'<script id="st-compare-data" type="application/json">(.*?)</script>', html)
    assert chart is not None

    payload = json.loads(chart.group(1))
    assert len(payload["courts"]) == 10  # the intermediate court and its nine basic courts
    assert payload["values"][1] == 66.67  # 粤0802, sorted by court code after 粤08
    assert (payload["ref_low"], payload["ref_high"]) == (85.0, 100.0)


def test_dashboard_brings_the_summary_up_to_date_once_per_request(data):
    """The dashboard reads the summary twice (the figures and the court comparison) but checks
    its freshness once: one query when nothing is dirty (pinned: it used to be four)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from yizhan.stats import summary

    client = statistician(data["courts"]["粤08"])
    summary.ensure_fresh()
    for _ in range(2):  # per request, not once for ever
        with CaptureQueriesContext(connection) as q:
            assert client.get("/console/stats/", {"year": Y}).status_code == 200
        sqls = [x["sql"] for x in q.captured_queries]
        assert sum("stats_casecell" in sql for sql in sqls) >= 2  # two summary reads
        assert sum("stats_summary" in sql for sql in sqls) == 1  # one freshness check


def test_trend_fragment_has_twelve_months_and_the_reference_interval(data):
    resp = statistician(data["courts"]["粤0802"]).get(
        "/console/stats/trend/", {"year": Y, "trend": ["within_limit_rate"]}
    )
    assert resp.status_code == 200
    html = resp.content.decode()
    assert 'data-chart="trend"' in html
    assert '"months": ["2025-01", "2025-02"' in html
    # March: a (within) and b (within) closed → 100 %; April: c (over the limit) → 0 %
    assert '"values": [null, null, 100.0, 0.0, null, null, null, 100.0' in html
    assert '"ref_low": 95.0, "ref_high": 100.0' in html


def test_drill_down_lists_exactly_the_cases_behind_the_number(data):
    ck = data["courts"]["粤0802"]
    c = statistician(ck)
    resp = c.get("/console/stats/drill/closure_rate/", {"year": Y, "part": "numerator"})
    assert resp.status_code == 200
    html = resp.content.decode()
    assert sorted(numbers(html)) == sorted(x.number for x in data["closed"])
    # the statistician of the court may open each case
    for x in data["closed"]:
        assert f'href="/console/cases/{x.pk}/"' in html
    den = c.get("/console/stats/drill/closure_rate/", {"year": Y, "part": "denominator"})
    assert sorted(numbers(den.content.decode())) == sorted(x.number for x in data["active"])


def test_drill_down_shows_numbers_without_links_to_cases_the_viewer_may_not_open(data):
    courts = data["courts"]
    resp = statistician(courts["粤08"]).get(
        "/console/stats/drill/over_12m_ratio/", {"year": Y, "court": courts["粤0802"].pk}
    )
    assert resp.status_code == 200
    html = resp.content.decode()
    assert numbers(html) == [data["old"].number]
    assert "/console/cases/" not in html  # the intermediate court's statistician: no case page


def test_judge_sees_own_figures_by_default(data):
    resp = login(data["judge"]).get("/console/stats/", {"year": Y})
    assert resp.status_code == 200
    html = resp.content.decode()
    # only case a is the judge's: closed within the limit, 80 net days
    assert cells(row(html, "within_limit_rate"))[:4] == ["100", "%", "1", "1"]
    assert cells(row(html, "avg_days"))[:2] == ["80", "天"]
    assert "st-compare-data" not in html  # no court comparison without a whole court


def test_judge_gets_403_on_another_courts_slice(data):
    courts, judge = data["courts"], data["judge"]
    c = login(judge)
    other = courts["粤0803"].pk
    assert c.get("/console/stats/", {"year": Y, "court": other}).status_code == 403
    assert (
        c.get("/console/stats/", {"year": Y, "court": other, "judge": judge.pk}).status_code == 403
    )
    drill = c.get("/console/stats/drill/closure_rate/", {"year": Y, "court": other})
    assert drill.status_code == 403
    assert "无权" in drill.content.decode()
    whole = c.get("/console/stats/", {"year": Y, "court": courts["粤0802"].pk})
    assert whole.status_code == 403  # the whole court is not a judge's


def test_basic_court_statistician_gets_403_on_a_sibling_court(data):
    courts = data["courts"]
    c = statistician(courts["粤0803"])
    assert c.get("/console/stats/", {"year": Y, "court": courts["粤0802"].pk}).status_code == 403
    export = c.get(
        "/console/stats/export/",
        {"year": Y, "court": courts["粤0802"].pk, "table": "indicators", "format": "csv"},
    )
    assert export.status_code == 403


def test_litigant_gets_403(data):
    c = login(user_with_role(Role.LITIGANT))
    for url in ("/console/stats/", "/console/stats/drill/closure_rate/", "/console/stats/export/"):
        assert c.get(url, {"year": Y}).status_code == 403


def test_staff_without_a_stats_role_gets_403(data):
    clerk = user_with_role(Role.FILING_CLERK, data["courts"]["粤0802"], id_number=None)
    resp = login(clerk).get("/console/stats/", {"year": Y})
    assert resp.status_code == 403
    assert "质效统计仅供" in resp.content.decode()


def test_anonymous_is_redirected_to_login(data):
    for url in ("/console/stats/", "/console/stats/drill/closure_rate/", "/console/stats/trend/"):
        resp = Client().get(url, {"year": Y})
        assert resp.status_code == 302
        assert "login" in resp["Location"]


def test_bad_input_never_500s(data):
    c = statistician(data["courts"]["粤0802"])
    assert c.get("/console/stats/", {"year": "abc"}).status_code == 400
    assert c.get("/console/stats/", {"period": "quarter", "index": 7}).status_code == 400
    assert c.get("/console/stats/drill/nope/", {"year": Y}).status_code == 404
    assert c.get("/console/stats/drill/closure_rate/", {"part": "x"}).status_code == 422
    assert c.get("/console/stats/drill/closure_rate/", {"page": "x"}).status_code == 422
    assert c.get("/console/stats/export/", {"table": "planet"}).status_code == 422
    # an indicator that lists no cases (mediation matters, not cases)
    assert c.get("/console/stats/drill/hotline_on_time_rate/", {"year": Y}).status_code == 404


# --- exports ---------------------------------------------------------------------------------


def test_csv_export_of_the_indicator_table(data):
    c = statistician(data["courts"]["粤0802"])
    resp = c.get("/console/stats/export/", {"year": Y, "table": "indicators", "format": "csv"})
    assert resp.status_code == 200
    assert resp["Content-Type"] == "text/csv; charset=utf-8"
    lines = resp.content.decode("utf-8").split("\r\n")
    assert lines[0] == "\ufeffcode,指标,类别,数值,单位,分子,分母,参考区间,区间内"
    assert lines[1] == "closure_rate,结案率,审判执行效率,66.67,%,4,6,85 – 100,否"


def test_csv_export_of_a_drill_down_lists_every_case(data):
    c = statistician(data["courts"]["粤0802"])
    resp = c.get(
        "/console/stats/export/",
        {"year": Y, "table": "drill", "code": "closure_rate", "format": "csv"},
    )
    assert resp["Content-Type"] == "text/csv; charset=utf-8"
    lines = resp.content.decode("utf-8-sig").strip().split("\r\n")
    assert lines[0] == "id,案号,类型代字,程序,立案日期,结案日期,结案方式,扣除天数"
    assert sorted(line.split(",")[1] for line in lines[1:]) == sorted(
        x.number for x in data["closed"]
    )


def test_xlsx_export_of_the_court_comparison(data):
    c = statistician(data["courts"]["粤08"])
    resp = c.get(
        "/console/stats/export/",
        {"year": Y, "table": "courts", "compare": "closure_rate", "format": "xlsx"},
    )
    assert resp["Content-Type"].startswith("application/vnd.openxmlformats")
    ws = load_workbook(BytesIO(resp.content)).active
    values = {r[0]: r[2] for r in ws.iter_rows(min_row=2, values_only=True)}
    assert values["粤0802"] == 66.67


# --- public open data ------------------------------------------------------------------------


def test_public_page_marks_suppressed_small_counts_and_has_no_personal_data(data):
    resp = Client().get("/open-data/", {"year": str(Y), "court": "粤0802"})
    assert resp.status_code == 200
    html = resp.content.decode()
    march = re.search(r'<th scope="row">2025-03</th>(.*?)</tr>', html, re.S)
    assert march is not None
    # received 0, closed 2 (< 5: suppressed), pending, within 2, mediated 1, withdrawn 0, avg
    tds = re.findall(r"<td([^>]*)>(.*?)</td>", march.group(1), re.S)
    assert [("data-suppressed" in attrs) for attrs, _ in tds] == [
        False,
        True,
        True,
        True,
        True,
        False,
        True,
    ]
    assert "&lt;5" in tds[1][1]
    assert tds[0][1] == "0"
    assert data["judge"].real_name not in html
    assert not numbers(html)  # no case numbers either
    assert "/api/v1/stats/open?year=2025&amp;format=csv" in html


def test_public_dictionary_page_lists_every_field(data):
    resp = Client().get("/open-data/dictionary/")
    assert resp.status_code == 200
    html = resp.content.decode()
    for field in ("court_code", "month", "received", "pending_end", "avg_days"):
        assert f"<dt>{field}</dt>" in html
    assert "/api/v1/stats/open/dictionary.csv" in html


def test_public_page_bad_year_is_400(data):
    assert Client().get("/open-data/", {"year": "1800"}).status_code == 400
    assert Client().get("/open-data/", {"year": "x"}).status_code == 400


def test_no_external_url_in_any_page(data):
    courts = data["courts"]
    c = statistician(courts["粤0802"])
    pages = [
        c.get("/console/stats/", {"year": Y}),
        c.get("/console/stats/trend/", {"year": Y}),
        c.get("/console/stats/drill/closure_rate/", {"year": Y}),
        c.get("/console/stats/", {"year": "abc"}),
        login(data["judge"]).get("/console/stats/", {"year": Y, "court": courts["粤0803"].pk}),
        Client().get("/open-data/", {"year": Y}),
        Client().get("/open-data/dictionary/"),
    ]
    for resp in pages:
        html = resp.content.decode()
        assert not EXTERNAL.findall(html), (resp.request["PATH_INFO"], EXTERNAL.findall(html))
        assert (
            "echarts.min.js" in html
            or resp.status_code != 200
            or "trend" in resp.request["PATH_INFO"]
        )


def test_open_data_csv_download_first_line(data):
    resp = Client().get("/api/v1/stats/open", {"year": str(Y), "format": "csv"})
    assert resp["Content-Type"] == "text/csv; charset=utf-8"
    first = resp.content.decode("utf-8").split("\r\n")[0]
    assert first == (
        "\ufeffcourt_code,court_name,month,received,closed,pending_end,"
        "closed_within_limit,mediated,withdrawn,avg_days"
    )
