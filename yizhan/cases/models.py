"""The Case aggregate: case number, cause, procedure, parties, docket timeline, fees."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from yizhan.rules.case_numbers import CaseNumber


class CauseCategory(models.TextChoices):
    CIVIL = "civil", _("民事")
    ADMINISTRATIVE = "administrative", _("行政")
    ENFORCEMENT = "enforcement", _("执行")
    BANKRUPTCY = "bankruptcy", _("破产")


class Cause(models.Model):
    """A cause of action (案由) from the catalogue (民事案件案由规定 and the administrative list).

    ``fee_kind`` says which row of FEE Art 13 applies to a claim under this cause."""

    code = models.CharField(_("代码"), max_length=20, unique=True)
    name = models.CharField(_("案由"), max_length=100)
    category = models.CharField(_("类别"), max_length=20, choices=CauseCategory.choices)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT)
    fee_kind = models.CharField(_("收费类别"), max_length=30, default="property")
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class Procedure(models.TextChoices):
    ORDINARY = "ordinary", _("普通程序")
    SIMPLE = "simple", _("简易程序")
    SMALL_CLAIMS = "small_claims", _("小额诉讼程序")
    SPECIAL = "special", _("特别程序")
    ENFORCEMENT = "enforcement", _("执行程序")
    BANKRUPTCY = "bankruptcy", _("破产程序")
    OTHER = "other", _("其他")


class CaseStatus(models.TextChoices):
    PENDING = "pending", _("在办")
    CLOSED = "closed", _("已结")


class CaseNumberSequence(models.Model):
    """The last number given per (court, year, special code, type code) (Art 10 as amended).

    Rows are locked while a number is taken, so that numbers never repeat."""

    court = models.ForeignKey("core.Court", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    special_code = models.CharField(max_length=2, blank=True)
    type_code = models.CharField(max_length=8)
    last_seq = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["court", "year", "special_code", "type_code"], name="uniq_case_sequence"
            )
        ]


class ClosureMethod(models.TextChoices):
    """结案方式 (case closure methods; TL2000 Art 10 for the closing date)."""

    JUDGMENT = "judgment", _("判决")
    MEDIATION = "mediation", _("调解")
    WITHDRAWAL = "withdrawal", _("撤诉")
    DISMISSAL = "dismissal", _("驳回起诉")
    RULING = "ruling", _("其他裁定")
    TRANSFER = "transfer", _("移送")
    TERMINATION = "termination", _("终结诉讼")
    AFFIRMED = "affirmed", _("维持原判")
    REVISED = "revised", _("改判")
    REMANDED = "remanded", _("发回重审")
    APPEAL_WITHDRAWN = "appeal_withdrawn", _("撤回上诉")
    EXECUTED = "executed", _("执行完毕")
    TERMINATED_THIS_ROUND = "terminated_this_round", _("终结本次执行")
    ENFORCEMENT_TERMINATED = "enforcement_terminated", _("终结执行")
    ENFORCEMENT_REFUSED = "enforcement_refused", _("不予执行")
    ENFORCEMENT_SETTLED = "enforcement_settled", _("和解长期履行")
    OTHER = "other", _("其他")


class CaseRelation(models.TextChoices):
    APPEAL = "appeal", _("上诉（二审）")
    REMAND = "remand", _("发回重审")
    RETRIAL = "retrial", _("再审")
    ENFORCEMENT = "enforcement", _("执行")
    RESUMED_ENFORCEMENT = "resumed_enforcement", _("恢复执行")
    BANKRUPTCY = "bankruptcy", _("破产")
    MEDIATION_CONVERSION = "mediation_conversion", _("诉前调解转立案")
    OTHER = "other", _("其他关联")


class AppealOutcome(models.TextChoices):
    """What the second instance did with a first-instance decision (recorded on both)."""

    AFFIRMED = "affirmed", _("维持")
    REVISED = "revised", _("改判")
    PARTLY_REVISED = "partly_revised", _("部分改判")
    REMANDED = "remanded", _("发回重审")
    WITHDRAWN = "withdrawn", _("撤回上诉")
    MEDIATED = "mediated", _("二审调解")
    OTHER = "other", _("其他")


class SerialGroup(models.Model):
    """系列案: cases with the same parties and cause handled together."""

    court = models.ForeignKey("core.Court", on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("名称"), max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    def __str__(self) -> str:
        return self.name


class Case(models.Model):
    court = models.ForeignKey("core.Court", on_delete=models.PROTECT, related_name="cases")
    year = models.PositiveSmallIntegerField(_("收案年度"))
    special_code = models.CharField(_("专门审判代字"), max_length=2, blank=True)
    type_code = models.CharField(_("类型代字"), max_length=8)
    seq = models.PositiveIntegerField(_("案件编号"))
    number = models.CharField(_("案号"), max_length=40, unique=True)
    cause = models.ForeignKey(Cause, null=True, blank=True, on_delete=models.PROTECT)
    procedure = models.CharField(_("程序"), max_length=20, choices=Procedure.choices)
    status = models.CharField(
        _("状态"), max_length=20, choices=CaseStatus.choices, default=CaseStatus.PENDING
    )
    filed_on = models.DateField(_("立案日期"))
    claim_amount = models.DecimalField(
        _("诉讼标的额"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    claims = models.TextField(_("诉讼请求"), blank=True)
    filing = models.OneToOneField(
        "filing.Filing", null=True, blank=True, on_delete=models.PROTECT, related_name="case"
    )
    department = models.ForeignKey(
        "core.Department", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    judge = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cases_as_judge",
        verbose_name=_("承办法官"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    # Assignment (分案). Written by the trial module's actions.
    team = models.ForeignKey(
        "core.Team",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cases",
        verbose_name=_("审判团队"),
    )
    assigned_at = models.DateTimeField(_("分案时间"), null=True, blank=True)
    assignment_method = models.CharField(_("分案方式"), max_length=10, blank=True)
    is_leader_case = models.BooleanField(_("院庭长办案"), default=False)

    # Statutory time limit (审限), kept current by the trial module: the due date includes
    # extensions and suspensions; suspended_days is the total deducted (CPLI Art 243).
    limit_due = models.DateField(_("审限届满日"), null=True, blank=True)
    suspended_days = models.PositiveIntegerField(_("扣除审限天数"), default=0)
    extended = models.BooleanField(_("已延长审限"), default=False)

    # Closure (结案). closed_on follows TL2000 Art 10.
    closed_on = models.DateField(_("结案日期"), null=True, blank=True)
    closure_method = models.CharField(
        _("结案方式"), max_length=30, blank=True, choices=ClosureMethod.choices
    )
    closed_within_limit = models.BooleanField(_("审限内结案"), null=True, blank=True)
    pronounced_in_court = models.BooleanField(_("当庭宣判"), default=False)

    # Related cases: appeal, remand, retrial, enforcement ... ``origin`` is the first case of
    # the dispute (None for the first one itself), for the 案-件比.
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("原审/关联案件"),
    )
    relation = models.CharField(
        _("关联关系"), max_length=30, blank=True, choices=CaseRelation.choices
    )
    origin = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("纠纷起始案件"),
    )
    appeal_outcome = models.CharField(
        _("上诉结果"), max_length=20, blank=True, choices=AppealOutcome.choices
    )
    serial_group = models.ForeignKey(
        SerialGroup, null=True, blank=True, on_delete=models.SET_NULL, related_name="cases"
    )

    # Enforcement (执行): the amount applied for and the amount actually recovered.
    enforcement_due = models.DecimalField(
        _("申请执行标的"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    recovered_amount = models.DecimalField(
        _("执行到位金额"), max_digits=16, decimal_places=2, null=True, blank=True
    )

    class Meta:
        ordering = ["-filed_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["court", "year", "special_code", "type_code", "seq"],
                name="uniq_case_number_parts",
            )
        ]
        indexes = [
            models.Index(fields=["court", "status", "filed_on"]),
            models.Index(fields=["court", "closed_on"]),
            models.Index(fields=["judge", "status"]),
            models.Index(fields=["relation", "parent"], name="case_relation_parent_idx"),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def case_number(self) -> CaseNumber:
        return CaseNumber(self.year, self.court.code, self.special_code, self.type_code, self.seq)


class CaseRole(models.TextChoices):
    PLAINTIFF = "plaintiff", _("原告")
    DEFENDANT = "defendant", _("被告")
    THIRD_PARTY = "third_party", _("第三人")
    APPLICANT = "applicant", _("申请人")
    RESPONDENT = "respondent", _("被申请人")
    APPLICANT_EXECUTION = "applicant_execution", _("申请执行人")
    PERSON_SUBJECT_TO_EXECUTION = "person_subject_to_execution", _("被执行人")


class CaseParty(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="case_parties")
    party = models.ForeignKey("parties.Party", on_delete=models.PROTECT, related_name="+")
    role = models.CharField(_("诉讼地位"), max_length=40, choices=CaseRole.choices)

    class Meta:
        ordering = ["id"]


class AppendOnly(models.Model):
    """Rows that are never changed once written (docket history)."""

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise PermissionError(f"{type(self).__name__} is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise PermissionError(f"{type(self).__name__} is append-only")


class DocketEntry(AppendOnly):
    """One step in the docket history (流程节点). Append-only."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="docket")
    kind = models.CharField(max_length=40)
    text = models.CharField(max_length=300)
    occurred_at = models.DateTimeField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["occurred_at", "id"]


class FeeStatus(models.TextChoices):
    DUE = "due", _("待交纳")
    DEFERRED = "deferred", _("缓交")
    WAIVED = "waived", _("免交")
    PAID = "paid", _("已交纳")
    NOT_PREPAID = "not_prepaid", _("无需预交")


class FeeNotice(models.Model):
    """交纳诉讼费用通知书: the fee to prepay and the 7-day deadline (FEE Art 22)."""

    case = models.OneToOneField(Case, on_delete=models.PROTECT, related_name="fee_notice")
    fee_kind = models.CharField(max_length=30)
    full_fee = models.DecimalField(max_digits=14, decimal_places=2)
    amount_due = models.DecimalField(max_digits=14, decimal_places=2)
    basis = models.JSONField(default=list)
    relief = models.CharField(max_length=20, blank=True)
    status = models.CharField(max_length=20, choices=FeeStatus.choices)
    issued_on = models.DateField()
    due_on = models.DateField(null=True, blank=True)
    paid_on = models.DateField(null=True, blank=True)
    # Second instance only: the amount the appeal fee was computed on (FEE Art 17: the part the
    # first appellant contests, the whole claim where it gave none), so that a halved fee
    # (FEE Art 15) is the exact fee halved and rounded once; null on other notices and on
    # appeal notices issued before it was stored.
    appealed_amount = models.DecimalField(max_digits=16, decimal_places=2, null=True, blank=True)


class SupplementaryFeeReason(models.TextChoices):
    PROCEDURE_CONVERSION = "procedure_conversion", _("简易程序转为普通程序")
    APPEAL_SECOND_APPELLANT = "appeal_second_appellant", _("上诉费（其他上诉人）")


class SupplementaryFeeNotice(models.Model):
    """补交诉讼费用通知: a fee owed on top of the case's ``FeeNotice`` (which stays one per
    case). ``procedure_conversion``: the simple procedure's fee was halved (FEE Art 16); after
    conversion to the ordinary procedure the plaintiff tops up the difference within 7 days of
    the notice, failing which the case is treated as withdrawn and half of the fee already
    paid is refunded (CPLI Art 199). ``appeal_second_appellant``: a later appellant who joins
    the existing second-instance case pays the appeal fee on the part of the judgment it
    contests (FEE Art 17) within 7 days of the notice (FEE Art 22); ``party`` is that
    appellant. One notice per case and reason where ``party`` is empty, one per case, reason
    and party otherwise."""

    case = models.ForeignKey(
        Case, on_delete=models.PROTECT, related_name="supplementary_fee_notices"
    )
    reason = models.CharField(max_length=30, choices=SupplementaryFeeReason.choices)
    party = models.ForeignKey(
        "parties.Party", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    fee_kind = models.CharField(max_length=30)
    full_fee = models.DecimalField(max_digits=16, decimal_places=2)
    amount_due = models.DecimalField(max_digits=16, decimal_places=2)
    basis = models.JSONField(default=list)
    status = models.CharField(max_length=20, choices=FeeStatus.choices)
    issued_on = models.DateField()
    due_on = models.DateField(null=True, blank=True)
    paid_on = models.DateField(null=True, blank=True)
    # ``appeal_second_appellant`` only: the part of the judgment this appellant contests (FEE
    # Art 17), as for ``FeeNotice.appealed_amount``; null otherwise and on older notices.
    appealed_amount = models.DecimalField(max_digits=16, decimal_places=2, null=True, blank=True)

    class Meta:
        ordering = ["issued_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "reason"],
                condition=models.Q(party__isnull=True),
                name="uniq_supplementary_fee",
            ),
            models.UniqueConstraint(
                fields=["case", "reason", "party"],
                condition=models.Q(party__isnull=False),
                name="uniq_supplementary_fee_party",
            ),
            models.CheckConstraint(
                condition=~models.Q(reason="appeal_second_appellant")
                | models.Q(party__isnull=False),
                name="supp_fee_appellant_has_party",
            ),
        ]
        indexes = [models.Index(fields=["status", "due_on"], name="supp_fee_status_due_idx")]


class FeeReminderNotice(models.TextChoices):
    FEE = "fee", _("交纳诉讼费用通知")
    SUPPLEMENTARY = "supplementary", _("补交诉讼费用通知")


class FeeReminder(models.Model):
    """催缴短信: one reminder, before the due date, of an unpaid ``FeeNotice`` (``fee``) or
    ``SupplementaryFeeNotice`` (``supplementary``) to one party who must pay it, so that the
    case (CPLI Arts 199, 213) or the appeal (CPLI Art 318) is not treated as withdrawn for a
    forgotten fee. Written by ``yizhan.services.fee_reminders`` in the transaction that queues
    the text; the unique constraint is what keeps a retried or concurrent run from sending a
    second one."""

    notice_kind = models.CharField(max_length=20, choices=FeeReminderNotice.choices)
    notice_id = models.PositiveBigIntegerField()
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="fee_reminders")
    party = models.ForeignKey("parties.Party", on_delete=models.PROTECT, related_name="+")
    mobile = models.CharField(max_length=11)
    amount = models.DecimalField(max_digits=16, decimal_places=2)
    due_on = models.DateField()
    sent_on = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["notice_kind", "notice_id", "party"], name="uniq_fee_reminder"
            )
        ]
