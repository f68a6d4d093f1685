"""Trial and enforcement management (审判执行): assignment, time limits, hearings, service,
enforcement. The Case itself (with the denormalised fields the statistics read) lives in
``yizhan.cases``; this app holds what happens to it from docketing to closure."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AssignmentRule(models.Model):
    """A 繁简分流 routing rule: matching cases go to ``team`` (e.g. a fast-track team).

    Rules are tried by ascending ``priority``; empty criteria match anything."""

    court = models.ForeignKey("core.Court", on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("名称"), max_length=100)
    priority = models.PositiveSmallIntegerField(_("优先级"), default=100)
    type_codes = models.JSONField(_("类型代字"), default=list, blank=True)
    procedures = models.JSONField(_("程序"), default=list, blank=True)
    cause_codes = models.JSONField(_("案由代码"), default=list, blank=True)
    max_amount = models.DecimalField(_("标的额上限"), max_digits=16, decimal_places=2,
                                     null=True, blank=True)
    max_parties = models.PositiveSmallIntegerField(_("当事人数上限"), null=True, blank=True)
    team = models.ForeignKey("core.Team", on_delete=models.PROTECT, related_name="+")
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["court", "priority", "id"]


class JudgeQuota(models.Model):
    """A judge's place in a team for random balanced assignment: ``weight`` scales the
    judge's share (a division chief at 0.5 gets half the cases, §6.3); ``max_pending`` caps
    the open caseload (None: no cap)."""

    team = models.ForeignKey("core.Team", on_delete=models.CASCADE, related_name="quotas")
    judge = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                              related_name="quotas")
    weight = models.DecimalField(max_digits=4, decimal_places=2, default=1)
    max_pending = models.PositiveIntegerField(null=True, blank=True)
    is_active = models.BooleanField(default=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["team", "judge"], name="uniq_quota")]


class Exclusion(models.Model):
    """A judge who must not handle a case (回避 / conflict of interest)."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="exclusions")
    judge = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                              related_name="+")
    reason = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)


class PanelRole(models.TextChoices):
    PRESIDING = "presiding", _("审判长")
    JUDGE = "judge", _("审判员")
    ASSESSOR = "assessor", _("人民陪审员")
    ASSISTANT = "assistant", _("法官助理")
    CLERK = "clerk", _("书记员")


class PanelMember(models.Model):
    """The bench of a case (审判组织). The 承办法官 is ``Case.judge``."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="panel")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                             related_name="panel_seats")
    role = models.CharField(max_length=20, choices=PanelRole.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["case", "user", "role"], name="uniq_panel_seat")
        ]


class SuspensionKind(models.TextChoices):
    """审限扣除 (CPLI Art 243; ALLI Art 50; TL2000 Art 9)."""

    ANNOUNCEMENT = "announcement", _("公告期间")
    APPRAISAL = "appraisal", _("鉴定期间")
    SETTLEMENT = "settlement", _("和解期间")
    JURISDICTION_OBJECTION = "jurisdiction_objection", _("管辖异议")
    JURISDICTION_DISPUTE = "jurisdiction_dispute", _("管辖争议")
    AUDIT = "audit", _("审计、评估、资产清理")
    STAY = "stay", _("中止诉讼（执行）")
    MEDIATION = "mediation", _("调解期间（行政）")
    AUCTION = "auction", _("执行中拍卖、变卖")
    OTHER = "other", _("其他法定扣除")


class Suspension(models.Model):
    """A period not counted in the time limit, from ``start_on`` to ``end_on`` inclusive."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="suspensions")
    kind = models.CharField(max_length=30, choices=SuspensionKind.choices)
    start_on = models.DateField()
    end_on = models.DateField(null=True, blank=True)
    reason = models.CharField(max_length=300, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["start_on", "id"]


class ExtensionStatus(models.TextChoices):
    PENDING = "pending", _("待审批")
    APPROVED = "approved", _("批准")
    REFUSED = "refused", _("不批准")


class Extension(models.Model):
    """延长审限: requested ≥ 15 days before expiry, decided by the president (or the higher
    court for a further extension) ≥ 5 days before (EXT2019 Art 1)."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="extensions")
    months = models.PositiveSmallIntegerField(default=0)
    days = models.PositiveSmallIntegerField(default=0)
    reason = models.TextField()
    level = models.CharField(max_length=20, default="president")  # or "higher_court"
    status = models.CharField(max_length=10, choices=ExtensionStatus.choices,
                              default=ExtensionStatus.PENDING)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                     related_name="+")
    requested_on = models.DateField()
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    decided_on = models.DateField(null=True, blank=True)
    decision_reason = models.TextField(blank=True)


class ProcedureConversion(models.Model):
    """简易程序转普通程序: the limit counts on from docketing (TL2000 Art 8; CPLI Art 258)."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT,
                             related_name="conversions")
    from_procedure = models.CharField(max_length=20)
    to_procedure = models.CharField(max_length=20)
    converted_on = models.DateField()
    reason = models.CharField(max_length=300)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")


class Courtroom(models.Model):
    court = models.ForeignKey("core.Court", on_delete=models.PROTECT, related_name="courtrooms")
    name = models.CharField(max_length=60)
    online_capable = models.BooleanField(default=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["court", "name"], name="uniq_courtroom")]

    def __str__(self) -> str:
        return f"{self.court.name}{self.name}"


class HearingStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("已排期")
    HELD = "held", _("已开庭")
    ADJOURNED = "adjourned", _("延期开庭")
    CANCELLED = "cancelled", _("取消")


class Hearing(models.Model):
    """A scheduled hearing (排期 / 开庭). Adjournments are limited (EXT2019 Arts 3, 5)."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="hearings")
    courtroom = models.ForeignKey(Courtroom, null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="hearings")
    starts_at = models.DateTimeField(db_index=True)
    ends_at = models.DateTimeField()
    online = models.BooleanField(_("在线庭审"), default=False)
    status = models.CharField(max_length=20, choices=HearingStatus.choices,
                              default=HearingStatus.SCHEDULED)
    adjournment_reason = models.CharField(max_length=300, blank=True)
    pronounced_in_court = models.BooleanField(_("当庭宣判"), default=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["starts_at"]


class ServiceMethod(models.TextChoices):
    ELECTRONIC = "electronic", _("电子送达")
    DIRECT = "direct", _("直接送达")
    POST = "post", _("邮寄送达")
    LEFT = "left", _("留置送达")
    ANNOUNCEMENT = "announcement", _("公告送达")
    ENTRUSTED = "entrusted", _("委托送达")


class ServiceRecord(models.Model):
    """送达记录: which document reached whom, how and when (TL2000 Art 10 uses these dates)."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="services")
    document = models.CharField(max_length=100)
    recipient = models.CharField(max_length=150)
    method = models.CharField(max_length=20, choices=ServiceMethod.choices)
    served_on = models.DateField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")


class EnforcementMeasure(models.Model):
    """执行措施 taken in an enforcement case, and money recovered by it."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="measures")
    kind = models.CharField(max_length=40)  # 查询, 冻结, 扣划, 查封, 拍卖, 限制消费, 失信 ...
    taken_on = models.DateField()
    amount = models.DecimalField(max_digits=16, decimal_places=2, null=True, blank=True)
    note = models.CharField(max_length=300, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")

    class Meta:
        ordering = ["taken_on", "id"]
