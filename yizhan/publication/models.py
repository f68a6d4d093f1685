"""Judgment documents and their publication on the internet (裁判文书上网, domain-rules §7).

``JudgmentDocument`` is written by the trial module once it exists (for now by staff/tests);
``PublicationDraft`` is its de-identified version going through review; ``PublicationEvent``
is the append-only history (drafted, approved, held, withheld, withdrawn, corrected).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class DocType(models.TextChoices):
    JUDGMENT = "judgment", _("判决书")
    RULING = "ruling", _("裁定书")
    MEDIATION = "mediation", _("调解书")
    DECISION = "decision", _("决定书")
    PAYMENT_ORDER = "payment_order", _("支付令")
    NOTICE = "notice", _("通知书")


class CaseCategory(models.TextChoices):
    CRIMINAL = "criminal", _("刑事")
    CIVIL = "civil", _("民事")
    FAMILY = "family", _("婚姻家庭、继承")
    ADMINISTRATIVE = "administrative", _("行政")
    EXECUTION = "execution", _("执行")
    STATE_COMPENSATION = "state_compensation", _("国家赔偿")
    OTHER = "other", _("其他")


class Policy(models.TextChoices):
    RULES_2016 = "2016", _("2016 年规定（第八条至第十条）")
    ALL_PARTIES = "all_parties", _("当事人及单位名称一律隐名（现行做法）")


class JudgmentDocument(models.Model):
    court = models.ForeignKey(
        "core.Court", on_delete=models.PROTECT, related_name="judgment_documents"
    )
    case = models.ForeignKey(
        "cases.Case",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="judgment_documents",
    )
    case_number = models.CharField(_("案号"), max_length=60)
    title = models.CharField(_("标题"), max_length=200)
    doc_type = models.CharField(
        _("文书类型"), max_length=20, choices=DocType.choices, default=DocType.JUDGMENT
    )
    case_category = models.CharField(
        _("案件类别"), max_length=20, choices=CaseCategory.choices, default=CaseCategory.CIVIL
    )
    full_text = models.TextField(_("全文"))
    parties = models.JSONField(
        _("当事人等"),
        default=list,
        blank=True,
        help_text=_('[{"name": ..., "role": ..., "minor": false}]'),
    )
    decided_on = models.DateField(_("裁判日期"), null=True, blank=True)
    effective_on = models.DateField(_("生效日期"), null=True, blank=True)
    is_effective = models.BooleanField(_("已生效"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("裁判文书")
        verbose_name_plural = _("裁判文书")

    def __str__(self) -> str:
        return f"{self.case_number} {self.title}"


class PublicationStatus(models.TextChoices):
    DRAFT = "draft", _("待审核")
    HELD = "held", _("暂缓公开")
    PUBLISHED = "published", _("已公开")
    WITHHELD = "withheld", _("不公开（已公布不公开信息）")
    WITHDRAWN = "withdrawn", _("已撤回")


class WithholdGround(models.TextChoices):
    """Art 4 of the 2016 rules: documents that are not published."""

    STATE_SECRET = "state_secret", _("涉及国家秘密")
    JUVENILE_CRIME = "juvenile_crime", _("未成年人犯罪")
    MEDIATION = "mediation", _("以调解方式结案或者确认人民调解协议效力")
    FAMILY = "family", _("离婚诉讼或者涉及未成年子女抚养、监护")
    OTHER = "other", _("人民法院认为不宜在互联网公布的其他情形")


class PublicationDraft(models.Model):
    document = models.OneToOneField(
        JudgmentDocument, on_delete=models.PROTECT, related_name="publication"
    )
    court = models.ForeignKey("core.Court", on_delete=models.PROTECT, related_name="+")
    policy = models.CharField(_("隐名规则"), max_length=20, choices=Policy.choices)
    status = models.CharField(
        _("状态"), max_length=20, choices=PublicationStatus.choices, default=PublicationStatus.DRAFT
    )
    text = models.TextField(_("脱敏文本"))
    changes = models.JSONField(_("脱敏处理"), default=list)
    # the reviewer's decisions (actions.adjust_masks), applied whenever the draft is de-identified
    extra_names = models.JSONField(_("审核补充隐名"), default=list, blank=True)
    kept_words = models.JSONField(_("审核确认非人名"), default=list, blank=True)
    # the text to publish was written by hand (approve with an edited text, correct): masks are
    # then no longer adjusted by de-identifying the document again, which would undo the edit
    text_edited = models.BooleanField(_("公开文本经人工修改"), default=False)
    due_on = models.DateField(_("公开期限"))  # Art 7: 7 working days after effectiveness
    published_text = models.TextField(_("公开文本"), blank=True)
    published_at = models.DateTimeField(_("公开时间"), null=True, blank=True)
    version = models.PositiveIntegerField(_("版本"), default=0)
    hold_reason = models.TextField(_("暂缓理由"), blank=True)
    withhold_ground = models.CharField(
        _("不公开理由"), max_length=20, blank=True, choices=WithholdGround.choices
    )
    withhold_note = models.TextField(_("不公开说明"), blank=True)
    notice_published_at = models.DateTimeField(_("不公开信息公布时间"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("裁判文书公开稿")
        verbose_name_plural = _("裁判文书公开稿")
        indexes = (models.Index(fields=["court", "status", "due_on"]),)

    def __str__(self) -> str:
        return f"{self.document.case_number} ({self.get_status_display()})"


class EventAction(models.TextChoices):
    DRAFTED = "drafted", _("生成脱敏稿")
    APPROVED = "approved", _("审核通过并公开")
    HELD = "held", _("暂缓公开")
    WITHHELD = "withheld", _("决定不公开")
    WITHDRAWN = "withdrawn", _("撤回")
    CORRECTED = "corrected", _("更正")
    MASKS_ADJUSTED = "masks_adjusted", _("调整隐名")


class PublicationEvent(models.Model):
    """Append-only history: never updated or deleted."""

    draft = models.ForeignKey(PublicationDraft, on_delete=models.PROTECT, related_name="events")
    action = models.CharField(max_length=20, choices=EventAction.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField(blank=True)
    previous_text = models.TextField(blank=True)
    status_after = models.CharField(max_length=20, choices=PublicationStatus.choices)
    version = models.PositiveIntegerField(default=0)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("at", "pk")

    def __str__(self) -> str:
        return f"{self.draft_id} {self.action}"

    def save(self, *args: object, **kwargs: object) -> None:
        if self.pk is not None:
            raise RuntimeError("PublicationEvent rows are append-only")
        super().save(*args, **kwargs)  # type: ignore[arg-type]
