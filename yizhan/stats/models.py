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
