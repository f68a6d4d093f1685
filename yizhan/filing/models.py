"""Online and cross-region filing (网上立案 / 跨域立案): application → review → docketing."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from yizhan.cases.models import AppendOnly


class FilingKind(models.TextChoices):
    CIVIL_FIRST = "civil_first", _("民事一审")
    ADMINISTRATIVE_FIRST = "administrative_first", _("行政一审")
    ENFORCEMENT = "enforcement", _("申请执行")
    PAYMENT_ORDER = "payment_order", _("申请支付令")
    PRESERVATION = "preservation", _("诉前财产保全")
    PUBLIC_SUMMONS = "public_summons", _("公示催告")
    SPECIAL = "special", _("特别程序")
    BANKRUPTCY = "bankruptcy", _("破产申请")


class FilingStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    SUBMITTED = "submitted", _("待审核")
    RETURNED = "returned", _("退回补正")
    ACCEPTED = "accepted", _("已立案")
    REFUSED = "refused", _("不予受理")
    WITHDRAWN = "withdrawn", _("已撤回")
    DIVERTED = "diverted", _("已转诉前调解")


class Filing(models.Model):
    """A filing application. ``court`` is the competent court; ``received_by`` the court whose
    counter took it (跨域立案 when the two differ)."""

    court = models.ForeignKey("core.Court", on_delete=models.PROTECT, related_name="filings")
    received_by = models.ForeignKey(
        "core.Court",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="filings_received",
    )
    kind = models.CharField(_("立案类型"), max_length=30, choices=FilingKind.choices)
    cause = models.ForeignKey("cases.Cause", null=True, blank=True, on_delete=models.PROTECT)
    status = models.CharField(
        _("状态"), max_length=20, choices=FilingStatus.choices, default=FilingStatus.DRAFT
    )
    channel = models.CharField(_("渠道"), max_length=20)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="filings",
        verbose_name=_("提交人"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    claims = models.TextField(_("诉讼请求"), blank=True)
    claim_amount = models.DecimalField(
        _("标的额"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    facts = models.TextField(_("事实与理由"), blank=True)
    evidence = models.JSONField(_("证据清单"), default=list, blank=True)
    fee_estimate = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    received_on = models.DateField(_("收到日期"), null=True, blank=True)
    review_due = models.DateField(_("审核期限"), null=True, blank=True)
    submissions = models.PositiveSmallIntegerField(default=0)
    correction_items = models.JSONField(_("补正事项"), default=list, blank=True)
    correction_due = models.DateField(_("补正期限"), null=True, blank=True)
    decision_reason = models.TextField(_("理由"), blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["court", "status", "review_due"]),
            models.Index(fields=["owner", "status"]),
        ]

    def __str__(self) -> str:
        return f"立案申请 #{self.pk}"

    @property
    def is_cross_region(self) -> bool:
        return self.received_by_id is not None and self.received_by_id != self.court_id


class PartyRole(models.TextChoices):
    PLAINTIFF = "plaintiff", _("原告")
    DEFENDANT = "defendant", _("被告")
    THIRD_PARTY = "third_party", _("第三人")
    APPLICANT = "applicant", _("申请人")
    RESPONDENT = "respondent", _("被申请人")


class FilingParty(models.Model):
    filing = models.ForeignKey(Filing, on_delete=models.CASCADE, related_name="filing_parties")
    party = models.ForeignKey("parties.Party", on_delete=models.PROTECT, related_name="+")
    role = models.CharField(_("诉讼地位"), max_length=20, choices=PartyRole.choices)

    class Meta:
        ordering = ["id"]


class AttachmentCategory(models.TextChoices):
    COMPLAINT = "complaint", _("起诉状/申请书")
    IDENTITY = "identity", _("身份证明")
    EVIDENCE = "evidence", _("证据材料")
    POWER_OF_ATTORNEY = "power_of_attorney", _("授权委托书")
    LEGAL_DOCUMENT = "legal_document", _("生效法律文书")
    OTHER = "other", _("其他")


class FilingAttachment(models.Model):
    """An uploaded file. Stored once by its sha256 and never overwritten or deleted; a
    replaced file is only marked ``superseded``."""

    filing = models.ForeignKey(Filing, on_delete=models.PROTECT, related_name="attachments")
    category = models.CharField(_("材料类别"), max_length=30, choices=AttachmentCategory.choices)
    original_name = models.CharField(_("文件名"), max_length=255)
    content_type = models.CharField(max_length=50)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64, db_index=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    superseded = models.BooleanField(default=False)

    class Meta:
        ordering = ["id"]


class FilingEvent(AppendOnly):
    """One step in a filing's history, as the applicant sees it. Append-only."""

    filing = models.ForeignKey(Filing, on_delete=models.PROTECT, related_name="events")
    status = models.CharField(max_length=20, choices=FilingStatus.choices)
    text = models.CharField(max_length=500)
    occurred_at = models.DateTimeField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["occurred_at", "id"]


class ReliefKind(models.TextChoices):
    DEFER = "defer", _("缓交")
    REDUCE = "reduce", _("减交")
    WAIVE = "waive", _("免交")


class ReliefStatus(models.TextChoices):
    PENDING = "pending", _("待审查")
    GRANTED = "granted", _("准许")
    REFUSED = "refused", _("不准许")


class FeeRelief(models.Model):
    """An application for fee relief (司法救助, FEE Arts 44–51)."""

    filing = models.OneToOneField(Filing, on_delete=models.CASCADE, related_name="fee_relief")
    kind = models.CharField(_("救助方式"), max_length=10, choices=ReliefKind.choices)
    grounds = models.TextField(_("申请理由"))
    reduce_percent = models.PositiveSmallIntegerField(_("减交比例（%）"), null=True, blank=True)
    status = models.CharField(
        max_length=10, choices=ReliefStatus.choices, default=ReliefStatus.PENDING
    )
    decision_reason = models.TextField(blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
