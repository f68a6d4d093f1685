"""The shared kernel: the court organisation tree, the court calendar, idempotency records."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CourtLevel(models.TextChoices):
    SUPREME = "supreme", _("最高人民法院")
    HIGH = "high", _("高级人民法院")
    INTERMEDIATE = "intermediate", _("中级人民法院")
    BASIC = "basic", _("基层人民法院")


class Court(models.Model):
    """A people's court, identified by its 法院代字 (法〔2015〕137号 Arts 4–5)."""

    code = models.CharField(_("法院代字"), max_length=12, unique=True)
    name = models.CharField(_("名称"), max_length=100)
    level = models.CharField(_("级别"), max_length=20, choices=CourtLevel.choices)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("上级法院"),
    )
    address = models.CharField(_("地址"), max_length=200, blank=True)
    phone = models.CharField(_("电话"), max_length=40, blank=True)
    hours = models.CharField(_("诉讼服务时间"), max_length=200, blank=True)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("法院")
        verbose_name_plural = _("法院")

    def __str__(self) -> str:
        return self.name


class DepartmentKind(models.TextChoices):
    FILING = "filing", _("立案庭")
    CIVIL = "civil", _("民事审判庭")
    CRIMINAL = "criminal", _("刑事审判庭")
    ADMINISTRATIVE = "administrative", _("行政审判庭")
    ENFORCEMENT = "enforcement", _("执行局")
    FAST_TRACK = "fast_track", _("速裁庭")
    OFFICE = "office", _("办公室")
    SUPERVISION = "supervision", _("审判管理办公室")


class Department(models.Model):
    court = models.ForeignKey(Court, on_delete=models.PROTECT, related_name="departments")
    name = models.CharField(_("名称"), max_length=100)
    kind = models.CharField(_("类别"), max_length=20, choices=DepartmentKind.choices)

    class Meta:
        ordering = ["court", "id"]
        constraints = [models.UniqueConstraint(fields=["court", "name"], name="uniq_department")]

    def __str__(self) -> str:
        return f"{self.court.name}{self.name}"


class Team(models.Model):
    """A trial team (审判团队), for example a fast-track team (速裁团队)."""

    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="teams")
    name = models.CharField(_("名称"), max_length=100)
    is_fast_track = models.BooleanField(_("速裁团队"), default=False)

    class Meta:
        ordering = ["department", "id"]

    def __str__(self) -> str:
        return self.name


class CalendarOverride(models.Model):
    """A holiday or make-up working day entered by a court administrator.

    chinese-calendar knows a fixed range of years; the administrator enters the State
    Council's schedule for later years (or corrections) here. Overrides win over the library.
    """

    day = models.DateField(_("日期"), unique=True)
    working = models.BooleanField(_("工作日"), help_text=_("勾选为调休上班日，不勾选为节假日"))
    note = models.CharField(_("说明"), max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["day"]

    def __str__(self) -> str:
        return f"{self.day} {'上班' if self.working else '休息'} {self.note}"


class IdempotencyRecord(models.Model):
    """The first response to a request carrying an ``Idempotency-Key``.

    A retry with the same key and the same body gets this response again instead of creating
    a second record; the same key with a different body is refused.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    scope = models.CharField(max_length=100)
    key = models.CharField(max_length=100)
    request_hash = models.CharField(max_length=64)
    status_code = models.PositiveSmallIntegerField(null=True)
    response = models.JSONField(null=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "scope", "key"], name="uniq_idempotency_key")
        ]


class ScheduledJob(models.Model):
    """When a periodic job (``YIZHAN_PERIODIC_TASKS``) was last enqueued.

    One row per job name; the scheduler locks it while deciding, so two schedulers running
    by mistake still enqueue each due job once (docs/operations.md).
    """

    name = models.CharField(max_length=100, unique=True)
    last_enqueued_at = models.DateTimeField(null=True)
    last_task_id = models.CharField(max_length=64, blank=True)

    def __str__(self) -> str:
        return f"{self.name} @ {self.last_enqueued_at}"
