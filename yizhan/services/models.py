"""The litigation service desk (诉讼服务): case inquiry (查询), consultation (咨询), 12368
tickets, service-hall appointments and petitions (信访).

Every request, whichever channel it came through, is a :class:`Ticket` (or a
:class:`Petition`) that records its channel, so one person's history is visible in one place.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AppendOnly(models.Model):
    """History rows that are never changed once written."""

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise PermissionError(f"{type(self).__name__} is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise PermissionError(f"{type(self).__name__} is append-only")


# --- SMS log (the default sender) -----------------------------------------------------------


class SmsMessage(models.Model):
    """A text message handed to the SMS sender. The default sender only writes this row, which
    staff read in the console (短信发送记录)."""

    mobile = models.CharField(_("手机号"), max_length=11)
    text = models.CharField(_("内容"), max_length=300)
    purpose = models.CharField(_("用途"), max_length=40)
    backend = models.CharField(max_length=100, default="log")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = (
            "-created_at",
            "-id",
        )
        verbose_name = _("短信记录")
        verbose_name_plural = _("短信记录")

    # --- Case inquiry (案件查询, FLOW Arts 5, 7–9) ----------------------------------------------

    def __str__(self) -> str:
        return f"{self.mobile} {self.purpose}"


class IdentityKind(models.TextChoices):
    ID_NUMBER = "id_number", _("身份证号")
    CREDIT_CODE = "credit_code", _("统一社会信用代码")
    LICENCE_NO = "licence_no", _("律师执业证号")


class InquiryChallenge(models.Model):
    """One identity check: case number + identity number, then a one-time code.

    A challenge row is written whether or not the pair matched a party (``case`` stays empty
    when it did not), so that the request does the same work either way. ``lookup`` is an HMAC
    of the normalised pair: the verify step finds the challenge again without the client ever
    holding an identifier that could differ between a hit and a miss."""

    lookup = models.CharField(max_length=64, db_index=True)
    case = models.ForeignKey(
        "cases.Case", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    party = models.ForeignKey(
        "parties.Party", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    agent = models.ForeignKey(
        "parties.Representation", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    mobile = models.CharField(max_length=11, blank=True)
    code_hash = models.CharField(max_length=64, blank=True)
    code_sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    expires_at = models.DateTimeField()
    verified_at = models.DateTimeField(null=True, blank=True)
    session_hash = models.CharField(max_length=64, blank=True, db_index=True)
    session_expires_at = models.DateTimeField(null=True, blank=True)
    ip = models.GenericIPAddressField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = (
            "-created_at",
            "-id",
        )

    def __str__(self) -> str:
        return f"inquiry #{self.pk}"


class RateLimitHit(models.Model):
    """One counted attempt under a rate-limit key (a hash of the person or address)."""

    scope = models.CharField(max_length=40)
    key = models.CharField(max_length=64)
    at = models.DateTimeField()

    class Meta:
        indexes = (models.Index(fields=["scope", "key", "at"]),)

    # --- Consultation knowledge base (咨询知识库) -------------------------------------------------

    def __str__(self) -> str:
        return f"{self.scope} {self.at:%Y-%m-%d %H:%M}"


class KbCategory(models.TextChoices):
    FEES = "fees", _("诉讼费用")
    PROCEDURE = "procedure", _("诉讼程序")
    MATERIALS = "materials", _("所需材料")
    COURT_INFO = "court_info", _("法院地址与时间")
    MEDIATION = "mediation", _("调解")
    ENFORCEMENT = "enforcement", _("执行")
    ONLINE = "online", _("网上诉讼服务")
    OTHER = "other", _("其他")


class KnowledgeEntry(models.Model):
    """A question and its answer. ``court`` empty: applies to every court."""

    slug = models.SlugField(max_length=80, unique=True)
    court = models.ForeignKey(
        "core.Court",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("法院"),
    )
    category = models.CharField(_("分类"), max_length=20, choices=KbCategory.choices)
    question = models.CharField(_("问题"), max_length=200)
    answer = models.TextField(_("答复"))
    keywords = models.CharField(_("关键词"), max_length=200, blank=True)
    basis = models.CharField(_("依据"), max_length=200, blank=True)
    is_published = models.BooleanField(_("已发布"), default=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = (
            "category",
            "id",
        )
        verbose_name = _("咨询知识")
        verbose_name_plural = _("咨询知识")

    def __str__(self) -> str:
        return self.question


# --- 12368 tickets (工单) -------------------------------------------------------------------


class TicketKind(models.TextChoices):
    INQUIRY = "inquiry", _("案件查询")
    CONSULTATION = "consultation", _("诉讼咨询")
    CONTACT_JUDGE = "contact_judge", _("联系法官")
    APPOINTMENT = "appointment", _("预约服务")
    COMPLAINT = "complaint", _("投诉")
    SUGGESTION = "suggestion", _("建议")
    REPORT = "report", _("举报")


class TicketChannel(models.TextChoices):
    COUNTER = "counter", _("诉讼服务大厅窗口")
    WEB = "web", _("网上诉讼服务")
    PHONE = "phone", _("12368 电话")
    LETTER = "letter", _("来信")
    PARTNER = "partner", _("合作单位转来")


class Urgency(models.TextChoices):
    URGENT = "urgent", _("紧急")
    ORDINARY = "ordinary", _("普通")


class TicketStatus(models.TextChoices):
    """收 → 转 → 办 → (督) → 复 → 评. 督 (supervision) is the escalation mark, not a status."""

    RECEIVED = "received", _("已受理")  # 收
    ROUTED = "routed", _("已转办")  # 转
    IN_PROGRESS = "in_progress", _("办理中")  # 办
    REPLIED = "replied", _("已答复")  # 复
    CLOSED = "closed", _("已办结")  # 评 (callback and rating recorded)


OPEN_TICKET_STATUSES = (TicketStatus.RECEIVED, TicketStatus.ROUTED, TicketStatus.IN_PROGRESS)


class Ticket(models.Model):
    number = models.CharField(_("工单号"), max_length=30, unique=True, null=True, blank=True)
    court = models.ForeignKey(
        "core.Court", on_delete=models.PROTECT, related_name="+", verbose_name=_("法院")
    )
    kind = models.CharField(_("类型"), max_length=20, choices=TicketKind.choices)
    channel = models.CharField(_("渠道"), max_length=20, choices=TicketChannel.choices)
    urgency = models.CharField(
        _("紧急程度"), max_length=10, choices=Urgency.choices, default=Urgency.ORDINARY
    )
    status = models.CharField(
        _("状态"), max_length=20, choices=TicketStatus.choices, default=TicketStatus.RECEIVED
    )
    caller_name = models.CharField(_("来电（访）人"), max_length=60, blank=True)
    caller_phone = models.CharField(_("联系电话"), max_length=20, blank=True, db_index=True)
    caller_id_number = models.CharField(_("身份证号"), max_length=18, blank=True, db_index=True)
    caller_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="service_tickets",
    )
    case = models.ForeignKey(
        "cases.Case", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    subject = models.CharField(_("事项"), max_length=200)
    content = models.TextField(_("内容"), blank=True)
    received_on = models.DateField(_("受理日期"))
    due_on = models.DateField(_("办理期限"))
    department = models.ForeignKey(
        "core.Department", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assigned_tickets",
    )
    escalated_at = models.DateTimeField(_("督办时间"), null=True, blank=True)
    supervisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="supervised_tickets",
    )
    reply = models.TextField(_("答复内容"), blank=True)
    replied_at = models.DateTimeField(null=True, blank=True)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    callback_note = models.TextField(_("回访记录"), blank=True)
    callback_at = models.DateTimeField(null=True, blank=True)
    satisfaction = models.PositiveSmallIntegerField(_("满意度"), null=True, blank=True)
    rating_comment = models.CharField(_("评价"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = (
            "-created_at",
            "-id",
        )
        indexes = (models.Index(fields=["court", "status", "due_on"]),)
        constraints = (
            models.CheckConstraint(
                condition=models.Q(satisfaction__isnull=True)
                | models.Q(satisfaction__gte=1, satisfaction__lte=5),
                name="ticket_satisfaction_1_to_5",
            ),
        )

    def __str__(self) -> str:
        return self.number or f"#{self.pk}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_TICKET_STATUSES


class TicketEvent(AppendOnly):
    """The ticket's history (收、转、办、督、复、评). Append-only."""

    ticket = models.ForeignKey(Ticket, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(max_length=30)
    text = models.CharField(max_length=500)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField()

    class Meta:
        ordering = (
            "at",
            "id",
        )

    # --- Service-hall appointments (预约) ---------------------------------------------------------

    def __str__(self) -> str:
        return self.text


class ServiceSlot(models.Model):
    """A counter slot at a court's service hall; ``booked`` is kept with a guarded UPDATE so
    that concurrent bookings never exceed ``capacity``."""

    court = models.ForeignKey("core.Court", on_delete=models.PROTECT, related_name="+")
    day = models.DateField()
    start = models.TimeField()
    end = models.TimeField()
    capacity = models.PositiveSmallIntegerField()
    booked = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = (
            "court",
            "day",
            "start",
        )
        constraints = (
            models.UniqueConstraint(fields=["court", "day", "start"], name="uniq_service_slot"),
            models.CheckConstraint(
                condition=models.Q(booked__lte=models.F("capacity")), name="slot_not_overbooked"
            ),
        )

    def __str__(self) -> str:
        return f"{self.day} {self.start:%H:%M}"


class AppointmentStatus(models.TextChoices):
    BOOKED = "booked", _("已预约")
    CANCELLED = "cancelled", _("已取消")
    ATTENDED = "attended", _("已到场")


class Appointment(models.Model):
    slot = models.ForeignKey(ServiceSlot, on_delete=models.PROTECT, related_name="appointments")
    court = models.ForeignKey("core.Court", on_delete=models.PROTECT, related_name="+")
    day = models.DateField()
    person_key = models.CharField(max_length=64)  # the ID number, else the phone number
    name = models.CharField(_("姓名"), max_length=60)
    phone = models.CharField(_("手机号"), max_length=11)
    id_number = models.CharField(_("身份证号"), max_length=18, blank=True)
    purpose = models.CharField(_("办理事项"), max_length=200)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    ticket = models.OneToOneField(Ticket, on_delete=models.PROTECT, related_name="appointment")
    status = models.CharField(
        max_length=20, choices=AppointmentStatus.choices, default=AppointmentStatus.BOOKED
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = (
            "day",
            "slot__start",
        )
        constraints = (
            # No double booking: one live appointment per person per court per day.
            models.UniqueConstraint(
                fields=["court", "day", "person_key"],
                condition=models.Q(status="booked"),
                name="one_booking_per_person_per_day",
            ),
        )

    # --- Petitions (信访) ------------------------------------------------------------------------

    def __str__(self) -> str:
        return f"{self.name} {self.day}"


class PetitionForm(models.TextChoices):
    VISIT = "visit", _("来访")
    LETTER = "letter", _("来信")
    ONLINE = "online", _("网上信访")


class PetitionStatus(models.TextChoices):
    REGISTERED = "registered", _("已登记")
    ACCEPTED = "accepted", _("已受理")
    NOT_ACCEPTED = "not_accepted", _("不予受理")
    CONCLUDED = "concluded", _("已办结")


OPEN_PETITION_STATUSES = (PetitionStatus.REGISTERED, PetitionStatus.ACCEPTED)


class Petition(models.Model):
    number = models.CharField(_("信访编号"), max_length=30, unique=True, null=True, blank=True)
    court = models.ForeignKey("core.Court", on_delete=models.PROTECT, related_name="+")
    form = models.CharField(_("信访形式"), max_length=20, choices=PetitionForm.choices)
    status = models.CharField(
        _("状态"), max_length=20, choices=PetitionStatus.choices, default=PetitionStatus.REGISTERED
    )
    petitioner_name = models.CharField(_("信访人"), max_length=60)
    petitioner_id_number = models.CharField(_("身份证号"), max_length=18, blank=True, db_index=True)
    petitioner_phone = models.CharField(_("联系电话"), max_length=20, blank=True)
    petitioner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    case = models.ForeignKey(
        "cases.Case", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    subject = models.CharField(_("信访事项"), max_length=200)
    content = models.TextField(_("内容"))
    received_on = models.DateField(_("收到日期"))
    accept_due_on = models.DateField(_("受理决定期限"))
    conclude_due_on = models.DateField(_("办结期限"), null=True, blank=True)
    accepted_on = models.DateField(null=True, blank=True)
    concluded_on = models.DateField(null=True, blank=True)
    decision_note = models.TextField(blank=True)
    reply = models.TextField(_("答复意见"), blank=True)
    replied_at = models.DateTimeField(null=True, blank=True)
    repeat_of = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="repeats",
        verbose_name=_("重复信访"),
    )
    repeat_reason = models.CharField(max_length=100, blank=True)
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = (
            "-received_on",
            "-id",
        )
        indexes = (models.Index(fields=["court", "status"]),)

    def __str__(self) -> str:
        return self.number or f"#{self.pk}"


class PetitionEvent(AppendOnly):
    petition = models.ForeignKey(Petition, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(max_length=30)
    text = models.CharField(max_length=500)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField()

    class Meta:
        ordering = (
            "at",
            "id",
        )

    def __str__(self) -> str:
        return self.text
