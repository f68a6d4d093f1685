"""分案: balanced random draw, routing, exclusions, manual assignment, 院庭长办案."""

from __future__ import annotations

import random
from collections import Counter
from datetime import date
from decimal import Decimal

import pytest

from yizhan.audit.models import AuditEvent
from yizhan.core.errors import DomainError
from yizhan.core.models import Department, Team
from yizhan.trial import actions
from yizhan.trial.assignment import Candidate, leader_quota_report, pick_judge
from yizhan.trial.models import AssignmentRule, Exclusion, JudgeQuota, PanelMember

from .conftest import make_case

FILED = date(2026, 3, 2)


def _draw(cands: list[Candidate], n: int, seed: int = 7, excluded: frozenset[int] = frozenset()):
    rng = random.Random(seed)
    got: Counter[int] = Counter()
    for _ in range(n):
        c = pick_judge(cands, rng=rng, excluded=excluded, window=Decimal(2))
        if c is None:
            break
        c.pending += 1
        got[c.judge_id] += 1
    return got


def test_three_judges_share_3000_cases_within_five_percent():
    got = _draw(
        [Candidate(1, Decimal(1), 0), Candidate(2, Decimal(1), 0), Candidate(3, Decimal(1), 0)],
        3000,
    )
    for j in (1, 2, 3):
        assert abs(got[j] - 1000) <= 50


def test_weights_are_respected_a_half_weight_judge_gets_half():
    got = _draw(
        [Candidate(1, Decimal(1), 0), Candidate(2, Decimal(1), 0), Candidate(3, Decimal("0.5"), 0)],
        3000,
    )
    assert abs(got[1] - 1200) <= 60
    assert abs(got[2] - 1200) <= 60
    assert abs(got[3] - 600) <= 30


def test_the_draw_is_random_but_seeded():
    cands = lambda: [Candidate(i, Decimal(1), 0) for i in (1, 2, 3)]  # noqa: E731
    order = [pick_judge(cands(), rng=random.Random(s)).judge_id for s in range(30)]  # type: ignore[union-attr]
    assert len(set(order)) == 3
    assert order == [pick_judge(cands(), rng=random.Random(s)).judge_id for s in range(30)]  # type: ignore[union-attr]


def test_current_load_is_balanced_first():
    got = _draw([Candidate(1, Decimal(1), 20), Candidate(2, Decimal(1), 0)], 10)
    assert got == {2: 10}


def test_exclusions_are_never_violated():
    got = _draw(
        [Candidate(1, Decimal(1), 0), Candidate(2, Decimal(1), 0)], 500, excluded=frozenset({2})
    )
    assert got == {1: 500}


def test_max_pending_is_respected():
    got = _draw(
        [Candidate(1, Decimal(1), 0, max_pending=5), Candidate(2, Decimal(1), 0, max_pending=7)],
        100,
    )
    assert got == {1: 5, 2: 7}


@pytest.fixture
def team(cast):
    t = Team.objects.get(name="民一庭第一团队")
    for k in ("judge", "judge2", "chief"):
        JudgeQuota.objects.create(
            team=t, judge=cast[k], weight=Decimal("0.5") if k == "chief" else Decimal(1)
        )
    return t


@pytest.mark.django_db
def test_auto_assignment_balances_and_flags_leader_cases(chikan, cast, team):
    rng = random.Random(1)
    cases = [make_case(chikan, filed_on=FILED, parties=False) for _ in range(25)]
    for c in cases:
        actions.assign_case(c.pk, acting_user=cast["clerk"], rng=rng)
    counts = Counter(type(c).objects.get(pk=c.pk).judge_id for c in cases)
    assert counts[cast["judge"].pk] in range(9, 12)
    assert counts[cast["chief"].pk] in range(4, 7)
    leader = type(cases[0]).objects.filter(judge=cast["chief"]).first()
    assert leader.is_leader_case
    assert leader.assignment_method == "auto"
    assert PanelMember.objects.filter(case=leader, user=cast["chief"]).exists()


@pytest.mark.django_db
def test_fast_track_rule_routes_small_claims_to_the_fast_track_team(chikan, cast, team):
    dept = Department.objects.create(court=chikan, name="速裁庭", kind="fast_track")
    fast = Team.objects.create(department=dept, name="速裁团队", is_fast_track=True)
    JudgeQuota.objects.create(team=fast, judge=cast["judge2"])
    AssignmentRule.objects.create(
        court=chikan,
        name="小额速裁",
        priority=1,
        procedures=["small_claims", "simple"],
        max_amount=Decimal("50000"),
        team=fast,
    )
    small = make_case(chikan, filed_on=FILED, procedure="small_claims", amount="30000")
    big = make_case(chikan, filed_on=FILED, procedure="simple", amount="80000")
    actions.assign_case(small.pk, acting_user=cast["clerk"], rng=random.Random(3))
    actions.assign_case(big.pk, acting_user=cast["clerk"], rng=random.Random(3))
    small.refresh_from_db()
    big.refresh_from_db()
    assert (small.team, small.judge) == (fast, cast["judge2"])
    assert big.team == team


@pytest.mark.django_db
def test_judge_who_is_a_party_is_excluded_automatically(chikan, cast, team):
    case = make_case(chikan, filed_on=FILED)
    p = case.case_parties.first().party
    p.id_number = "44080219800101001X"
    p.save()
    cast["judge"].id_number = p.id_number
    cast["judge"].save()
    Exclusion.objects.create(case=case, judge=cast["chief"], reason="近亲属")
    for seed in range(10):
        case.judge = None
        type(case).objects.filter(pk=case.pk).update(judge=None)
        actions.assign_case(case.pk, acting_user=cast["clerk"], rng=random.Random(seed))
        case.refresh_from_db()
        assert case.judge == cast["judge2"]


@pytest.mark.django_db
def test_manual_assignment_by_the_chief_is_audited_with_reason(chikan, cast, team):
    case = make_case(chikan, filed_on=FILED)
    actions.assign_manually(
        case.pk,
        judge_id=cast["judge2"].pk,
        reason="关联案件由同一法官审理",
        acting_user=cast["chief"],
    )
    case.refresh_from_db()
    assert (case.judge, case.assignment_method) == (cast["judge2"], "manual")
    ev = AuditEvent.objects.filter(action="trial.case_assigned_manually").get()
    assert ev.after["reason"] == "关联案件由同一法官审理"


@pytest.mark.django_db
def test_a_judge_cannot_assign_by_hand(chikan, cast, team):
    case = make_case(chikan, filed_on=FILED)
    with pytest.raises(DomainError) as e:
        actions.assign_manually(
            case.pk, judge_id=cast["judge2"].pk, reason="x", acting_user=cast["judge"]
        )
    assert (e.value.status, e.value.code) == (403, "chief_only")


@pytest.mark.django_db
def test_manual_assignment_needs_a_reason_and_respects_exclusions(chikan, cast, team):
    case = make_case(chikan, filed_on=FILED)
    with pytest.raises(DomainError) as e:
        actions.assign_manually(
            case.pk, judge_id=cast["judge2"].pk, reason=" ", acting_user=cast["chief"]
        )
    assert e.value.code == "reason_required"
    Exclusion.objects.create(case=case, judge=cast["judge2"], reason="回避")
    with pytest.raises(DomainError) as e:
        actions.assign_manually(
            case.pk, judge_id=cast["judge2"].pk, reason="指定", acting_user=cast["chief"]
        )
    assert e.value.code == "judge_excluded"


@pytest.mark.django_db
def test_another_courts_chief_gets_404(chikan, cast, courts, team):
    from .conftest import staff

    other = staff("division_chief", courts["粤0803"], "霞山庭长")
    case = make_case(chikan, filed_on=FILED)
    with pytest.raises(DomainError) as e:
        actions.assign_manually(case.pk, judge_id=cast["judge2"].pk, reason="x", acting_user=other)
    assert e.value.status == 404


@pytest.mark.django_db
def test_leader_quota_report_compares_with_the_division_average(chikan, cast, team):
    for judge, n in (("judge", 10), ("judge2", 10), ("outsider", 10), ("chief", 6)):
        for _ in range(n):
            make_case(chikan, filed_on=FILED, parties=False, judge=cast[judge])
    rows = {
        r["leader"].pk: r
        for r in leader_quota_report(chikan, start=date(2026, 1, 1), end=date(2026, 12, 31))
    }
    chief = rows[cast["chief"].pk]
    assert (chief["cases"], chief["division_average"], chief["ratio"]) == (
        6,
        Decimal("10.00"),
        Decimal("0.6000"),
    )
    assert (chief["quota_min"], chief["quota_max"], chief["met"]) == (
        Decimal("0.50"),
        Decimal("0.70"),
        True,
    )
    president = rows[cast["president"].pk]
    assert (president["cases"], president["met"]) == (0, False)
