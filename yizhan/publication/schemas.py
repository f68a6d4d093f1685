"""API schemas for de-identification and the publication workflow."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from ninja import Schema
from pydantic import Field

MAX_TEXT = 200_000


class DeidPartyIn(Schema):
    name: str = Field(min_length=1, max_length=100)
    role: str = Field(default="", max_length=30)
    minor: bool = False


class DeidentifyIn(Schema):
    text: str = Field(max_length=MAX_TEXT)
    parties: list[DeidPartyIn] = Field(default_factory=list, max_length=200)
    policy: Literal["2016", "all_parties"] = "all_parties"
    family_case: bool | None = None


class ChangeOut(Schema):
    start: int
    end: int
    original: str
    replacement: str
    kind: str


class DeidentifyOut(Schema):
    text: str
    changes: list[ChangeOut]


class DraftCreateIn(Schema):
    document_id: int
    policy: Literal["2016", "all_parties"] | None = None


class ApproveIn(Schema):
    text: str | None = Field(default=None, max_length=MAX_TEXT)


class PublicationReasonIn(Schema):
    reason: str = Field(max_length=2000)


class WithholdIn(Schema):
    ground: str = Field(max_length=30)
    note: str = Field(default="", max_length=2000)


class CorrectIn(Schema):
    text: str = Field(max_length=MAX_TEXT)
    reason: str = Field(max_length=2000)


class MasksIn(Schema):
    """The reviewer's whole decisions on a pending draft (each call replaces the previous)."""

    add: list[str] = Field(default_factory=list, max_length=200)
    keep: list[str] = Field(default_factory=list, max_length=200)


class DraftOut(Schema):
    id: int
    document_id: int
    case_number: str
    status: str
    policy: str
    due_on: date
    text: str
    changes: list[ChangeOut]
    version: int
    withhold_ground: str
    hold_reason: str
    extra_names: list[str]
    kept_words: list[str]
    text_edited: bool


class PublicOut(Schema):
    id: int
    kind: str
    case_number: str
    court: str
    court_code: str
    doc_type: str
    decided_on: date | None
    title: str | None
    text: str | None
    reason: str | None
    published_at: datetime | None
    version: int
