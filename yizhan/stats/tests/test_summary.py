"""The summary (yizhan/stats/summary.py) gives exactly the live figures, and never stale ones.

Every figure of every indicator is computed twice, from the cases (``YIZHAN_STATS_SUMMARY =
False``) and from the summary, and compared for equality: on a generated year, on the small
hand-computed data set of test_stats.py, and after each later change made through the trial
actions (a case closed, service recorded, an appeal filed and decided, a hearing scheduled,
an enforcement case closed), each of which must reach the next read.
"""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from typing import Any

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings

from yizhan.cases.models import Case, CaseRole
from yizhan.stats import selectors, summary
from yizhan.stats.models import CaseCell, SummaryDirty, SummaryState
from yizhan.trial import actions
from yizhan.trial.tests.conftest import cast, chikan, courts, make_case, party  # noqa: F401

from .test_stats import case, data  # noqa: F401

pytestmark = pytest.mark.django_db
D = dt.date


def _plain(figs: dict[Any, dict[str, selectors.Figure]]) -> dict[Any, dict[str, Any]]:
    return {k: {c: f.as_dict() for c, f in v.items()} for k, v in figs.items()}


def live(s: selectors.Slice, by: str = "court") -> dict[Any, dict[str, Any]]:
    with override_settings(YIZHAN_STATS_SUMMARY=False):
        assert not selectors.summary_applies(s, by)
        return _plain(selectors.compute(s, by))


def from_summary(s: selectors.Slice, by: str = "court") -> dict[Any, dict[str, Any]]:
    assert selectors.summary_applies(s, by)
    summary.ensure_fresh()
    with CaptureQueriesContext(connection) as q:
        out = _plain(selectors.compute(s, by))
    read = " ".join(x["sql"] for x in q.captured_queries)
    assert "cases_case" not in read  # the summary, not the cases
    return out


def same(s: selectors.Slice, by: str = "court") -> dict[Any, dict[str, Any]]:
    expected = live(s, by)
    got = from_summary(s, by)
    assert got == expected
    if (s.start.month, s.end.month, s.type_code) == (1, 12, None) and by == "court":
        same_open_data(s.start.year, s.court_ids)
    return got


def same_open_data(year: int, court_ids: tuple[int, ...] | None = None) -> None:
    """The public per-court, per-month table, both ways (its rows before suppression too)."""
    with override_settings(YIZHAN_STATS_SUMMARY=False, YIZHAN_STATS_OPEN_MIN_COUNT=0):
        expected = selectors.open_data(year, court_ids)
    with override_settings(YIZHAN_STATS_OPEN_MIN_COUNT=0):
        summary.ensure_fresh()
        with CaptureQueriesContext(connection) as q:
            got = selectors.open_data(year, court_ids)
    assert "cases_case" not in " ".join(x["sql"] for x in q.captured_queries)
    assert got == expected


def slices(year: int, court_ids: tuple[int, ...] | None = None) -> list[selectors.Slice]:
    out = [selectors.Slice(*selectors.period("year", year), court_ids=court_ids)]
    out += [
        selectors.Slice(*selectors.period("quarter", year, q), court_ids=court_ids)
        for q in (1, 2, 3, 4)
    ]
    out += [
        selectors.Slice(*selectors.period("month", year, m), court_ids=court_ids)
        for m in (1, 2, 6, 12)
    ]
    return out


@pytest.mark.slow
def test_generated_year_every_figure_equals_the_live_computation(db):
    from django.core.management import call_command

    call_command(
        "generate_demo", cases=3000, seed=7, year=2025, no_progress=True, stdout=io.StringIO()
    )
    # generate_demo builds the summary at the end: nothing is dirty
    assert SummaryState.objects.get().built
    assert not SummaryDirty.objects.exists()
    assert CaseCell.objects.exists()
    for year in (2024, 2025):
        for s in slices(year):
            figs = same(s)
            if year == 2025:
                assert figs, s
        same(selectors.Slice(*selectors.period("year", year)), "type")
    court = Case.objects.values_list("court_id", flat=True).first()
    y = selectors.Slice(D(2025, 1, 1), D(2025, 12, 31), court_ids=(court,))
    same(y)
    same(selectors.Slice(y.start, y.end, court_ids=(court,), type_code="民初"))
    same(selectors.Slice(y.start, y.end, court_ids=(court,), type_code="执"), "type")
    # the whole-slice totals and the monthly series read the same scan
    with override_settings(YIZHAN_STATS_SUMMARY=False):
        total = {k: f.as_dict() for k, f in selectors.compute_grouped_total(y).items()}
        series = selectors.monthly_series(y, "closure_rate")
    assert {k: f.as_dict() for k, f in selectors.compute_grouped_total(y).items()} == total
    assert selectors.monthly_series(y, "closure_rate") == series
    same_months(selectors.Slice(D(2024, 7, 1), D(2025, 12, 31)))
    same_months(selectors.Slice(D(2025, 1, 1), D(2025, 12, 31), court_ids=(court,)))
    same_months(selectors.Slice(D(2025, 1, 1), D(2025, 6, 30), type_code="民初"))


def same_months(s: selectors.Slice) -> None:
    """Every figure of every month of the slice: the one multi-month read of the summary
    against a live computation per month."""

    def plain(rows: list[tuple[str, dict[str, selectors.Figure]]]) -> list[Any]:
        return [(label, {c: f.as_dict() for c, f in figs.items()}) for label, figs in rows]

    with override_settings(YIZHAN_STATS_SUMMARY=False):
        expected = plain(selectors.monthly_totals(s))
    summary.ensure_fresh()
    with CaptureQueriesContext(connection) as q:
        got = plain(selectors.monthly_totals(s))
    assert "cases_case" not in " ".join(x["sql"] for x in q.captured_queries)
    assert got == expected


def test_hand_computed_data_set_is_the_same_both_ways(data):  # noqa: F811
    for s in slices(2025):
        same(s)
    same(selectors.Slice(D(2025, 1, 1), D(2025, 12, 31)), "type")
    same(selectors.Slice(D(2024, 1, 1), D(2024, 12, 31)))
    same_months(selectors.Slice(D(2024, 10, 1), D(2025, 12, 31)))


def test_a_month_cut_short_is_computed_live_and_the_whole_months_from_the_summary(
    data,  # noqa: F811
):
    """The console trend ends at today: its last month is cut short, the summary cannot
    hold it, and only that month is computed from the cases."""
    s = selectors.Slice(D(2025, 1, 1), D(2025, 6, 15))
    with override_settings(YIZHAN_STATS_SUMMARY=False):
        expected = [(m, _plain({0: f})[0]) for m, f in selectors.monthly_totals(s)]
    summary.ensure_fresh()
    with CaptureQueriesContext(connection) as q:
        got = [(m, _plain({0: f})[0]) for m, f in selectors.monthly_totals(s)]
    assert [m for m, _ in got] == ["2025-01", "2025-02", "2025-03", "2025-04", "2025-05", "2025-06"]
    assert got == expected
    # the whole months are one read of the summary, however many: a shorter series costs
    # the same number of queries
    with CaptureQueriesContext(connection) as q2:
        selectors.monthly_totals(selectors.Slice(D(2025, 4, 1), D(2025, 6, 15)))
    assert len(q.captured_queries) == len(q2.captured_queries)


def test_pending_over_12_months_at_the_end_of_february_after_a_leap_day(data):  # noqa: F811
    """End 2025-02-28: the cut-off is 2024-02-28, so a case filed on 2024-02-29 is not yet
    over 12 months; one filed on 2024-02-28 is."""
    courts_, _ = data
    ck = courts_["粤0802"]
    case(ck, filed=D(2024, 2, 29))
    case(ck, filed=D(2024, 2, 28))
    feb = selectors.Slice(D(2025, 2, 1), D(2025, 2, 28), court_ids=(ck.pk,))
    figs = same(feb)[ck.pk]
    live_12m = live(feb)[ck.pk]["over_12m_ratio"]["numerator"]
    assert figs["over_12m_ratio"]["numerator"] == live_12m
    with override_settings(YIZHAN_STATS_SUMMARY=False):
        assert selectors.drill(feb, "over_12m_ratio").count == live_12m
    numbers = [
        r["filed_on"]
        for r in selectors.drill(feb, "over_12m_ratio", size=100).rows
        if r["filed_on"] >= D(2024, 2, 1)
    ]
    assert D(2024, 2, 28) in numbers and D(2024, 2, 29) not in numbers


def test_slices_the_summary_does_not_hold_read_the_cases():
    year = selectors.Slice(D(2025, 1, 1), D(2025, 12, 31))
    assert selectors.summary_applies(year, "court")
    assert not selectors.summary_applies(year, "judge")
    assert not selectors.summary_applies(selectors.Slice(D(2025, 1, 2), D(2025, 12, 31)), "court")
    assert not selectors.summary_applies(selectors.Slice(D(2025, 1, 1), D(2025, 12, 30)), "court")
    assert not selectors.summary_applies(
        selectors.Slice(D(2025, 1, 1), D(2025, 12, 31), judge_id=1), "court"
    )
    # end 2029-02-28: the 12-month cut-off 2028-02-28 is not a month end (2028 is leap), but
    # the cells count the cases filed on the 29th
    assert selectors.summary_applies(selectors.Slice(D(2029, 2, 1), D(2029, 2, 28)), "court")
    assert selectors.summary_applies(selectors.Slice(D(2028, 2, 1), D(2028, 2, 29)), "court")


def test_changes_through_the_actions_reach_the_next_read(chikan, cast):  # noqa: F811
    judge = cast["judge"]
    year = selectors.Slice(D(2026, 1, 1), D(2026, 12, 31), court_ids=(chikan.pk,))
    april = selectors.Slice(D(2026, 4, 1), D(2026, 4, 30), court_ids=(chikan.pk,))
    a = make_case(chikan, filed_on=D(2026, 3, 2), judge=judge)
    b = make_case(chikan, filed_on=D(2026, 3, 5), judge=judge)
    figs = same(year)[chikan.pk]
    assert (figs["closure_rate"]["numerator"], figs["closure_rate"]["denominator"]) == (0, 2)

    def check() -> dict[str, Any]:
        assert SummaryDirty.objects.exists()  # the change marked its unit
        same(april)
        out = same(year)[chikan.pk]
        assert not SummaryDirty.objects.exists()
        return out

    with time_machine.travel(D(2026, 4, 1)):  # a hearing added
        actions.schedule_hearing(
            a.pk,
            starts_at=dt.datetime(2026, 4, 8, 9, tzinfo=dt.UTC),
            ends_at=dt.datetime(2026, 4, 8, 11, tzinfo=dt.UTC),
            courtroom_id=None,
            online=True,
            acting_user=judge,
        )
    check()
    with time_machine.travel(D(2026, 4, 13)):  # a case closed by judgment
        doc = actions.generate_document(
            a.pk,
            doc_type="judgment",
            title="民事判决书",
            text="判决如下",
            decided_on=D(2026, 4, 10),
            acting_user=judge,
        )
        actions.close_case(a.pk, method="judgment", decided_on=D(2026, 4, 10), acting_user=judge)
    figs = check()
    assert figs["closure_rate"]["numerator"] == 1
    assert figs["trial_date_certainty"]["denominator"] == 1
    with time_machine.travel(D(2026, 4, 13)):  # service recorded (QJP e-service)
        actions.record_service(
            a.pk,
            party_id=party(a, CaseRole.DEFENDANT).pk,
            method="direct",
            served_on=D(2026, 4, 13),
            document_id=doc.pk,
            acting_user=judge,
        )
    figs = check()
    assert figs["qjp_checklist"]["detail"]["eservice"]["answer"] == "no"
    with time_machine.travel(D(2026, 4, 28)):  # an appeal filed against the judgment
        appeal = actions.register_appeal(
            a.pk,
            against="judgment",
            appellant_party_id=party(a, CaseRole.DEFENDANT).pk,
            acting_user=judge,
        )
    figs = check()
    assert figs["acceptance_rate"]["numerator"] == 0  # the one closed case was appealed
    second = appeal.second_case
    Case.objects.filter(pk=second.pk).update(judge=cast["higher_judge"])  # as trial's tests
    with time_machine.travel(D(2026, 6, 2)):  # the appeal decided: revised
        actions.decide_appeal(
            second.pk,
            outcome="revised",
            decided_on=D(2026, 6, 1),
            acting_user=cast["higher_judge"],
        )
    figs = check()
    assert figs["first_instance_reversed_rate"]["numerator"] == 1
    same(selectors.Slice(D(2026, 1, 1), D(2026, 12, 31)))  # both courts
    with time_machine.travel(D(2026, 5, 6)):  # the other case withdrawn
        actions.close_case(b.pk, method="withdrawal", decided_on=D(2026, 5, 6), acting_user=judge)
    figs = check()
    assert figs["withdrawal_rate"]["numerator"] == 1
    same_months(year)


def test_enforcement_chain_follows_its_parent_and_fee(data):  # noqa: F811
    """A chain is stored under the enforcement case; a change to the parent or to the
    parent's fee notice must still reach it."""
    from yizhan.cases.models import FeeNotice

    courts_, _ = data
    s = selectors.Slice(D(2025, 1, 1), D(2025, 12, 31))
    before = same(s)
    a = Case.objects.get(court=courts_["粤0802"], filed_on=D(2024, 12, 1))
    Case.objects.filter(pk=a.pk).update(claim_amount=Decimal("100000"))
    FeeNotice.objects.create(
        case=a,
        fee_kind="property",
        full_fee=Decimal("2300"),
        amount_due=Decimal("2300"),
        status="paid",
        issued_on=D(2024, 12, 1),
    )
    after = same(s)[courts_["粤0802"].pk]
    assert after["enforce_cost"]["value"] == 2.3
    assert before[courts_["粤0802"].pk]["enforce_cost"]["value"] is None
    FeeNotice.objects.filter(case=a).update(full_fee=Decimal("4600"))
    assert same(s)[courts_["粤0802"].pk]["enforce_cost"]["value"] == 4.6
    Case.objects.filter(pk=a.pk).update(closed_on=D(2025, 3, 11))  # the judgment 10 days later
    after = same(s)[courts_["粤0802"].pk]
    assert after["enforce_time"]["detail"]["filing_to_judgment"] == 100.0


def test_a_full_rebuild_and_a_unit_refresh_give_the_same_rows(data):  # noqa: F811
    from yizhan.stats.models import ChainCell, ClosedCell, FlatCell, HistCell, LeaderCell

    models = (CaseCell, ClosedCell, HistCell, LeaderCell, ChainCell, FlatCell)

    def rows() -> list[set[tuple[Any, ...]]]:
        return [
            {tuple(v for k, v in r.items() if k != "id") for r in m.objects.values()}
            for m in models
        ]

    summary.ensure_fresh()
    incremental = rows()
    summary.rebuild()
    assert rows() == incremental
    assert not SummaryDirty.objects.exists()


def test_a_change_committed_during_a_refresh_stays_marked(data, monkeypatch):  # noqa: F811
    """The refresh deletes the markers it read, not the unit's: a writer's marker added
    while the unit is being rebuilt survives for the next read."""
    courts_, _ = data
    s = selectors.Slice(D(2025, 1, 1), D(2025, 12, 31))
    same(s)
    pending = Case.objects.get(court=courts_["粤0802"], filed_on=D(2025, 11, 1))
    Case.objects.filter(pk=pending.pk).update(closed_on=D(2025, 12, 1), closure_method="judgment")
    rebuild_unit = summary._refresh_unit
    late = []

    def racing(kind: str, court: int, month: int) -> None:
        rebuild_unit(kind, court, month)
        if not late:  # a writer commits after the unit was read
            Case.objects.filter(pk=pending.pk).update(closure_method="mediation")
            late.append(pending.pk)

    monkeypatch.setattr(summary, "_refresh_unit", racing)
    assert summary.refresh() >= 1
    assert SummaryDirty.objects.filter(court_id=courts_["粤0802"].pk).exists()
    monkeypatch.undo()
    figs = same(s)[courts_["粤0802"].pk]
    assert figs["mediation_rate"]["numerator"] == 2  # the late change is in


def test_the_background_task_refreshes_the_dirty_units(data):  # noqa: F811
    from yizhan.stats.tasks import refresh_summary

    summary.ensure_fresh()
    courts_, _ = data
    Case.objects.filter(court=courts_["粤0802"], filed_on=D(2025, 11, 1)).update(
        closed_on=D(2025, 12, 1), closure_method="withdrawal"
    )
    assert SummaryDirty.objects.exists()
    refresh_summary.enqueue()  # immediate backend in the tests
    assert not SummaryDirty.objects.exists()
    same(selectors.Slice(D(2025, 1, 1), D(2025, 12, 31)))


def test_only_changes_to_what_the_summary_reads_mark_a_unit(data):  # noqa: F811
    courts_, _ = data
    summary.ensure_fresh()
    pending = Case.objects.get(court=courts_["粤0802"], filed_on=D(2025, 11, 1))
    pending.limit_due = D(2026, 5, 1)
    pending.save()  # every column written, none the summary reads changed
    Case.objects.filter(pk=pending.pk).update(status="pending", extended=True)
    assert not SummaryDirty.objects.exists()
    Case.objects.filter(pk=pending.pk).update(suspended_days=3)
    assert list(SummaryDirty.objects.values_list("kind", "court_id", "month")) == [
        ("case", courts_["粤0802"].pk, 2025 * 12 + 10)
    ]
    same(selectors.Slice(D(2025, 1, 1), D(2025, 12, 31)))


def test_ensure_fresh_is_one_query_when_nothing_is_dirty(data, django_assert_num_queries):  # noqa: F811
    summary.ensure_fresh()
    with django_assert_num_queries(1):
        assert summary.ensure_fresh() == 0


def test_a_read_only_request_checks_the_summary_once_other_requests_at_every_read(data):  # noqa: F811
    courts_, _ = data
    s = selectors.Slice(D(2025, 1, 1), D(2025, 12, 31))
    summary.ensure_fresh()

    def checks() -> int:
        with CaptureQueriesContext(connection) as q:
            selectors.compute_grouped_total(s)
            selectors.compute(s)
        return sum("stats_summary" in x["sql"] for x in q.captured_queries)

    assert checks() == 2  # outside a request: every read checks
    for method, expected in (("GET", 1), ("HEAD", 1), ("POST", 2)):
        summary.request_started(None, environ={"REQUEST_METHOD": method})
        try:
            assert checks() == expected, method
        finally:
            summary.request_finished(None)
    summary.request_started(None, scope={"type": "http", "method": "GET"})  # ASGI
    try:
        assert checks() == 1
    finally:
        summary.request_finished(None)
    # the next request checks again: it sees a change committed after the previous one
    Case.objects.filter(court=courts_["粤0802"], filed_on=D(2025, 11, 1)).update(
        closed_on=D(2025, 12, 1), closure_method="withdrawal"
    )
    assert SummaryDirty.objects.exists()
    summary.request_started(None, environ={"REQUEST_METHOD": "GET"})
    try:
        got = _plain(selectors.compute(s))
        assert not SummaryDirty.objects.exists()
    finally:
        summary.request_finished(None)
    assert got == live(s)
    assert got[courts_["粤0802"].pk]["withdrawal_rate"]["numerator"] == 2
