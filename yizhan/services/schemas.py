"""API schemas of the service desk."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from ninja import Schema
from pydantic import Field

IdentityKindIn = Literal["id_number", "credit_code", "licence_no"]
TicketKindIn = Literal[
    "inquiry", "consultation", "contact_judge", "appointment", "complaint", "suggestion", "report"
]
ChannelIn = Literal["counter", "web", "phone", "letter", "partner"]


class InquiryCodeIn(Schema):
    case_number: str = Field(min_length=1, max_length=60)
    identity_kind: IdentityKindIn = "id_number"
    identity_number: str = Field(min_length=1, max_length=40)


class InquiryVerifyIn(InquiryCodeIn):
    code: str = Field(min_length=1, max_length=10)


class MessageOut(Schema):
    code: str
    message: str


class InquiryTokenOut(Schema):
    token: str
    expires_at: datetime


class ProcessInfoOut(Schema):
    number: str
    court: str
    cause: str | None
    procedure: str
    status: str
    filed_on: date
    closed: bool
    parties: list[dict[str, Any]]
    bench: dict[str, Any]
    time_limit: dict[str, Any] | None
    docket: list[dict[str, Any]]
    fee: dict[str, Any] | None
    hearings: list[dict[str, Any]]
    service: list[dict[str, Any]]
    documents: list[dict[str, Any]]


class KbHitOut(Schema):
    id: int
    question: str
    answer: str
    category: str
    basis: str
    score: float


class SearchOut(Schema):
    query: str
    answered: bool
    hits: list[KbHitOut]


class AskIn(Schema):
    question: str = Field(min_length=2, max_length=500)
    court_code: str = Field(min_length=1, max_length=12)


class TicketRowOut(Schema):
    id: int
    number: str | None
    court: str
    kind: str
    kind_label: str
    channel: str
    channel_label: str
    urgency: str
    status: str
    status_label: str
    subject: str
    received_on: date
    due_on: date
    escalated: bool
    overdue: bool
    case_number: str | None
    caller_name: str
    satisfaction: int | None


class AskOut(SearchOut):
    ticket: TicketRowOut | None


class KbEntryIn(Schema):
    category: Literal[
        "fees",
        "procedure",
        "materials",
        "court_info",
        "mediation",
        "enforcement",
        "online",
        "other",
    ]
    question: str = Field(min_length=2, max_length=200)
    answer: str = Field(min_length=2, max_length=5000)
    keywords: str = Field("", max_length=200)
    basis: str = Field("", max_length=200)
    court_code: str | None = None
    is_published: bool = True


class KbEntryOut(Schema):
    id: int
    slug: str
    category: str
    question: str
    answer: str
    keywords: str
    basis: str
    court_code: str | None
    is_published: bool


class TicketIn(Schema):
    court_code: str = Field(min_length=1, max_length=12)
    kind: TicketKindIn
    subject: str = Field(min_length=1, max_length=200)
    content: str = Field("", max_length=5000)
    channel: ChannelIn = "phone"
    urgency: Literal["urgent", "ordinary"] = "ordinary"
    caller_name: str = Field("", max_length=60)
    caller_phone: str = Field("", max_length=20)
    caller_id_number: str = Field("", max_length=18)
    case_number: str = Field("", max_length=60)
    department_id: int | None = None
    assignee_id: int | None = None


class TicketOut(TicketRowOut):
    content: str
    caller_phone: str
    department: str | None
    assignee: str | None
    supervisor: str | None
    reply: str
    replied_at: datetime | None
    callback_note: str
    callback_at: datetime | None
    rating_comment: str
    events: list[dict[str, Any]]


class RouteIn(Schema):
    department_id: int | None = None
    assignee_id: int | None = None
    note: str = Field("", max_length=200)


class ReplyIn(Schema):
    reply: str = Field(min_length=1, max_length=5000)


class CallbackIn(Schema):
    note: str = Field(min_length=1, max_length=2000)
    satisfaction: int | None = Field(None, ge=1, le=5)


class RateIn(Schema):
    satisfaction: int = Field(ge=1, le=5)
    comment: str = Field("", max_length=300)


class PetitionRowOut(Schema):
    id: int
    number: str | None
    form: str
    form_label: str
    status: str
    status_label: str
    petitioner_name: str
    subject: str
    case_number: str | None
    received_on: date
    accept_due_on: date
    conclude_due_on: date | None
    overdue: bool
    repeat_of: str | None
    repeat_reason: str


class CallerOut(Schema):
    name: str | None
    tickets: list[TicketRowOut]
    petitions: list[PetitionRowOut]
    cases: list[ProcessInfoOut]


class SlotOut(Schema):
    start: str
    end: str
    capacity: int
    left: int


class AppointmentIn(Schema):
    court_code: str = Field(min_length=1, max_length=12)
    day: date
    start: str = Field(pattern=r"^\d{2}:\d{2}$")
    purpose: str = Field(min_length=1, max_length=200)
    name: str = Field("", max_length=60)
    phone: str = Field("", max_length=20)
    id_number: str = Field("", max_length=18)
    channel: ChannelIn = "web"


class AppointmentOut(Schema):
    id: int
    court: str
    day: date
    start: str
    end: str
    purpose: str
    status: str
    status_label: str
    ticket_number: str | None


class PetitionIn(Schema):
    court_code: str = Field(min_length=1, max_length=12)
    form: Literal["visit", "letter", "online"] = "online"
    subject: str = Field(min_length=1, max_length=200)
    content: str = Field(min_length=1, max_length=10000)
    petitioner_name: str = Field("", max_length=60)
    petitioner_id_number: str = Field("", max_length=18)
    petitioner_phone: str = Field("", max_length=20)
    case_number: str = Field("", max_length=60)
    received_on: date | None = None


class PetitionOut(PetitionRowOut):
    content: str
    reply: str
    replied_at: datetime | None
    decision_note: str
    accepted_on: date | None
    concluded_on: date | None
    events: list[dict[str, Any]]


class NoteIn(Schema):
    note: str = Field("", max_length=2000)


class DeclineIn(Schema):
    reason: str = Field(min_length=1, max_length=2000)


class PetitionReplyIn(Schema):
    reply: str = Field(min_length=1, max_length=10000)
    conclude: bool = True


class DashboardOut(Schema):
    open: list[PetitionRowOut]
    overdue_acceptance: list[PetitionRowOut]
    overdue_conclusion: list[PetitionRowOut]
    repeats: list[PetitionRowOut]
    counts: dict[str, int]


class SmsOut(Schema):
    id: int
    mobile: str
    text: str
    purpose: str
    created_at: datetime
