"""Indicator formulas on a hand-computed data set, open-data suppression, exports, denials."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.test import Client

from yizhan.accounts.models import Membership, Role
from yizhan.cases.models import Case
from yizhan.factories import demo_courts, user_with_role
from yizhan.stats import selectors
from yizhan.stats.export import to_csv, to_xlsx

pytestmark = pytest.mark.django_db
Y = 2025
D = dt.date
_seq = iter(range(1, 10_000))


def case(
    court,
    type_code="民初",
    *,
    filed,
    closed=None,
    method="",
    within=None,
    suspended=0,
    procedure="simple",
    **kw,
):
    n = next(_seq)
    return Case.objects.create(
        court=court,
        year=filed.year,
        type_code=type_code,
        seq=n,
        number=f"（{filed.year}）{court.code}{type_code}{n}号",
        procedure=procedure,
        status="closed" if closed else "pending",
        filed_on=filed,
        closed_on=closed,
        closure_method=method,
        closed_within_limit=within,
        suspended_days=suspended,
        **kw,
    )


@pytest.fixture
def data():
    courts = demo_courts()
    ck = courts["粤0802"]
    judge = user_with_role(Role.JUDGE, ck, id_number=None)
    # old pending: filed 2024, closed 2025 by judgment within the limit, 10 days deducted
    a = case(
        ck,
        filed=D(2024, 12, 1),
        closed=D(2025, 3, 1),
        method="judgment",
        within=True,
        suspended=10,
        judge=judge,
    )
    # received and closed by mediation, within limit: 30 days
    case(ck, filed=D(2025, 2, 1), closed=D(2025, 3, 3), method="mediation", within=True)
    # received and closed by withdrawal, over the limit: 100 days
    case(ck, filed=D(2025, 1, 10), closed=D(2025, 4, 20), method="withdrawal", within=False)
    # received, still pending
    case(ck, filed=D(2025, 11, 1))
    # pending for more than 12 months at the end of 2025
    case(ck, filed=D(2024, 10, 1))
    # §6.2 exclusions: 执保 and 诉前调确 never count in 结案率
    case(ck, "执保", filed=D(2025, 5, 1), closed=D(2025, 5, 3), method="ruling", within=True)
    case(ck, "诉前调确", filed=D(2025, 5, 1), closed=D(2025, 5, 5), method="ruling", within=True)
    # the judgment `a` was appealed and revised
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
    # enforcement of `a`: 100 000 due, 40 000 recovered, closed as executed? no: settled
    case(
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
    return courts, judge


def figs(court):
    s = selectors.Slice(D(Y, 1, 1), D(Y, 12, 31), court_ids=(court.pk,))
    return selectors.compute(s)[court.pk]


def test_court_output_formulas_with_exclusions_and_deductions(data):
    courts, _ = data
    f = figs(courts["粤0802"])
    # 民初 + 执 (执保, 诉前调确 excluded): old pending 2 (a, the 2024-10 case); received 3 + 执 1
    assert (f["closure_rate"].numerator, f["closure_rate"].denominator) == (4, 6)
    assert f["closure_rate"].value == 66.67
    assert f["closed_received_ratio"].value == 100.0  # 4 closed / 4 received
    assert f["within_limit_rate"].value == 75.0  # 3 of 4
    # net days: a 90 − 10 = 80; 30; 100; 执 122 → 332 / 4 = 83
    assert f["avg_days"].value == 83.0
    # pending at year end: 2025-11 case and the 2024-10 case (> 12 months) → 1 / 2
    assert f["over_12m_ratio"].value == 50.0


def test_outcome_and_enforcement_formulas(data):
    courts, _ = data
    f = figs(courts["粤0802"])
    # 民初 closed: 3; one appealed → (3 − 1) / 3
    assert f["acceptance_rate"].value == 66.67
    assert f["first_instance_reversed_rate"].value == 33.33
    assert f["mediation_rate"].value == 33.33
    assert f["withdrawal_rate"].value == 33.33
    assert f["mediation_withdrawal_rate"].value == 66.67
    assert f["recovery_rate"].value == 40.0
    assert f["actual_enforcement_rate"].value == 100.0
    upper = figs(courts["粤08"])
    assert upper["appeal_revise_remand_ratio"].value == 100.0


def test_per_judge_closed_counts_judges_by_role(data):
    courts, _ = data
    f = figs(courts["粤0802"])
    assert (f["per_judge_closed"].numerator, f["per_judge_closed"].denominator) == (4, 1)


def test_mediation_and_hotline_rates_are_no_data_without_records(data):
    courts, _ = data
    f = figs(courts["粤0802"])
    assert f["mediation_settlement_rate"].value is None
    assert f["hotline_on_time_rate"].value is None


def test_drill_down_lists_the_cases_behind_the_numerator(data):
    courts, _ = data
    s = selectors.Slice(D(Y, 1, 1), D(Y, 12, 31), court_ids=(courts["粤0802"].pk,))
    page = selectors.drill(s, "over_12m_ratio", "numerator")
    assert page.count == 1
    assert page.rows[0]["filed_on"] in (D(2024, 10, 1), "2024-10-01")
    assert selectors.drill(s, "closure_rate", "denominator").count == 6


def test_open_data_suppresses_small_counts(data, client):
    resp = client.get("/api/v1/stats/open", {"year": Y})
    assert resp.status_code == 200
    rows = [r for r in resp.json()["rows"] if r["court_code"] == "粤0802"]
    march = next(r for r in rows if r["month"] == "2025-03")
    assert march["closed"] is None  # 2 closures < 5
    assert march["avg_days"] is None
    assert "judge" not in march and "number" not in march
    csv_resp = client.get("/api/v1/stats/open", {"year": Y, "format": "csv"})
    assert "<5" in csv_resp.content.decode("utf-8-sig")


def test_csv_export_exact_content():
    assert to_csv(["a", "名称"], [[1, None], ["x,y", 2.5]]) == (
        '\ufeffa,名称\r\n1,\r\n"x,y",2.5\r\n'.encode()
    )


def test_xlsx_export_opens_with_openpyxl():
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(to_xlsx(["法院", "结案率"], [["粤0802", 66.67]])))
    ws = wb.active
    assert [c.value for c in ws[1]] == ["法院", "结案率"]
    assert [c.value for c in ws[2]] == ["粤0802", 66.67]


def test_anonymous_is_refused_indicators(data, client):
    assert client.get("/api/v1/stats/indicators", {"year": Y}).status_code == 401


def test_litigant_is_refused_indicators(data):
    c = Client()
    c.force_login(user_with_role(Role.LITIGANT))
    assert c.get("/api/v1/stats/indicators", {"year": Y}).status_code == 403


def test_judge_sees_own_figures_but_not_other_courts_drill_down(data):
    courts, judge = data
    c = Client()
    c.force_login(judge)
    own = c.get(
        "/api/v1/stats/indicators",
        {"year": Y, "by": "judge", "judge": judge.pk, "court": courts["粤0802"].pk},
    )
    assert own.status_code == 200
    other = c.get("/api/v1/stats/drill/closure_rate", {"year": Y, "court": courts["粤0803"].pk})
    assert other.status_code == 403
    whole = c.get("/api/v1/stats/indicators", {"year": Y, "court": courts["粤0802"].pk})
    assert whole.status_code == 403


def test_intermediate_statistician_sees_basic_courts(data):
    courts, _ = data
    stat = user_with_role(Role.STATISTICIAN, courts["粤08"], id_number=None)
    c = Client()
    c.force_login(stat)
    r = c.get("/api/v1/stats/drill/closure_rate", {"year": Y, "court": courts["粤0802"].pk})
    assert r.status_code == 200
    assert r.json()["count"] == 4
    basic_stat = user_with_role(Role.STATISTICIAN, courts["粤0803"], id_number=None)
    c.force_login(basic_stat)
    assert (
        c.get(
            "/api/v1/stats/drill/closure_rate", {"year": Y, "court": courts["粤0802"].pk}
        ).status_code
        == 403
    )


def test_bad_input_is_refused(data):
    courts, _ = data
    stat = user_with_role(Role.STATISTICIAN, courts["粤08"], id_number=None)
    c = Client()
    c.force_login(stat)
    assert c.get("/api/v1/stats/indicators", {"year": Y, "by": "planet"}).status_code == 422
    assert c.get("/api/v1/stats/drill/nope", {"year": Y}).status_code == 404
    assert Membership.objects.filter(user=stat).count() == 1


def test_generate_demo_small_load_is_consistent(db):
    from django.core.management import call_command

    from yizhan.audit.models import AuditEvent
    from yizhan.cases.models import CaseNumberSequence

    call_command(
        "generate_demo", cases=200, seed=3, year=2025, no_progress=True, stdout=io.StringIO()
    )
    assert Case.objects.count() == 200
    assert Case.objects.values("number").distinct().count() == 200
    for seq in CaseNumberSequence.objects.all():
        top = (
            Case.objects.filter(court_id=seq.court_id, year=seq.year, type_code=seq.type_code)
            .order_by("-seq")
            .first()
        )
        assert top is not None and top.seq == seq.last_seq
    assert AuditEvent.objects.filter(action="stats.demo_generated").count() == 1


# --- engine internals (docs/stats.md, "Performance") ---------------------------------------


def test_histogram_buckets_keep_every_time_standard_exact():
    # Every statutory time standard is a bucket bound, so "within the standard" is exact.
    for _types, _procs, days in selectors.TIME_STANDARDS:
        assert selectors.bucket(days) == days
        assert selectors.bucket(days + 1) > days
    assert selectors.bucket(selectors.DEFAULT_STANDARD) == selectors.DEFAULT_STANDARD
    assert [selectors.bucket(d) for d in (-3, 0, 1, 60, 61, 65, 66, 121, 130, 131, 181, 721)] == [
        -3, 0, 1, 60, 65, 65, 70, 130, 130, 140, 210, 1085,
    ]  # fmt: skip


def test_bucket_sql_matches_python(db):
    from django.db import connection

    days = [-5, 0, 1, 59, 60, 61, 64, 65, 66, 90, 91, 119, 120, 121, 179, 180, 181, 700, 721, 2000]
    with connection.cursor() as c:
        for d in days:
            c.execute(f"SELECT {selectors._bucket_sql('%s')}", [d, d, d, d, d, d, d, d, d])
            assert c.fetchone()[0] == selectors.bucket(d), d


def test_percentiles_and_time_standard_from_the_one_closed_scan(data):
    courts, _ = data
    f = figs(courts["粤0802"])
    # closed in 2025 at 粤0802 (all types): net days 80, 30, 100, 2, 4, 122 → buckets
    # 80, 30, 100, 2, 4, 130; nearest rank P50 = 3rd of 6 = 30, P75 = 5th = 100, P90 = 130
    assert f["time_to_disposition"].detail == {"p50": 30.0, "p75": 100.0, "p90": 130.0}
    # standards: 民初 simple 90 → 80 ✓ 30 ✓ 100 ✗; 执 180 → 122 ✓ (执保, 诉前调确 in scope
    # too: 执保 30 → 2 ✓, 诉前调确 special 30 → 4 ✓)
    ttd = f["time_to_disposition"]
    assert (ttd.numerator, ttd.denominator) == (5, 6)


def test_hearings_and_enforcement_chain(data):
    from yizhan.cases.models import FeeNotice
    from yizhan.trial.models import Hearing

    courts, judge = data
    a = Case.objects.get(court=courts["粤0802"], filed_on=D(2024, 12, 1))
    for day, status in ((D(2025, 1, 10), "adjourned"), (D(2025, 2, 10), "held")):
        Hearing.objects.create(
            case=a,
            starts_at=dt.datetime(day.year, day.month, day.day, 9, tzinfo=dt.UTC),
            ends_at=dt.datetime(day.year, day.month, day.day, 11, tzinfo=dt.UTC),
            status=status,
            created_by=judge,
        )
    Case.objects.filter(pk=a.pk).update(claim_amount=Decimal("100000"))
    FeeNotice.objects.create(
        case=a,
        fee_kind="property",
        full_fee=Decimal("2300"),
        amount_due=Decimal("2300"),
        status="paid",
        issued_on=D(2024, 12, 1),
    )
    f = figs(courts["粤0802"])
    # one case closed by judgment, scheduled twice
    assert (f["trial_date_certainty"].numerator, f["trial_date_certainty"].denominator) == (2, 1)
    # chain: filed 2024-12-01 → judgment 2025-03-01 (90 days) → enforcement filed 2025-04-01
    # (31) → closed 2025-08-01 (122)
    assert f["enforce_time"].detail == {
        "filing_to_judgment": 90.0,
        "judgment_to_enforcement": 31.0,
        "enforcement": 122.0,
    }
    assert f["enforce_time"].value == 243.0
    assert f["enforce_cost"].value == 2.3  # 2 300 / 100 000


def test_scan_by_judge_and_type_agrees_with_the_court_total(data):
    courts, _ = data
    s = selectors.Slice(D(Y, 1, 1), D(Y, 12, 31), court_ids=(courts["粤0802"].pk,))
    court = selectors.scan(s, "court")[courts["粤0802"].pk]
    by_type = selectors.scan(s, "type")
    for name in selectors.COUNTERS:
        assert sum(g.sum(name) for g in by_type.values()) == court.sum(name), name
    assert sum(sum(g.histogram.values()) for g in by_type.values()) == court.sum("closed")


@pytest.mark.django_db(transaction=True)
def test_large_load_rebuilds_the_indexes_it_drops(monkeypatch):
    from django.core.management import call_command
    from django.db import connection

    from yizhan.stats import demo

    def indexes() -> set[str]:
        with connection.cursor() as c:
            return {
                name
                for table in ("cases_case", "trial_hearing", "cases_feenotice")
                for name in connection.introspection.get_constraints(c, table)
            }

    before = indexes()
    monkeypatch.setattr(demo, "DEFER_INDEXES_FROM", 100)
    call_command(
        "generate_demo", cases=150, seed=5, year=2025, no_progress=True, stdout=io.StringIO()
    )
    assert Case.objects.count() == 150
    assert indexes() == before


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"year": 2**31}, "year"),
        ({"year": -(2**63)}, "year"),
        ({"year": Y, "judge": 2**63}, "judge"),
        ({"year": Y, "department": 2**63}, "department"),
        ({"year": Y, "team": -1}, "team"),
    ],
)
def test_years_and_ids_out_of_range_are_invalid_input_not_a_500(data, query, field):
    # year=2**31 raised OverflowError building the period, judge=2**63 on the SQLite query.
    _courts, judge = data
    c = Client()
    c.force_login(judge)
    for url in ("/api/v1/stats/indicators", "/api/v1/stats/drill/closure_rate"):
        r = c.get(url, query)
        assert r.status_code == 422, r.content
        assert r.json()["code"] == "invalid_input"
        assert field in r.json()["fields"]


def test_a_drill_down_page_out_of_range_is_invalid_input(data):
    _courts, judge = data
    c = Client()
    c.force_login(judge)
    r = c.get("/api/v1/stats/drill/closure_rate", {"year": Y, "page": 2**63})
    assert r.status_code == 422, r.content
    assert "page" in r.json()["fields"]
