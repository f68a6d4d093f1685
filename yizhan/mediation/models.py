"""Pre-litigation mediation (诉前调解 / 一站式多元解纷).

The court's roster of invited mediation organisations (特邀调解组织) and mediators (特邀调解员,
TEYAO), the mediation matter (诉前调解案件, numbered with the pre-mediation type code, §1.4),
its sessions, agreement, judicial confirmation (诉前调确) or mediation document (诉前调书), and
its conversion into a formal filing.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from yizhan.cases.models import AppendOnly


class OrgKind(models.TextChoices):
    PEOPLES_COMMITTEE = "peoples_committee", _("人民调解委员会")
    TRADE_UNION = "trade_union", _("工会")
    INDUSTRY_COMMERCE = "industry_commerce", _("工商联")
    FINANCIAL_CENTRE = "financial_centre", _("金融纠纷调解中心")
    ADMINISTRATIVE = "administrative", _("行政机关")
    LAWYERS_STUDIO = "lawyers_studio", _("律师调解工作室")


class Specialty(models.TextChoices):
    LABOUR = "labour", _("劳动争议")
    FINANCE = "finance", _("金融")
    FAMILY = "family", _("婚姻家庭")
    COMMERCE = "commerce", _("商事")
    TRAFFIC = "traffic", _("道路交通")
    PROPERTY = "property", _("物业与不动产")


class Organisation(models.Model):
    """An invited mediation organisation on a court's roster (特邀调解组织名册, TEYAO Art 5)."""

    court = models.ForeignKey(
        "core.Court", on_delete=models.PROTECT, related_name="mediation_organisations"
    )
    name = models.CharField(_("名称"), max_length=150)
    kind = models.CharField(_("类型"), max_length=30, choices=OrgKind.choices)
    regions = models.JSONField(_("服务区域"), default=list, blank=True)
    contact = models.CharField(_("联系人"), max_length=60, blank=True)
    phone = models.CharField(_("联系电话"), max_length=40, blank=True)
    is_active = models.BooleanField(_("在册"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["court", "name"]
        constraints = [
            models.UniqueConstraint(fields=["court", "name"], name="uniq_mediation_org_name")
        ]

    def __str__(self) -> str:
        return self.name


class Mediator(models.Model):
    """An invited mediator (特邀调解员). ``user`` is the account they log in with (a membership
    with the mediator role at the roster's court); ``is_coordinator`` lets them hand disputes
    over to the court on behalf of their organisation."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="mediators"
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="mediator_profile",
    )
    name = models.CharField(_("姓名"), max_length=60)
    specialties = models.JSONField(_("擅长领域"), default=list, blank=True)
    regions = models.JSONField(_("服务区域"), default=list, blank=True)
    languages = models.JSONField(_("语言"), default=list, blank=True)
    capacity = models.PositiveSmallIntegerField(_("同时承办上限"), default=10)
    available = models.BooleanField(_("可接受委派"), default=True)
    unavailable_until = models.DateField(_("暂停至"), null=True, blank=True)
    is_coordinator = models.BooleanField(_("组织联络人"), default=False)
    is_active = models.BooleanField(_("在册"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["organisation", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def court_id(self) -> int:
        return self.organisation.court_id


class SuitabilityRule(models.Model):
    """A configurable rule for diverting filings to pre-litigation mediation (诉前分流).

    A filing is suitable when any active rule of its court matches: the cause (or any cause
    when empty), the claim amount within the bounds, and at most ``max_parties`` parties
    (and only natural persons when ``natural_persons_only``)."""

    court = models.ForeignKey(
        "core.Court", on_delete=models.PROTECT, related_name="mediation_rules"
    )
    cause = models.ForeignKey("cases.Cause", null=True, blank=True, on_delete=models.PROTECT)
    min_amount = models.DecimalField(max_digits=16, decimal_places=2, null=True, blank=True)
    max_amount = models.DecimalField(max_digits=16, decimal_places=2, null=True, blank=True)
    max_parties = models.PositiveSmallIntegerField(null=True, blank=True)
    natural_persons_only = models.BooleanField(default=False)
    specialty = models.CharField(max_length=20, choices=Specialty.choices, blank=True)
    note = models.CharField(max_length=200, blank=True)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["court", "id"]

    def __str__(self) -> str:
        return str(f"分流规则 #{self.pk}")


class Channel(models.TextChoices):
    PORTAL = "portal", _("网上申请")
    COUNTER = "counter", _("窗口申请")
    API = "api", _("接口申请")
    DIVERSION = "diversion", _("立案分流")
    PARTNER = "partner", _("调解组织移交")


class MatterStatus(models.TextChoices):
    PROPOSED = "proposed", _("待当事人同意分流")
    DECLINED = "declined", _("当事人不同意分流")
    CHOOSING = "choosing", _("当事人选择调解员")
    APPOINTING = "appointing", _("待法院指定调解员")
    AWAITING_ACCEPTANCE = "awaiting_acceptance", _("待调解员接受")
    IN_MEDIATION = "in_mediation", _("调解中")
    APPRAISAL = "appraisal", _("鉴定中（不计入调解期限）")
    AGREEMENT_PENDING = "agreement_pending", _("调解协议待签署")
    SETTLED = "settled", _("调解成功")
    FAILED = "failed", _("调解不成")
    EXPIRED = "expired", _("调解期满未达成协议")
    CONVERTED = "converted", _("已转立案")
    WITHDRAWN = "withdrawn", _("已撤回")


OPEN_STATUSES = (
    MatterStatus.CHOOSING,
    MatterStatus.APPOINTING,
    MatterStatus.AWAITING_ACCEPTANCE,
    MatterStatus.IN_MEDIATION,
    MatterStatus.APPRAISAL,
    MatterStatus.AGREEMENT_PENDING,
)
ACTIVE_FOR_MEDIATOR = (
    MatterStatus.AWAITING_ACCEPTANCE,
    MatterStatus.IN_MEDIATION,
    MatterStatus.APPRAISAL,
    MatterStatus.AGREEMENT_PENDING,
)


class Matter(models.Model):
    """A pre-litigation mediation matter (诉前调解案件)."""

    court = models.ForeignKey(
        "core.Court", on_delete=models.PROTECT, related_name="mediation_matters"
    )
    number = models.CharField(_("案号"), max_length=40, blank=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    seq = models.PositiveIntegerField(null=True, blank=True)
    status = models.CharField(_("状态"), max_length=30, choices=MatterStatus.choices)
    channel = models.CharField(_("来源"), max_length=20, choices=Channel.choices)
    cause = models.ForeignKey("cases.Cause", null=True, blank=True, on_delete=models.PROTECT)
    specialty = models.CharField(
        _("纠纷领域"), max_length=20, choices=Specialty.choices, blank=True
    )
    region = models.CharField(_("纠纷发生地"), max_length=60, blank=True)
    language = models.CharField(_("语言"), max_length=30, blank=True)
    claims = models.TextField(_("请求事项"))
    claim_amount = models.DecimalField(
        _("标的额"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    facts = models.TextField(_("事实与理由"), blank=True)
    evidence = models.JSONField(_("证据清单"), default=list, blank=True)
    applicant_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="mediation_matters",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    source_filing = models.ForeignKey(
        "filing.Filing", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    handed_over_by = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="handovers"
    )
    mediator = models.ForeignKey(
        Mediator, null=True, blank=True, on_delete=models.PROTECT, related_name="matters"
    )
    excluded_mediators = models.JSONField(default=list, blank=True)  # declined or lapsed
    # OMED Art 11: the parties choose within 2 working days, else the court appoints within 3.
    received_on = models.DateField(_("收案日期"), null=True, blank=True)
    choose_due = models.DateField(_("选择调解员期限"), null=True, blank=True)
    appoint_due = models.DateField(_("法院指定期限"), null=True, blank=True)
    # OMED Art 12: the mediator confirms within 3 working days.
    assigned_on = models.DateField(null=True, blank=True)
    accept_due = models.DateField(_("调解员确认期限"), null=True, blank=True)
    # TEYAO Art 27, OMED Art 24: 30 days from the mediator's acceptance.
    started_on = models.DateField(_("调解开始日期"), null=True, blank=True)
    extension_days = models.PositiveSmallIntegerField(default=0)
    suspended_days = models.PositiveSmallIntegerField(default=0)
    due_on = models.DateField(_("调解期限届满日"), null=True, blank=True)
    warned_on = models.DateField(null=True, blank=True)
    ended_on = models.DateField(_("调解结束日期"), null=True, blank=True)
    outcome_reason = models.TextField(blank=True)
    converted_filing = models.OneToOneField(
        "filing.Filing", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["number"], condition=~models.Q(number=""), name="uniq_mediation_number"
            ),
        ]
        indexes = [models.Index(fields=["court", "status", "due_on"])]

    def __str__(self) -> str:
        return self.number or f"诉前调解申请 #{self.pk}"

    @property
    def mediation_days(self) -> int | None:
        """Days spent in mediation, appraisal excluded (OMED Art 26); shown apart from any
        trial limit of the case it may become."""
        if self.started_on is None:
            return None
        end = self.ended_on
        if end is None:
            from yizhan.core.time import today

            end = today()
        return max((end - self.started_on).days - self.suspended_days, 0)


class PartyRole(models.TextChoices):
    APPLICANT = "applicant", _("申请人")
    RESPONDENT = "respondent", _("被申请人")
    THIRD_PARTY = "third_party", _("第三人")


class MatterParty(models.Model):
    matter = models.ForeignKey(Matter, on_delete=models.CASCADE, related_name="matter_parties")
    party = models.ForeignKey("parties.Party", on_delete=models.PROTECT, related_name="+")
    role = models.CharField(_("地位"), max_length=20, choices=PartyRole.choices)
    chosen_mediator = models.ForeignKey(
        Mediator, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    signed_at = models.DateTimeField(null=True, blank=True)
    signature_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    applied_confirmation_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return str(f"{self.party_id} {self.role}")


class Attachment(models.Model):
    """Material of a matter, stored once by sha256 (yizhan.core.uploads); categories are those
    of a filing so that they carry over on conversion."""

    matter = models.ForeignKey(Matter, on_delete=models.PROTECT, related_name="attachments")
    category = models.CharField(max_length=30)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=50)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64, db_index=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return str(self.original_name)


class Event(AppendOnly):
    """One step of a matter's history as the parties see it. Append-only."""

    matter = models.ForeignKey(Matter, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(max_length=40)
    status = models.CharField(max_length=30, choices=MatterStatus.choices)
    text = models.CharField(max_length=500)
    occurred_at = models.DateTimeField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["occurred_at", "id"]

    def __str__(self) -> str:
        return str(self.text)


class Notice(AppendOnly):
    """A notice to one party (session notice, deadline warning); shown on the portal."""

    matter = models.ForeignKey(Matter, on_delete=models.PROTECT, related_name="notices")
    party = models.ForeignKey(
        MatterParty, null=True, blank=True, on_delete=models.PROTECT, related_name="notices"
    )
    kind = models.CharField(max_length=40)
    text = models.CharField(max_length=500)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return str(self.text)


class RequestStatus(models.TextChoices):
    PENDING = "pending", _("待当事人同意")
    GRANTED = "granted", _("已延长")
    REFUSED = "refused", _("未获同意")


class Extension(models.Model):
    """An extension of the 30-day limit; granted only when every party consents
    (TEYAO Art 27, OMED Art 24: 双方当事人同意)."""

    matter = models.ForeignKey(Matter, on_delete=models.CASCADE, related_name="extensions")
    days = models.PositiveSmallIntegerField()
    reason = models.CharField(max_length=300)
    status = models.CharField(
        max_length=10, choices=RequestStatus.choices, default=RequestStatus.PENDING
    )
    consents = models.JSONField(default=dict)  # MatterParty id -> true/false
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField()

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return str(f"延长 {self.days} 日")


class Suspension(models.Model):
    """An appraisal interval (诉前委托鉴定) not counted in the mediation period (OMED Art 26)."""

    matter = models.ForeignKey(Matter, on_delete=models.CASCADE, related_name="suspensions")
    reason = models.CharField(max_length=300)
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return str(self.reason)

    @property
    def days(self) -> int:
        return (self.ended_on - self.started_on).days if self.ended_on else 0


class SessionMode(models.TextChoices):
    ONLINE = "online", _("在线调解")
    IN_PERSON = "in_person", _("现场调解")


class SessionStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("已排期")
    HELD = "held", _("已进行")
    CANCELLED = "cancelled", _("已取消")


class Session(models.Model):
    matter = models.ForeignKey(Matter, on_delete=models.CASCADE, related_name="sessions")
    mode = models.CharField(_("方式"), max_length=20, choices=SessionMode.choices)
    scheduled_at = models.DateTimeField(_("时间"))
    place = models.CharField(_("地点或链接"), max_length=200, blank=True)
    status = models.CharField(
        max_length=20, choices=SessionStatus.choices, default=SessionStatus.SCHEDULED
    )
    minutes = models.TextField(_("调解笔录"), blank=True)
    attendance = models.JSONField(default=dict)  # MatterParty id -> true/false
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["scheduled_at", "id"]

    def __str__(self) -> str:
        return str(f"{self.matter_id} {self.scheduled_at}")


class Agreement(models.Model):
    """The mediation agreement (调解协议书). Effective when every party has signed."""

    matter = models.OneToOneField(Matter, on_delete=models.CASCADE, related_name="agreement")
    terms = models.TextField(_("协议内容"))
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    drafted_at = models.DateTimeField()
    effective_on = models.DateField(null=True, blank=True)
    # CPL23 Art 205: apply jointly for judicial confirmation within 30 days.
    confirmation_due = models.DateField(null=True, blank=True)

    def __str__(self) -> str:
        return str(f"调解协议 {self.matter_id}")


class CourtOrderKind(models.TextChoices):
    CONFIRMATION = "confirmation", _("司法确认")
    DOCUMENT = "document", _("出具调解书")


class CourtOrderStatus(models.TextChoices):
    PENDING = "pending", _("审查中")
    CONFIRMED = "confirmed", _("裁定确认有效")
    REFUSED = "refused", _("裁定驳回申请")
    ISSUED = "issued", _("已出具调解书")


class CourtOrder(models.Model):
    """What the court does with a settled matter: a judicial confirmation matter (诉前调确,
    CPL23 Arts 205–206, decided within the special-procedure limit of Art 187, free of fees
    SFQR Art 11) or a mediation document (诉前调书)."""

    matter = models.OneToOneField(Matter, on_delete=models.PROTECT, related_name="court_order")
    kind = models.CharField(max_length=20, choices=CourtOrderKind.choices)
    number = models.CharField(_("案号"), max_length=40, unique=True)
    year = models.PositiveSmallIntegerField()
    seq = models.PositiveIntegerField()
    type_code = models.CharField(max_length=8)
    status = models.CharField(max_length=20, choices=CourtOrderStatus.choices)
    filed_on = models.DateField()
    decision_due = models.DateField(null=True, blank=True)
    fee = models.DecimalField(max_digits=14, decimal_places=2)
    fee_basis = models.CharField(max_length=200)
    decided_on = models.DateField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField(blank=True)

    def __str__(self) -> str:
        return str(self.number)
