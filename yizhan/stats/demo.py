"""A synthetic court year for demos and benchmarks (``manage.py generate_demo``).

This is a *data-load tool*, not a use case: it writes rows straight into the tables in
batches (``executemany`` inside transactions on SQLite, ``COPY`` on PostgreSQL), bypassing the
ORM and the domain actions, and records **one** audit event (``stats.demo_generated``) for the
whole load instead of one per case. Never run it against a production database.

The distributions are skewed like a real court's rather than uniform:

* courts: Zipf-like weights over the basic courts; the intermediate court gets the appeals;
* case types: mostly 民初 (civil first instance), then 执 (enforcement, most of it derived from
  judgments and mediation documents), 执保 / 执恢 / 执异, 民特, 诉前调确 / 诉前调书, 行初;
* causes: Zipf over the cause catalogue (民间借贷, 金融借款, 买卖合同 ... dominate);
* claim amounts and durations: lognormal (median ≈ 30 000 yuan; median days by procedure);
* ~12 % of ordinary/simple cases have suspended (deducted) days; overdue cases are mostly
  extended; ~30 % of civil closures are withdrawals or mediation;
* ~25 % of first-instance judgments are appealed (≈ 10 % of closures), outcomes mostly
  affirmed, some revised or remanded (and remanded cases come back as 民初);
* enforcement: recovered amounts skewed (many 终结本次执行 with nothing recovered);
* hearings with adjournments (trial date certainty), fee notices, filings with their channel,
  service records, pre-litigation mediation matters and 12368 tickets when those apps are
  installed.

Deterministic for a given ``seed`` and starting database.
"""

from __future__ import annotations

import bisect
import itertools
import json
import math
import random
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from datetime import time as dtime
from decimal import Decimal
from typing import Any

from django.apps import apps
from django.db import connection, models, transaction
from django.utils import timezone

from yizhan.rules import fees as fee_rules

BATCH = 50_000
DEFER_INDEXES_FROM = 50_000  # loads this large drop the secondary indexes and rebuild them
_FEE_PROCEDURES = frozenset({"ordinary", "simple", "small_claims"})
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蔡蒋余"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰红建国志海文斌"

# (type_code, procedure, share of original cases at a basic court)
BASIC_MIX: list[tuple[str, str, float]] = [
    ("民初", "", 0.64),  # procedure from the claim amount
    ("执", "enforcement", 0.07),  # arbitration awards, notarised debts (not from our cases)
    ("执保", "enforcement", 0.05),
    ("执异", "enforcement", 0.012),
    ("民特", "special", 0.03),
    ("诉前调确", "special", 0.06),
    ("诉前调书", "simple", 0.035),
    ("行初", "ordinary", 0.013),
    ("民督", "other", 0.01),
]
INTERMEDIATE_MIX: list[tuple[str, str, float]] = [
    ("民初", "ordinary", 0.7),
    ("行初", "ordinary", 0.2),
    ("执", "enforcement", 0.1),
]
# Median days (filing → closure, net of deductions) and lognormal sigma.
DURATION = {
    "small_claims": (26, 0.55),
    "simple": (52, 0.6),
    "ordinary": (120, 0.55),
    "special": (9, 0.5),
    "other": (14, 0.5),
    "民终": (62, 0.5),
    "执": (95, 0.8),
    "执保": (4, 0.5),
    "执恢": (80, 0.7),
    "执异": (18, 0.4),
    "行初": (85, 0.5),
    "诉前调确": (9, 0.5),
    "诉前调书": (10, 0.5),
}
# Statutory limits in days (CPL23 Arts 152, 164, 165, 183, 187; ALL Art 81; EXEC Art 63) and
# the extension a court president may grant (the generator's own simplification).
LIMIT = {
    "small_claims": (60, 30),
    "simple": (90, 30),
    "ordinary": (180, 180),
    "special": (30, 30),
    "other": (30, 0),
    "民终": (90, 90),
    "执": (180, 90),
    "执保": (30, 0),
    "执恢": (180, 90),
    "执异": (15, 15),
    "行初": (180, 90),
    "诉前调确": (30, 0),
    "诉前调书": (30, 0),
}
CIVIL_METHODS = {  # closure methods of 民初 by procedure (weights)
    "small_claims": [
        ("judgment", 50),
        ("mediation", 14),
        ("withdrawal", 26),
        ("ruling", 6),
        ("dismissal", 3),
        ("transfer", 1),
    ],
    "simple": [
        ("judgment", 42),
        ("mediation", 15),
        ("withdrawal", 28),
        ("ruling", 8),
        ("dismissal", 4),
        ("transfer", 2),
        ("termination", 1),
    ],
    "ordinary": [
        ("judgment", 55),
        ("mediation", 12),
        ("withdrawal", 20),
        ("ruling", 6),
        ("dismissal", 5),
        ("transfer", 2),
    ],
}
APPEAL_OUTCOMES = [
    ("affirmed", 72),
    ("revised", 9),
    ("partly_revised", 5),
    ("remanded", 4),
    ("withdrawn", 8),
    ("mediated", 2),
]
APPEAL_METHOD = {
    "affirmed": "affirmed",
    "revised": "revised",
    "partly_revised": "revised",
    "remanded": "remanded",
    "withdrawn": "appeal_withdrawn",
    "mediated": "mediation",
}
ENFORCEMENT_METHODS = [
    ("executed", 36),
    ("enforcement_settled", 9),
    ("terminated_this_round", 45),
    ("enforcement_terminated", 6),
    ("ruling", 4),
]
# Weighted choices drawn per row are module constants: ``_weighted`` caches its cumulative
# table by list identity, so a list literal per call would grow that cache with every row.
ADMIN_METHODS = [("judgment", 55), ("withdrawal", 30), ("ruling", 15)]
FILING_CHANNELS = [("web", 62), ("counter", 33), ("api", 5)]
TICKET_CHANNELS = [("phone", 70), ("web", 20), ("counter", 10)]
SERVICE_METHODS = [("electronic", 58), ("post", 30), ("direct", 9), ("announcement", 3)]
MEDIATION_CHANNELS = [("portal", 40), ("counter", 20), ("diversion", 35), ("partner", 5)]
MONTH_WEIGHTS = [1.0, 0.6, 1.1, 1.0, 1.0, 1.05, 1.1, 1.05, 1.0, 0.9, 1.05, 1.15]


_CUM: dict[int, tuple[list[Any], list[float], float]] = {}


def _weighted(rng: random.Random, pairs: Sequence[tuple[Any, float]]) -> Any:
    """A value drawn with the given weights (cumulative table cached per list)."""
    cached = _CUM.get(id(pairs))
    if cached is None or len(cached[0]) != len(pairs):
        values = [v for v, _ in pairs]
        cum = list(itertools.accumulate(w for _, w in pairs))
        cached = _CUM[id(pairs)] = (values, cum, cum[-1])
        _KEEP.append(pairs)  # keep the list alive so that its id is not reused
    values, cum, total = cached
    return values[min(bisect.bisect_left(cum, rng.random() * total), len(values) - 1)]


_KEEP: list[Any] = []


# --- writing rows ---------------------------------------------------------------------------


class Table:
    """Column list and defaults of a model, and a buffer flushed in batches."""

    def __init__(
        self, model: type[models.Model], writer: Writer, *, auto_flush: bool = True
    ) -> None:
        self.auto_flush = auto_flush
        self.before: list[Table] = []  # flushed first (rows this table refers to)
        self.after: list[Table] = []  # flushed next (rows that refer to this table)
        self.model = model
        self.writer = writer
        self.table = model._meta.db_table
        self.fields = list(model._meta.concrete_fields)
        self.columns = [f.column for f in self.fields]
        now = timezone.now()
        defaults: list[Any] = []
        for f in self.fields:
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                defaults.append(now)
            elif f.has_default():
                d = f.get_default()
                defaults.append(json.dumps(d) if isinstance(f, models.JSONField) else d)
            elif f.null:
                defaults.append(None)
            elif isinstance(f, models.JSONField):
                defaults.append("[]")
            elif isinstance(f, models.BooleanField):
                defaults.append(False)
            elif isinstance(f, models.CharField | models.TextField):
                defaults.append("")
            elif isinstance(f, models.IntegerField | models.DecimalField):
                defaults.append(0)
            else:
                defaults.append(None)
        self.defaults = defaults
        self.index = {c: i for i, c in enumerate(self.columns)}
        self.rows: list[tuple[Any, ...]] = []
        self.written = 0
        self._next: int | None = None

    def add(self, values: dict[str, Any]) -> None:
        row = list(self.defaults)
        index = self.index
        if "id" not in values:
            if self._next is None:
                self._next = self.next_id()
            row[index["id"]] = self._next
            self._next += 1
        for k, v in values.items():
            row[index[k]] = v
        self.rows.append(tuple(row))
        if self.auto_flush and len(self.rows) >= BATCH:
            self.flush()

    def flush(self) -> None:
        for t in self.before:
            t.flush()
        if self.rows:
            self.writer.write(self, self.rows)
            self.written += len(self.rows)
            self.rows = []
        for t in self.after:
            t.flush()

    def next_id(self) -> int:
        with connection.cursor() as c:
            c.execute(f"SELECT COALESCE(MAX(id), 0) FROM {self.table}")  # noqa: S608
            return int(c.fetchone()[0]) + 1


class Writer:
    """executemany on SQLite, COPY on PostgreSQL; one transaction per batch."""

    def __init__(self) -> None:
        self.vendor = connection.vendor
        self.dropped: list[str] = []  # CREATE INDEX statements to run after the load

    def begin(self) -> None:
        """Bulk-load settings for the connection: on SQLite no per-row foreign-key checks
        (the generator writes referenced rows first) and a large page cache."""
        if self.vendor == "sqlite" and not connection.in_atomic_block:
            with connection.cursor() as c:
                c.execute("PRAGMA foreign_keys=OFF")
                c.execute("PRAGMA cache_size=-400000")
                c.execute("PRAGMA synchronous=OFF")

        if self.vendor == "postgresql" and not connection.in_atomic_block:
            with connection.cursor() as c:
                c.execute("SET synchronous_commit = off")
                c.execute("SET maintenance_work_mem = '256MB'")

    def drop_indexes(self, tables: Sequence[str]) -> None:
        """Drop the non-unique secondary indexes of the bulk tables for the load (building an
        index once from sorted data is several times faster than maintaining it row by row);
        :meth:`restore_indexes` creates them again. Unique indexes and keys stay, so the load
        is still checked for duplicate case numbers."""
        if connection.in_atomic_block or not tables:
            return
        names = ", ".join(f"'{t}'" for t in tables)
        if self.vendor == "postgresql":
            sql = (
                "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() "  # noqa: S608
                f"AND tablename IN ({names}) AND indexdef NOT LIKE 'CREATE UNIQUE%%'"
            )
        else:
            sql = (
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "  # noqa: S608
                f"AND tbl_name IN ({names}) AND sql NOT LIKE 'CREATE UNIQUE%%'"
            )
        with connection.cursor() as c:
            c.execute(sql)
            found = c.fetchall()
            for name, _ in found:
                c.execute(f'DROP INDEX IF EXISTS "{name}"')
        self.dropped.extend(ddl for _, ddl in found)

    def restore_indexes(self) -> None:
        with connection.cursor() as c:
            while self.dropped:
                ddl = self.dropped.pop(0)
                if "IF NOT EXISTS" not in ddl:
                    ddl = ddl.replace("INDEX", "INDEX IF NOT EXISTS", 1)
                c.execute(ddl)

    def end(self) -> None:
        if self.vendor == "sqlite" and not connection.in_atomic_block:
            with connection.cursor() as c:
                c.execute("PRAGMA foreign_keys=ON")
                c.execute("PRAGMA synchronous=NORMAL")

    def write(self, table: Table, rows: list[tuple[Any, ...]]) -> None:
        self._write(table, rows)

    def _write(self, table: Table, rows: list[tuple[Any, ...]]) -> None:
        cols = ", ".join(str(col) for col in table.columns)
        with transaction.atomic(), connection.cursor() as c:
            if self.vendor == "postgresql":
                raw = c.cursor
                with raw.copy(f"COPY {table.table} ({cols}) FROM STDIN") as cp:  # type: ignore[attr-defined]
                    for r in rows:
                        cp.write_row(r)
            else:
                marks = ", ".join(["%s"] * len(table.columns))
                c.executemany(
                    f"INSERT INTO {table.table} ({cols}) VALUES ({marks})",  # noqa: S608
                    rows,
                )

    def fix_sequence(self, table: Table) -> None:
        if self.vendor == "postgresql":
            with connection.cursor() as c:
                c.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table.table}', 'id'), "  # noqa: S608
                    f"(SELECT COALESCE(MAX(id), 1) FROM {table.table}))"
                )


# --- the generator ------------------------------------------------------------------------


@dataclass
class Org:
    court_id: int
    code: str
    level: str
    depts: dict[str, int] = field(default_factory=dict)  # kind -> department id
    teams: dict[str, list[int]] = field(default_factory=dict)  # kind -> team ids
    judges: dict[int, list[int]] = field(default_factory=dict)  # team id -> judge ids
    leaders: dict[str, int] = field(default_factory=dict)  # "president" / dept kind -> user
    weight: float = 1.0


@dataclass
class Result:
    cases: int = 0
    hearings: int = 0
    fee_notices: int = 0
    filings: int = 0
    services: int = 0
    matters: int = 0
    tickets: int = 0
    judges: int = 0
    year: int = 0

    def summary(self) -> str:
        return (
            f"{self.cases} cases ({self.year}), {self.hearings} hearings, "
            f"{self.fee_notices} fee notices, {self.filings} filings, "
            f"{self.services} service records, {self.matters} mediation matters, "
            f"{self.tickets} 12368 tickets, {self.judges} judges"
        )


class Progress:
    """A one-line progress bar on the cases, then a line per finishing step."""

    def __init__(self, total: int, out: Any, enabled: bool) -> None:
        import time

        self.total, self.out, self.enabled, self.last = total, out, enabled, -1
        self.t0 = time.perf_counter()

    def note(self, step: str) -> None:
        import time

        if self.enabled:
            self.out.write(f"  {time.perf_counter() - self.t0:7.1f} s  {step}\n")
            self.out.flush()

    def update(self, done: int) -> None:
        if not self.enabled or self.total <= 0:
            return
        pct = min(100, done * 100 // self.total)
        if pct != self.last:
            self.last = pct
            bar = "#" * (pct // 2) + "-" * (50 - pct // 2)
            self._write(f"\r[{bar}] {pct:3d}% {done}/{self.total} cases")
            if pct == 100:
                self._write("\n")

    def _write(self, text: str) -> None:
        """Write without a line ending (Django's OutputWrapper adds one unless told not to),
        so that the bar redraws in place."""
        try:
            self.out.write(text, ending="")
        except TypeError:  # a plain stream
            self.out.write(text)
        self.out.flush()


def _ascii(code: str) -> str:
    return "".join(c if c.isascii() else f"{ord(c):x}" for c in code)


class Generator:
    def __init__(
        self,
        cases: int,
        *,
        seed: int = 1,
        year: int | None = None,
        progress: bool = False,
        out: Any = None,
    ) -> None:
        from yizhan.core.time import today

        self.n = cases
        self.rng = random.Random(seed)  # noqa: S311 (synthetic data, not secrets)
        self.seed = seed
        self.year = year or today().year - 1
        self.start = date(self.year, 1, 1)
        self.as_of = date(self.year, 12, 31)
        self.out = out or sys.stdout
        self.progress = Progress(cases, self.out, progress)
        self.writer = Writer()
        self.result = Result(year=self.year)
        self._plain_judges: dict[int, list[int]] = {}  # team -> judges who are not leaders

    # -- setup ------------------------------------------------------------------------------

    def _org(self) -> list[Org]:
        from yizhan.accounts.models import Membership, Role, User
        from yizhan.core.models import Court, Department, DepartmentKind, Team

        courts = list(Court.objects.filter(is_active=True).order_by("code"))
        if not courts:
            raise RuntimeError("no courts: run `manage.py load_demo` first")
        basic = [c for c in courts if c.level == "basic"]
        orgs: list[Org] = []
        # Zipf-like court sizes: the urban districts are busiest.
        for rank, court in enumerate(basic or courts, start=1):
            orgs.append(Org(court.pk, court.code, court.level, weight=1 / rank**0.7))
        for court in courts:
            if court.level != "basic" and basic:
                orgs.append(Org(court.pk, court.code, court.level, weight=0.0))
        user_table = Table(User, self.writer)
        member_table = Table(Membership, self.writer)
        next_user = user_table.next_id()
        existing = {
            u: i
            for u, i in User.objects.filter(username__startswith="gen_").values_list(
                "username", "id"
            )
        }
        kinds = [
            ("civil", DepartmentKind.CIVIL, "民事审判庭"),
            ("fast_track", DepartmentKind.FAST_TRACK, "速裁庭"),
            ("enforcement", DepartmentKind.ENFORCEMENT, "执行局"),
            ("administrative", DepartmentKind.ADMINISTRATIVE, "行政审判庭"),
        ]
        total_weight = sum(o.weight for o in orgs) or 1
        memberships = set(
            Membership.objects.filter(user_id__in=existing.values()).values_list(
                "user_id", "role", "court_id"
            )
        )
        for org in orgs:
            share = org.weight / total_weight if org.weight else 0.1
            expected = max(self.n * share, 200)
            for kind, dkind, name in kinds:
                dept, _ = Department.objects.get_or_create(
                    court_id=org.court_id, name=name, defaults={"kind": dkind}
                )
                org.depts[kind] = dept.pk
                part = {
                    "civil": 0.55,
                    "fast_track": 0.2,
                    "enforcement": 0.22,
                    "administrative": 0.03,
                }[kind]
                judges = max(2, round(expected * part / 300))
                n_teams = max(1, min(6, judges // 5))
                teams = []
                for t in range(n_teams):
                    tname = f"{name}第{t + 1}团队" if kind != "fast_track" else f"速裁{t + 1}组"
                    team, _ = Team.objects.get_or_create(
                        department=dept,
                        name=tname,
                        defaults={"is_fast_track": kind == "fast_track"},
                    )
                    teams.append(team.pk)
                org.teams[kind] = teams
                for j in range(judges):
                    team_id = teams[j % len(teams)]
                    username = f"gen_{_ascii(org.code)}_{kind[:3]}_{j}"
                    uid = existing.get(username)
                    if uid is None:
                        uid = next_user
                        next_user += 1
                        rng = random.Random(f"{self.seed}:{username}")  # noqa: S311 (str seeds are stable)
                        real = rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN)
                        user_table.add(
                            {
                                "id": uid,
                                "username": username,
                                "password": "!",
                                "real_name": real,
                                "id_number": None,
                                "date_joined": timezone.now(),
                                "is_active": True,
                            }
                        )
                        existing[username] = uid
                    roles = [Role.JUDGE]
                    if j == 0:
                        roles.append(Role.DIVISION_CHIEF)
                        org.leaders[kind] = uid
                    if j == 1 and kind == "civil":
                        roles.append(Role.PRESIDENT)
                        org.leaders["president"] = uid
                    for role in roles:
                        if (uid, role, org.court_id) not in memberships:
                            memberships.add((uid, role, org.court_id))
                            member_table.add(
                                {
                                    "user_id": uid,
                                    "role": role,
                                    "court_id": org.court_id,
                                    "department_id": dept.pk,
                                    "team_id": team_id,
                                }
                            )
                    org.judges.setdefault(team_id, []).append(uid)
                    self.result.judges += 1
        user_table.flush()
        self.writer.fix_sequence(user_table)
        member_table.flush()
        self.writer.fix_sequence(member_table)
        return orgs

    # -- cases ------------------------------------------------------------------------------

    def run(self) -> Result:

        from . import summary

        rng = self.rng
        self.writer.begin()
        # The summary's dirty-marking triggers would fire once per loaded row: off for the
        # load (the summary is marked unbuilt first, so no reader trusts it meanwhile) and
        # rebuilt once at the end (generate()).
        summary.mark_unbuilt()
        summary.drop_triggers()
        try:
            return self._run(rng)
        finally:
            summary.create_triggers()
            self.writer.restore_indexes()
            self.writer.end()

    def _run(self, rng: random.Random) -> Result:
        from yizhan.accounts.models import User
        from yizhan.cases.models import Case, CaseNumberSequence, Cause, FeeNotice

        orgs = self._org()
        basic = [o for o in orgs if o.weight > 0]
        upper = next((o for o in orgs if o.level == "intermediate"), basic[0])
        causes = list(Cause.objects.values_list("id", "category", "fee_kind"))
        civil = [c for c in causes if c[1] == "civil"]
        rng.shuffle(civil)
        admin = [c for c in causes if c[1] == "administrative"] or civil
        enf = [c for c in causes if c[1] == "enforcement"]
        civil_w = [(c, 1 / (i + 1) ** 1.1) for i, c in enumerate(civil)] or [((None,) * 3, 1)]  # type: ignore[list-item]
        staff = User.objects.filter(
            username__in=["clerk", "litigant", "mediator", "hotline"]
        ).values_list("username", "id")
        staff_ids = dict(staff)
        self.fallback_user = (
            next(iter(staff_ids.values()), None) or next(iter(basic[0].judges.values()))[0]
        )
        self.litigant = staff_ids.get("litigant", self.fallback_user)

        self.cases = Table(Case, self.writer)
        self.fees = Table(FeeNotice, self.writer, auto_flush=False)
        self.hearings = self._optional("trial.Hearing")
        self.services = self._optional("trial.ServiceRecord")
        self.filings = self._optional("filing.Filing")
        self.cases.before = [t for t in (self.filings,) if t is not None]
        self.cases.after = [t for t in (self.fees, self.hearings, self.services) if t is not None]
        if self.n >= DEFER_INDEXES_FROM:
            self.writer.drop_indexes(
                [
                    t.table
                    for t in (self.cases, self.fees, self.hearings, self.services, self.filings)
                    if t is not None
                ]
            )
        self.case_id = self.cases.next_id()
        self.fee_id = self.fees.next_id()
        self.hearing_id = self.hearings.next_id() if self.hearings else 0
        self.filing_id = self.filings.next_id() if self.filings else 0
        self.seqs: dict[tuple[int, int, str], int] = {}
        for r in CaseNumberSequence.objects.filter(special_code="").values_list(
            "court_id", "year", "type_code", "last_seq"
        ):
            self.seqs[(r[0], r[1], r[2])] = r[3]
        self.codes = {o.court_id: o.code for o in orgs}
        # Pending derived work: (filed_on, callable) processed in date order is unnecessary;
        # children are emitted right after their parent (ids stay increasing).
        court_w = [(o, o.weight) for o in basic]
        mix = [((t, p), w) for t, p, w in BASIC_MIX]
        upper_mix = [((t, p), w) for t, p, w in INTERMEDIATE_MIX]
        wage = 118_133
        try:
            from django.conf import settings

            wage = int(Decimal(str(settings.YIZHAN_PROVINCE_AVERAGE_WAGE)))
        except Exception:  # noqa: S110
            pass
        month_w = [(m, w) for m, w in enumerate(MONTH_WEIGHTS, start=1)]
        while self.result.cases < self.n:
            if rng.random() < 0.02:
                org = upper
                type_code, procedure = _weighted(rng, upper_mix)
            else:
                org = _weighted(rng, court_w)
                type_code, procedure = _weighted(rng, mix)
            # 9 % carried over from the second half of the previous year.
            if rng.random() < 0.09:
                filed = self.start - timedelta(days=rng.randint(1, 200))
            else:
                month = _weighted(rng, month_w)
                day = rng.randint(1, 28 if month == 2 else 30 if month in (4, 6, 9, 11) else 31)
                filed = date(self.year, month, day)
                if filed.weekday() >= 5:
                    filed -= timedelta(days=filed.weekday() - 4)
            amount: float | None = None
            if type_code in ("民初", "诉前调书", "执", "执保"):
                amount = round(rng.lognormvariate(math.log(30_000), 1.3), 2)
                if org.level == "intermediate":
                    amount *= 60
            if type_code == "民初" and not procedure:
                cause = _weighted(rng, civil_w)
                if cause[2] == "property" and amount is not None:
                    if amount <= wage / 2:
                        procedure = "small_claims" if rng.random() < 0.7 else "simple"
                    elif amount <= wage * 2:
                        procedure = "simple"
                    else:
                        procedure = "ordinary"
                else:
                    procedure = "simple" if rng.random() < 0.7 else "ordinary"
            elif type_code == "行初":
                cause = rng.choice(admin)
            elif type_code.startswith("执"):
                cause = rng.choice(enf) if enf else (None, None, None)
            else:
                cause = _weighted(rng, civil_w)
            self._case(
                org,
                type_code,
                procedure or "simple",
                cause[0],
                filed,
                amount,
                parent=None,
                upper=upper,
                depth=0,
            )
            self.progress.update(self.result.cases)
        for t in (self.cases, self.fees, self.hearings, self.services, self.filings):
            if t is not None:
                t.flush()
                self.writer.fix_sequence(t)
        self.progress.note("rebuilding the secondary indexes")
        self.writer.restore_indexes()
        self._sequences()
        self.result.fee_notices = self.fees.written
        self.result.hearings = self.hearings.written if self.hearings else 0
        self.result.services = self.services.written if self.services else 0
        self.result.filings = self.filings.written if self.filings else 0
        self.progress.note("mediation matters and 12368 tickets")
        self._mediation(basic)
        self._tickets(orgs)
        self.progress.note("analyzing the tables")
        with connection.cursor() as c:
            # VACUUM also sets PostgreSQL's visibility map, so index-only scans apply at once.
            vacuum = connection.vendor == "postgresql" and not connection.in_atomic_block
            c.execute("VACUUM ANALYZE" if vacuum else "ANALYZE")
        return self.result

    def _optional(self, label: str) -> Table | None:
        try:
            return Table(apps.get_model(label), self.writer, auto_flush=False)
        except LookupError:
            return None

    def _number(self, court_id: int, year: int, type_code: str) -> tuple[int, str]:
        key = (court_id, year, type_code)
        seq = self.seqs.get(key, 0) + 1
        self.seqs[key] = seq
        return seq, f"（{year}）{self.codes[court_id]}{type_code}{seq}号"

    def _sequences(self) -> None:
        from yizhan.cases.models import CaseNumberSequence

        existing = {
            (r.court_id, r.year, r.type_code): r
            for r in CaseNumberSequence.objects.filter(special_code="")
        }
        new = []
        for key, last in self.seqs.items():
            row = existing.get(key)
            if row is None:
                new.append(
                    CaseNumberSequence(
                        court_id=key[0],
                        year=key[1],
                        type_code=key[2],
                        special_code="",
                        last_seq=last,
                    )
                )
            elif row.last_seq != last:
                row.last_seq = last
                row.save(update_fields=["last_seq"])
        CaseNumberSequence.objects.bulk_create(new, batch_size=1000)

    def _judge(self, org: Org, kind: str) -> tuple[int | None, int | None, int | None, bool]:
        """(department, team, judge, leader case) for a case routed to ``kind``."""
        rng = self.rng
        teams = org.teams.get(kind) or []
        if not teams:
            return None, None, None, False
        dept = org.depts.get(kind)
        # §6.3: a division chief takes ~60 % of a judge's share, the president ~7 %.
        r = rng.random()
        judges_in_dept = sum(len(org.judges.get(t, [])) for t in teams)
        if "president" in org.leaders and kind == "civil" and r < 0.07 / max(judges_in_dept, 1):
            return dept, teams[0], org.leaders["president"], True
        if kind in org.leaders and r < 0.6 / max(judges_in_dept, 1) + 0.07 / max(judges_in_dept, 1):
            return dept, teams[0], org.leaders[kind], True
        team = rng.choice(teams)
        judges = self._plain_judges.get(team)
        if judges is None:
            leaders = set(org.leaders.values())
            judges = [j for j in org.judges.get(team, []) if j not in leaders]
            if not judges:
                judges = org.judges.get(team, [])
            self._plain_judges[team] = judges
        return dept, team, rng.choice(judges) if judges else None, False

    def _case(
        self,
        org: Org,
        type_code: str,
        procedure: str,
        cause_id: int | None,
        filed: date,
        amount: float | None,
        *,
        parent: dict[str, Any] | None,
        upper: Org,
        depth: int,
        relation: str = "",
    ) -> dict[str, Any] | None:
        rng = self.rng
        if self.result.cases >= self.n or filed > self.as_of:
            return None
        key = type_code if type_code in DURATION else procedure
        median, sigma = DURATION.get(key, DURATION["simple"])
        net = max(1, int(rng.lognormvariate(math.log(median), sigma)))
        suspended = 0
        if procedure in ("ordinary", "simple") and rng.random() < 0.12:
            suspended = max(5, int(rng.lognormvariate(math.log(30), 0.6)))
        limit, ext = LIMIT.get(key, LIMIT["simple"])
        extended = net > limit and ext > 0 and rng.random() < 0.85
        within = net <= limit + (ext if extended else 0)
        closed_on: date | None = filed + timedelta(days=net + suspended)
        if closed_on > self.as_of:  # type: ignore[operator]
            closed_on = None
        kind = (
            "enforcement"
            if type_code.startswith("执")
            else "administrative"
            if type_code.startswith("行")
            else "fast_track"
            if procedure == "small_claims" or type_code in ("诉前调确", "诉前调书", "民督")
            else "civil"
        )
        dept, team, judge, leader = self._judge(org, kind)
        method = ""
        outcome_for_parent = ""
        due = recovered = None
        pronounced = False
        if closed_on is not None:
            if type_code == "民初":
                method = _weighted(rng, CIVIL_METHODS.get(procedure, CIVIL_METHODS["simple"]))
                pronounced = method == "judgment" and rng.random() < (
                    0.6 if procedure == "small_claims" else 0.3
                )
            elif type_code == "民终":
                outcome_for_parent = _weighted(rng, APPEAL_OUTCOMES)
                method = APPEAL_METHOD[outcome_for_parent]
            elif type_code in ("执", "执恢"):
                method = _weighted(rng, ENFORCEMENT_METHODS)
            elif type_code == "诉前调确":
                method = "ruling"
            elif type_code == "诉前调书":
                method = "mediation"
            elif type_code == "行初":
                method = _weighted(rng, ADMIN_METHODS)
            else:
                method = "ruling"
        if type_code in ("执", "执恢"):
            due = round(
                (amount or rng.lognormvariate(math.log(30_000), 1.2)) * rng.uniform(0.6, 1.0), 2
            )
            if method == "executed":
                recovered = due
            elif method == "enforcement_settled":
                recovered = round(due * rng.uniform(0.3, 0.9), 2)
            elif method == "terminated_this_round":
                recovered = round(due * rng.uniform(0, 0.3), 2) if rng.random() < 0.3 else 0.0
            elif closed_on is None:
                recovered = round(due * rng.uniform(0, 0.5), 2) if rng.random() < 0.4 else 0.0
            else:
                recovered = 0.0
        cid = self.case_id
        self.case_id += 1
        year = filed.year
        seq, number = self._number(org.court_id, year, type_code)
        origin = None
        if parent is not None:
            origin = parent["origin_id"] or parent["id"]
        filing_id = None
        if self.filings is not None and type_code in ("民初", "行初", "执") and parent is None:
            filing_id = self.filing_id
            self.filing_id += 1
            channel = _weighted(rng, FILING_CHANNELS)
            self.filings.add(
                {
                    "id": filing_id,
                    "court_id": org.court_id,
                    "kind": {
                        "民初": "civil_first",
                        "行初": "administrative_first",
                        "执": "enforcement",
                    }[type_code],
                    "cause_id": cause_id,
                    "status": "accepted",
                    "channel": channel,
                    "owner_id": self.litigant,
                    "created_by_id": self.litigant,
                    "claim_amount": amount,
                    "received_on": filed,
                    "decided_at": _dt(filed, 10),
                    "created_at": _dt(filed, 9),
                    "updated_at": _dt(filed, 10),
                }
            )
        row = {
            "id": cid,
            "court_id": org.court_id,
            "year": year,
            "type_code": type_code,
            "seq": seq,
            "number": number,
            "cause_id": cause_id,
            "procedure": procedure,
            "status": "closed" if closed_on else "pending",
            "filed_on": filed,
            "claim_amount": amount if type_code in ("民初", "诉前调书", "民终") else None,
            "filing_id": filing_id,
            "department_id": dept,
            "judge_id": judge,
            "created_at": _dt(filed, 9),
            "team_id": team,
            "assigned_at": _dt(filed, 11),
            "assignment_method": "auto" if rng.random() < 0.86 else "manual",
            "is_leader_case": leader,
            "limit_due": filed + timedelta(days=limit + (ext if extended else 0) + suspended),
            "suspended_days": suspended,
            "extended": extended,
            "closed_on": closed_on,
            "closure_method": method,
            "closed_within_limit": within if closed_on else None,
            "pronounced_in_court": pronounced,
            "parent_id": parent["id"] if parent else None,
            "relation": relation,
            "origin_id": origin,
            "appeal_outcome": "",
            "enforcement_due": due,
            "recovered_amount": recovered,
        }
        self.result.cases += 1
        children: list[Callable[[], Any]] = []
        # Appeals (CPL23 Art 171: 15 days to appeal a judgment) → the intermediate court.
        if (
            closed_on is not None
            and type_code == "民初"
            and method in ("judgment", "dismissal")
            and org.level == "basic"
            and rng.random() < 0.25
            and depth < 2
        ):
            appeal_filed = closed_on + timedelta(days=rng.randint(20, 60))
            children.append(lambda: self._appeal(row, upper, org, appeal_filed, amount, depth))
        # Enforcement of judgments and mediation documents (CPL23 Art 250).
        if (
            closed_on is not None
            and type_code in ("民初", "诉前调书", "诉前调确")
            and (method in ("judgment", "mediation", "ruling"))
            and amount
            and rng.random() < (0.3 if method == "judgment" else 0.22)
        ):
            enf_filed = closed_on + timedelta(days=int(rng.lognormvariate(math.log(45), 0.5)))
            children.append(
                lambda: self._case(
                    org,
                    "执",
                    "enforcement",
                    cause_id,
                    enf_filed,
                    amount,
                    parent=row,
                    upper=upper,
                    depth=depth + 1,
                    relation="enforcement",
                )
            )
        if (
            closed_on is not None
            and type_code == "执"
            and method == "terminated_this_round"
            and rng.random() < 0.1
        ):
            res_filed = closed_on + timedelta(days=rng.randint(60, 300))
            children.append(
                lambda: self._case(
                    org,
                    "执恢",
                    "enforcement",
                    cause_id,
                    res_filed,
                    due,
                    parent=row,
                    upper=upper,
                    depth=depth + 1,
                    relation="resumed_enforcement",
                )
            )
        self._extras(row, org, amount, kind)
        self.cases.add(row)
        for make in children:
            make()
        return row

    def _appeal(
        self,
        parent: dict[str, Any],
        upper: Org,
        lower: Org,
        filed: date,
        amount: float | None,
        depth: int,
    ) -> None:
        child = self._case(
            upper,
            "民终",
            "ordinary",
            parent["cause_id"],
            filed,
            amount,
            parent=parent,
            upper=upper,
            depth=depth + 1,
            relation="appeal",
        )
        if child is None or not child["closure_method"]:
            return
        outcome = {v: k for k, v in APPEAL_METHOD.items()}.get(child["closure_method"], "")
        if child["closure_method"] == "revised" and self.rng.random() < 0.35:
            outcome = "partly_revised"
        # The parent row is still in the buffer (children are written after it is added).
        self._set_parent_outcome(parent["id"], outcome)
        if outcome == "remanded":
            self._case(
                lower,
                "民初",
                parent["procedure"],
                parent["cause_id"],
                child["closed_on"] + timedelta(days=self.rng.randint(5, 20)),
                amount,
                parent=child,
                upper=upper,
                depth=depth + 1,
                relation="remand",
            )

    def _set_parent_outcome(self, case_id: int, outcome: str) -> None:
        pending: dict[int, str] | None = getattr(self, "_outcomes", None)
        if pending is None:
            pending = {}
            self._outcomes = pending
        pending[case_id] = outcome
        # Rows are tuples in the buffer or already written: patch either way.
        idx = self.cases.index["appeal_outcome"]
        for i in range(len(self.cases.rows) - 1, max(-1, len(self.cases.rows) - 2000), -1):
            r = self.cases.rows[i]
            if r[0] == case_id:
                lst = list(r)
                lst[idx] = outcome
                self.cases.rows[i] = tuple(lst)
                return
        with transaction.atomic(), connection.cursor() as c:
            c.execute("UPDATE cases_case SET appeal_outcome = %s WHERE id = %s", [outcome, case_id])

    def _extras(self, row: dict[str, Any], org: Org, amount: float | None, kind: str) -> None:
        rng = self.rng
        closed_on = row["closed_on"]
        type_code = row["type_code"]
        filed = row["filed_on"]
        judge = row["judge_id"] or self.fallback_user
        if (type_code in ("民初", "民终", "行初") and amount is not None) or type_code == "行初":
            # FEE Arts 13 and 16 through the rule engine (Decimal yuan, halved once).
            procedure = row["procedure"] if row["procedure"] in _FEE_PROCEDURES else "ordinary"
            if amount:
                fee = fee_rules.quote("property", Decimal(f"{amount:.2f}"), procedure=procedure).fee
            else:
                fee = fee_rules.quote("administrative", None, procedure=procedure).fee
            self.fees.add(
                {
                    "id": self.fee_id,
                    "case_id": row["id"],
                    "fee_kind": "property",
                    "full_fee": fee,
                    "amount_due": fee,
                    "basis": "[]",
                    "status": "paid",
                    "issued_on": filed,
                    "due_on": filed + timedelta(days=7),
                    "paid_on": filed + timedelta(days=rng.randint(0, 7)),
                }
            )
            self.fee_id += 1
        method = row["closure_method"]
        tried = type_code in ("民初", "民终", "行初") and (
            method in ("judgment", "affirmed", "revised", "remanded", "dismissal")
            or (method == "mediation" and rng.random() < 0.5)
            or (closed_on is None and rng.random() < 0.5)
        )
        if tried and self.hearings is not None:
            end = closed_on or self.as_of
            span = max((end - filed).days - row["suspended_days"], 2)
            times = 1
            while rng.random() < 0.28 and times < 5:  # adjournments (EXT2019 Arts 3, 5)
                times += 1
            for k in range(times):
                day = filed + timedelta(days=max(1, int(span * (0.4 + 0.5 * (k + 1) / times))))
                last = k == times - 1
                status = ("held" if closed_on else "scheduled") if last else "adjourned"
                if closed_on is None and day > self.as_of:
                    status = "scheduled"
                self.hearings.add(
                    {
                        "id": self.hearing_id,
                        "case_id": row["id"],
                        "starts_at": _dt(day, 9),
                        "ends_at": _dt(day, 11),
                        "online": rng.random() < 0.22,
                        "status": status,
                        "adjournment_reason": "" if last else "当事人申请延期",
                        "pronounced_in_court": bool(last and row["pronounced_in_court"]),
                        "created_by_id": judge,
                        "created_at": _dt(filed, 12),
                    }
                )
                self.hearing_id += 1
        if (
            self.services is not None
            and closed_on is not None
            and type_code in ("民初", "民终", "行初")
            and method in ("judgment", "mediation", "affirmed", "revised")
        ):
            self.services.add(
                {
                    "case_id": row["id"],
                    "document": "判决书" if method != "mediation" else "调解书",
                    "recipient": "原告",
                    "method": _weighted(rng, SERVICE_METHODS),
                    "served_on": closed_on,
                    "recorded_by_id": judge,
                }
            )

    # -- other apps ---------------------------------------------------------------------------

    def _mediation(self, basic: list[Org]) -> None:
        try:
            model = apps.get_model("mediation.Matter")
        except LookupError:
            return
        rng = self.rng
        table = Table(model, self.writer)
        total = max(1, self.n // 8)
        weights = [(o, o.weight) for o in basic]
        statuses = [
            ("settled", 46),
            ("failed", 28),
            ("expired", 9),
            ("converted", 9),
            ("withdrawn", 4),
            ("in_mediation", 4),
        ]
        creator = self.fallback_user
        fields = set(table.columns)
        seqs: dict[tuple[int, int], int] = {}
        for _ in range(total):
            org = _weighted(rng, weights)
            received = self.start + timedelta(days=rng.randint(0, 364))
            started = received + timedelta(days=rng.randint(1, 5))
            status = _weighted(rng, statuses)
            ended = started + timedelta(days=max(1, int(rng.lognormvariate(math.log(18), 0.5))))
            if status == "in_mediation" or ended > self.as_of:
                status, ended_on = "in_mediation", None
            else:
                ended_on = ended
            key = (org.court_id, received.year)
            seqs[key] = seqs.get(key, 0) + 1
            values = {
                "court_id": org.court_id,
                "status": status,
                "channel": _weighted(rng, MEDIATION_CHANNELS),
                "claims": "请求调解",
                "created_by_id": creator,
                "received_on": received,
                "started_on": started,
                "due_on": started + timedelta(days=30),
                "ended_on": ended_on,
                "claim_amount": round(rng.lognormvariate(math.log(20_000), 1.1), 2),
                "created_at": _dt(received, 9),
                "updated_at": _dt(ended_on or received, 17),
            }
            table.add({k: v for k, v in values.items() if k in fields})
        table.flush()
        self.writer.fix_sequence(table)
        self.result.matters = table.written

    def _tickets(self, orgs: list[Org]) -> None:
        try:
            model = apps.get_model("services.Ticket")
        except LookupError:
            return
        rng = self.rng
        table = Table(model, self.writer)
        fields = set(table.columns)
        total = max(1, self.n // 20)
        weights = [(o, o.weight or 0.3) for o in orgs]
        kinds = [
            ("inquiry", 40),
            ("consultation", 30),
            ("contact_judge", 15),
            ("appointment", 8),
            ("complaint", 4),
            ("suggestion", 2),
            ("report", 1),
        ]
        for _ in range(total):
            org = _weighted(rng, weights)
            received = self.start + timedelta(days=rng.randint(0, 364))
            due = received + timedelta(days=rng.choice([1, 3, 5]))
            late = rng.random() < 0.09
            reply_day = (
                due + timedelta(days=rng.randint(1, 6))
                if late
                else received + timedelta(days=rng.randint(0, (due - received).days))
            )
            replied = reply_day <= self.as_of
            values = {
                "court_id": org.court_id,
                "kind": _weighted(rng, kinds),
                "channel": _weighted(rng, TICKET_CHANNELS),
                "status": "closed" if replied else "in_progress",
                "subject": "来电事项",
                "received_on": received,
                "due_on": due,
                "replied_at": _dt(reply_day, 15) if replied else None,
                "created_at": _dt(received, 9),
            }
            table.add({k: v for k, v in values.items() if k in fields})
        table.flush()
        self.writer.fix_sequence(table)
        self.result.tickets = table.written


_DT: dict[tuple[date, int], Any] = {}


def _dt(day: date, hour: int) -> Any:
    """A court-local time as the database stores it: naive UTC text on SQLite (Django's
    format), ISO text with the offset on PostgreSQL. Cached: there are few distinct values."""
    key = (day, hour)
    v = _DT.get(key)
    if v is None:
        aware = timezone.make_aware(
            datetime.combine(day, dtime(hour)), timezone.get_default_timezone()
        )
        if connection.vendor == "sqlite":
            v = aware.astimezone(UTC).replace(tzinfo=None).isoformat(" ")
        else:
            v = aware.isoformat()
        _DT[key] = v
    return v


def generate(
    cases: int,
    *,
    seed: int = 1,
    year: int | None = None,
    progress: bool = False,
    out: Any = None,
    actor: Any = None,
) -> Result:
    """Load ``cases`` synthetic cases and write one audit event for the whole load."""
    from yizhan.audit.services import record

    from . import summary
    from .models import DataLoad

    gen = Generator(cases, seed=seed, year=year, progress=progress, out=out)
    started = timezone.now()
    result = gen.run()
    gen.progress.note("building the statistics summary")
    summary.rebuild()
    with transaction.atomic():
        load = DataLoad.objects.create(
            kind="generate_demo",
            seed=seed,
            year=gen.year,
            cases=result.cases,
            summary=result.summary(),
            started_at=started,
            finished_at=timezone.now(),
        )
        record(
            "stats.demo_generated",
            actor=actor,
            subject=load,
            after={
                "cases": result.cases,
                "seed": seed,
                "year": gen.year,
                "summary": result.summary(),
            },
        )
    return result
