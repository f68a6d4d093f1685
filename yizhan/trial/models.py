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
    max_amount = models.DecimalField(
        _("标的额上限"), max_digits=16, decimal_places=2, null=True, blank=True
    )
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
    judge = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="quotas"
    )
    weight = models.DecimalField(max_digits=4, decimal_places=2, default=1)
    max_pending = models.PositiveIntegerField(null=True, blank=True)
    is_active = models.BooleanField(default=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["team", "judge"], name="uniq_quota")]


class Exclusion(models.Model):
    """A judge who must not handle a case (回避 / conflict of interest)."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="exclusions")
    judge = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
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
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="panel_seats"
    )
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
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
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
    status = models.CharField(
        max_length=10, choices=ExtensionStatus.choices, default=ExtensionStatus.PENDING
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_on = models.DateField()
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_on = models.DateField(null=True, blank=True)
    decision_reason = models.TextField(blank=True)


class ProcedureConversion(models.Model):
    """简易程序转普通程序: the limit counts on from docketing (TL2000 Art 8; CPLI Art 258)."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="conversions")
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
    courtroom = models.ForeignKey(
        Courtroom, null=True, blank=True, on_delete=models.PROTECT, related_name="hearings"
    )
    starts_at = models.DateTimeField(db_index=True)
    ends_at = models.DateTimeField()
    online = models.BooleanField(_("在线庭审"), default=False)
    status = models.CharField(
        max_length=20, choices=HearingStatus.choices, default=HearingStatus.SCHEDULED
    )
    adjournment_reason = models.CharField(max_length=300, blank=True)
    pronounced_in_court = models.BooleanField(_("当庭宣判"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
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
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    # Part A: the party served, the document and the sending date. TL2000 Art 10 closes a
    # mediated case on the day the document reached the last party, but counts posting (邮寄)
    # from the posting date and announcement (公告) from the publication date (``sent_on``);
    # ``served_on`` is the day service took legal effect (appeal periods run from it).
    party = models.ForeignKey(
        "parties.Party", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    case_document = models.ForeignKey(
        "trial.CaseDocument",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="services",
    )
    sent_on = models.DateField(_("寄出/公告日期"), null=True, blank=True)


class EnforcementMeasure(models.Model):
    """执行措施 taken in an enforcement case, and money recovered by it."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="measures")
    kind = models.CharField(max_length=40)  # 查询, 冻结, 扣划, 查封, 拍卖, 限制消费, 失信 ...
    taken_on = models.DateField()
    amount = models.DecimalField(max_digits=16, decimal_places=2, null=True, blank=True)
    note = models.CharField(max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["taken_on", "id"]


# =============================================================================================
# Part A additions (assignment, time limits, closure, appeals, enforcement). Part B adds its
# hearing models in its own section below.
# =============================================================================================


class DocumentSource(models.TextChoices):
    UPLOADED = "uploaded", _("上传")
    GENERATED = "generated", _("模板生成")


class CaseDocType(models.TextChoices):
    JUDGMENT = "judgment", _("判决书")
    RULING = "ruling", _("裁定书")
    MEDIATION = "mediation", _("调解书")
    DECISION = "decision", _("决定书")
    NOTICE = "notice", _("通知书")


class CaseDocument(models.Model):
    """A 裁判文书 of a case as a PDF (uploaded, or generated from a simple template) stored by
    sha256 in the blob store (yizhan.core.uploads). When it takes effect it is handed to the
    publication module (publication.JudgmentDocument, ``publication_document_id``)."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="documents")
    doc_type = models.CharField(_("文书类型"), max_length=20, choices=CaseDocType.choices)
    title = models.CharField(_("标题"), max_length=200)
    text = models.TextField(_("正文"), blank=True)
    source = models.CharField(max_length=10, choices=DocumentSource.choices)
    sha256 = models.CharField(max_length=64)
    size = models.PositiveBigIntegerField(default=0)
    decided_on = models.DateField(_("裁判日期"))
    effective_on = models.DateField(_("生效日期"), null=True, blank=True)
    is_effective = models.BooleanField(_("已生效"), default=False)
    publication_document_id = models.PositiveIntegerField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["decided_on", "id"]

    def __str__(self) -> str:
        return self.title


class FeeSettlement(models.Model):
    """诉讼费用结算 at closure: the final acceptance fee (halved once on mediation or
    withdrawal, FEE Art 15; CPLI Art 206), who bears it (loser pays, apportioned, FEE Art 29),
    and the refund of the prepaid excess, due within 15 days of effectiveness (FEE Art 53)."""

    case = models.OneToOneField(
        "cases.Case", on_delete=models.PROTECT, related_name="fee_settlement"
    )
    fee_kind = models.CharField(max_length=30)
    closing = models.CharField(max_length=20)
    full_fee = models.DecimalField(max_digits=16, decimal_places=2)
    final_fee = models.DecimalField(max_digits=16, decimal_places=2)
    halved = models.BooleanField(default=False)
    prepaid = models.DecimalField(max_digits=16, decimal_places=2)
    shares = models.JSONField(default=list)  # [{"party_id", "name", "role", "percent", "amount"}]
    refund_amount = models.DecimalField(max_digits=16, decimal_places=2)
    effective_on = models.DateField(null=True, blank=True)
    refund_due = models.DateField(_("退费期限"), null=True, blank=True)
    basis = models.JSONField(default=list)
    settled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    settled_on = models.DateField()


class AppealAgainst(models.TextChoices):
    JUDGMENT = "judgment", _("判决")
    RULING = "ruling", _("裁定")


class AppealRecord(models.Model):
    """上诉: one appellant's appeal against a first-instance decision (CPL23 Art 171), the
    second-instance case it went to and the transfer deadlines (CPL23 Arts 173–174)."""

    first_case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="appeals")
    second_case = models.ForeignKey(
        "cases.Case", on_delete=models.PROTECT, related_name="appeals_heard"
    )
    appellant = models.ForeignKey("parties.Party", on_delete=models.PROTECT, related_name="+")
    against = models.CharField(max_length=10, choices=AppealAgainst.choices)
    document = models.ForeignKey(
        CaseDocument, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    served_on = models.DateField()
    deadline = models.DateField()
    filed_on = models.DateField()
    copy_service_due = models.DateField()
    answered_on = models.DateField(null=True, blank=True)
    transfer_due = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)


class MeasureKind(models.TextChoices):
    INQUIRY = "inquiry", _("网络查控")
    FREEZE = "freeze", _("冻结")
    DEDUCTION = "deduction", _("扣划")
    SEIZURE = "seizure", _("查封、扣押")
    AUCTION = "auction", _("拍卖、变卖")
    PAYMENT = "payment", _("被执行人履行")
    CONSUMPTION_BAN = "consumption_ban", _("限制高消费")
    BLACKLIST = "blacklist", _("纳入失信名单")
    SANCTION = "sanction", _("罚款、拘留")
    OTHER = "other", _("其他")


# =============================================================================================
# --- hearings (part B): notices to parties, online-hearing objections, adjournments and
# conflict overrides. The Hearing itself is above; these rows are its history.
# =============================================================================================


class NoticeKind(models.TextChoices):
    SCHEDULED = "scheduled", _("开庭通知")
    ADJOURNED = "adjourned", _("延期开庭通知")
    CANCELLED = "cancelled", _("撤销开庭通知")


class HearingNotice(models.Model):
    """What a later SMS / e-service module sends to one party about a hearing (传票 /
    开庭通知书 / 延期开庭通知)."""

    hearing = models.ForeignKey(Hearing, on_delete=models.PROTECT, related_name="notices")
    party = models.ForeignKey("parties.Party", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=20, choices=NoticeKind.choices)
    text = models.CharField(max_length=400)
    mobile = models.CharField(max_length=11, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]


class OnlineObjection(models.Model):
    """A party's objection to an online hearing (ONLINE Art 21). ``good_reason`` is set
    when the judge accepts the party's reason: one such objection is enough to refuse."""

    case = models.ForeignKey(
        "cases.Case", on_delete=models.PROTECT, related_name="online_objections"
    )
    party = models.ForeignKey("parties.Party", on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(_("理由"), max_length=300, blank=True)
    good_reason = models.BooleanField(_("理由正当"), default=False)
    withdrawn = models.BooleanField(default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["case", "party"], name="uniq_online_objection")
        ]


class AdjournmentGround(models.TextChoices):
    """延期开庭的事由. Force majeure and the parties' consent allow a next session more
    than one month later (EXT2019 Art 5)."""

    PARTY_ABSENT = "party_absent", _("当事人有正当理由没有到庭")
    RECUSAL = "recusal", _("当事人临时提出回避申请")
    NEW_EVIDENCE = "new_evidence", _("需要通知新的证人到庭、调取新的证据、重新鉴定、勘验或补充调查")
    FORCE_MAJEURE = "force_majeure", _("不可抗力")
    CONSENT = "consent", _("当事人同意")
    OTHER = "other", _("其他应当延期的情形")


class Adjournment(models.Model):
    """延期开庭 of one hearing (EXT2019 Arts 3, 5). ``next_hearing`` is the new session when it
    was set at the same time (or later, by scheduling the case again)."""

    hearing = models.OneToOneField(Hearing, on_delete=models.PROTECT, related_name="adjournment")
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="adjournments")
    ground = models.CharField(max_length=20, choices=AdjournmentGround.choices)
    reason = models.CharField(max_length=300)
    next_due = models.DateField(_("再次开庭期限"), null=True, blank=True)
    next_hearing = models.ForeignKey(
        Hearing, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)


class ConflictOverride(models.Model):
    """A division chief's decision to schedule despite conflicts (audited)."""

    hearing = models.ForeignKey(Hearing, on_delete=models.PROTECT, related_name="overrides")
    conflicts = models.JSONField(default=list)
    reason = models.CharField(max_length=300)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
