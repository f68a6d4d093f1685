"""The indicator catalogue (kept as data) and the record of synthetic data loads."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Unit(models.TextChoices):
    PERCENT = "percent", _("%")
    DAYS = "days", _("天")
    RATIO = "ratio", _("比值")
    CASES = "cases", _("件")
    TIMES = "times", _("次")
    SCORE = "score", _("项")


class Category(models.TextChoices):
    OUTPUT = "output", _("审判执行效率")
    OUTCOME = "outcome", _("审判质量与效果")
    ENFORCEMENT = "enforcement", _("执行")
    WORKLOAD = "workload", _("工作量")
    SERVICE = "service", _("诉讼服务")
    COURTOOLS = "courtools", _("NCSC CourTools")
    BUSINESS = "business", _("营商环境（执行合同）")


class Indicator(models.Model):
    """One indicator of the catalogue (domain-rules §6, §9): how it is computed, its unit,
    its reasonable reference interval (§6.1: inside = compliant, no ranking) and the case
    types it leaves out (§1.4, §6.2). ``scope_types`` empty means every case type.

    The computation lives in :mod:`yizhan.stats.selectors`; the type lists, the interval and
    ``params`` are read from here, so a court can adjust them in the admin."""

    code = models.SlugField(_("代码"), max_length=50, unique=True)
    name = models.CharField(_("名称"), max_length=100)
    category = models.CharField(_("类别"), max_length=20, choices=Category.choices)
    formula = models.TextField(_("计算公式"))
    unit = models.CharField(_("单位"), max_length=10, choices=Unit.choices)
    ref_low = models.DecimalField(
        _("参考区间下限"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    ref_high = models.DecimalField(
        _("参考区间上限"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    source = models.TextField(_("依据"), blank=True)
    scope_types = models.JSONField(_("统计的案件类型"), default=list, blank=True)
    excluded_types = models.JSONField(_("排除的案件类型"), default=list, blank=True)
    params = models.JSONField(_("参数"), default=dict, blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    is_open = models.BooleanField(_("纳入司法数据公开"), default=False)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("质效指标")
        verbose_name_plural = _("质效指标")

    def __str__(self) -> str:
        return f"{self.name}（{self.code}）"


class DataLoad(models.Model):
    """A bulk data load (``generate_demo``): one row and one audit event per load."""

    kind = models.CharField(max_length=30)
    seed = models.IntegerField(default=0)
    year = models.PositiveSmallIntegerField()
    cases = models.PositiveIntegerField()
    summary = models.TextField(blank=True)
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField()

    class Meta:
        ordering = ["-started_at"]


# --- the summary: per-(court, month) partial aggregates (docs/stats.md, "Summary") --------
#
# Derived data, rebuilt from the cases and never edited by hand. Each row belongs to one
# *refresh unit* (kind, court, month): for the case-derived tables the court and the filing
# month of the cases it sums (``fmonth``; a case's filing month is where it stays), so that a
# unit is rebuilt from the cases filed in that month. Months are ``year * 12 + month - 1``.
# Money is in integer cents (exact sums on both databases). Court and judge ids are plain
# integers, not foreign keys: the rows are rebuilt wholesale and carry no meaning of their own.


class SummaryState(models.Model):
    """Single row: whether the summary tables were built (else the next read builds them)."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    built = models.BooleanField(default=False)
    built_at = models.DateTimeField(null=True, blank=True)
    refreshed_at = models.DateTimeField(null=True, blank=True)


class SummaryDirty(models.Model):
    """A refresh unit changed since the last refresh. Written by database triggers (on cases,
    hearings, service records, fee notices, filings, mediation matters and 12368 tickets: see
    :mod:`yizhan.stats.summary`) in the same transaction as the change; removed by the refresh
    that rebuilt the unit. Append-only between refreshes (no unique key: see the module)."""

    kind = models.CharField(max_length=10)
    court_id = models.IntegerField()
    month = models.IntegerField()

    class Meta:
        indexes = [models.Index(fields=["kind", "court_id", "month"], name="stats_dirty_unit")]


class CaseCell(models.Model):
    """Cases by (court, filing month, closing month, type, closure method): the counters of
    the active-caseload scan. ``cmonth`` is NULL for open cases."""

    court_id = models.IntegerField()
    fmonth = models.IntegerField()
    cmonth = models.IntegerField(null=True)
    type_code = models.CharField(max_length=8)
    method = models.CharField(max_length=30)
    n = models.BigIntegerField()
    filed_day = models.BigIntegerField()  # sum of the filing day numbers (age of pending)
    last_day = models.BigIntegerField()  # filed on the last day of the month (29 February)
    within = models.BigIntegerField(null=True)  # closed_within_limit
    pronounced = models.BigIntegerField(null=True)
    reversed = models.BigIntegerField()  # appeal_outcome revised / partly revised / remanded
    due = models.BigIntegerField(null=True)  # enforcement_due, cents
    recovered = models.BigIntegerField(null=True)  # recovered_amount, cents
    origin = models.BigIntegerField()  # origin_id IS NULL
    auto = models.BigIntegerField()  # assignment_method auto
    appealed = models.BigIntegerField()  # closed cases with an appeal case

    class Meta:
        indexes = [models.Index(fields=["court_id", "fmonth"], name="stats_casecell_unit")]


class ClosedCell(models.Model):
    """Closed cases by (court, filing month, closing month, type): net days and the
    hearings of the cases closed by judgment (CourTools 5)."""

    court_id = models.IntegerField()
    fmonth = models.IntegerField()
    cmonth = models.IntegerField()
    type_code = models.CharField(max_length=8)
    n = models.BigIntegerField()
    days = models.BigIntegerField()
    hearings = models.BigIntegerField(null=True)
    tried = models.BigIntegerField()

    class Meta:
        indexes = [
            models.Index(fields=["court_id", "fmonth"], name="stats_closedcell_unit"),
            # covering, by closing month: a period's (or each month's) rows without the rest
            models.Index(
                fields=["cmonth", "court_id", "type_code", "days", "hearings", "tried"],
                name="stats_closedcell_read",
            ),
        ]


class HistCell(models.Model):
    """Closed cases by (court, filing month, closing month, type, procedure, net-days
    bucket): the duration histogram and the within-time-standard count."""

    court_id = models.IntegerField()
    fmonth = models.IntegerField()
    cmonth = models.IntegerField()
    type_code = models.CharField(max_length=8)
    procedure = models.CharField(max_length=20)
    bucket = models.IntegerField()
    n = models.BigIntegerField()

    class Meta:
        indexes = [
            models.Index(fields=["court_id", "fmonth"], name="stats_histcell_unit"),
            models.Index(
                fields=["cmonth", "court_id", "type_code", "procedure", "bucket", "n"],
                name="stats_histcell_read",
            ),
        ]


class LeaderCell(models.Model):
    """Leaders' closures (院庭长办案) by (court, filing month, closing month, type, judge)."""

    court_id = models.IntegerField()
    fmonth = models.IntegerField()
    cmonth = models.IntegerField()
    type_code = models.CharField(max_length=8)
    judge_id = models.IntegerField()
    n = models.BigIntegerField()

    class Meta:
        indexes = [
            models.Index(fields=["court_id", "fmonth"], name="stats_leadercell_unit"),
            models.Index(
                fields=["cmonth", "court_id", "type_code", "judge_id", "n"],
                name="stats_leadercell_read",
            ),
        ]


class ChainCell(models.Model):
    """World Bank enforcement chains by (court, filing month and closing month of the
    enforcement case, its type, stage, days); fee and claim (cents) on stage 1."""

    court_id = models.IntegerField()
    fmonth = models.IntegerField()
    cmonth = models.IntegerField()
    type_code = models.CharField(max_length=8)
    stage = models.SmallIntegerField()
    days = models.IntegerField()
    n = models.BigIntegerField()
    chains = models.BigIntegerField()
    fee = models.BigIntegerField(null=True)
    claim = models.BigIntegerField(null=True)

    class Meta:
        indexes = [
            models.Index(fields=["court_id", "fmonth"], name="stats_chaincell_unit"),
            models.Index(
                fields=[
                    "cmonth",
                    "court_id",
                    "type_code",
                    "stage",
                    "days",
                    "n",
                    "chains",
                    "fee",
                    "claim",
                ],
                name="stats_chaincell_read",
            ),
        ]


class FlatCell(models.Model):
    """Other tables by (kind, court, month): ``service`` (service records, unit = the case's
    court and filing month, ``month`` = served), ``filing`` (received), ``mediation`` (ended,
    ``key`` = status), ``ticket`` (12368, due; ``e`` = replied on time)."""

    kind = models.CharField(max_length=10)
    court_id = models.IntegerField()
    umonth = models.IntegerField()
    month = models.IntegerField()
    key = models.CharField(max_length=30)
    n = models.BigIntegerField()
    e = models.BigIntegerField(null=True)

    class Meta:
        indexes = [
            models.Index(fields=["kind", "court_id", "umonth"], name="stats_flatcell_unit"),
            models.Index(fields=["kind", "month", "court_id"], name="stats_flatcell_read"),
        ]
