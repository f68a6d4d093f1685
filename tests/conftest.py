"""Fixtures of the cross-app sweeps (tests/test_api_no_500.py, tests/test_pages_no_500.py)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.db import transaction
from django.test import Client

from yizhan.accounts.models import STAFF_ROLES, Membership
from yizhan.factories import CourtFactory, UserFactory, litigant, resident_id

TZ = ZoneInfo("Asia/Shanghai")


@pytest.fixture
def sweep_clients(db: None) -> dict[str, Client]:
    """An anonymous client, a litigant's (张三) and a staff member's (李四, every staff role at
    粤0802, so that role gates let a request reach as far as it can), logged in by session."""
    # 粤08 is the court of appeal of 粤0802 (appeals open their second instance there).
    higher = CourtFactory(code="粤08", name="湛江市中级人民法院", level="intermediate")
    court = CourtFactory(code="粤0802", name="湛江市赤坎区人民法院", level="basic", parent=higher)
    staff = UserFactory(real_name="李四", id_number=None)
    for role in sorted(STAFF_ROLES):
        Membership.objects.create(user=staff, role=role, court=court)
    people = {
        "anonymous": None,
        "litigant": litigant(real_name="张三", id_number=resident_id(1)),
        "staff": staff,
    }
    clients = {}
    for name, user in people.items():
        client = Client()
        if user is not None:
            client.force_login(user)
        clients[name] = client
    return clients


ALL_IDS = {
    "filing_id", "attachment_id", "case_id", "notice_id", "matter_id", "suspension_id",
    "extension_id", "hearing_id", "group_id", "code", "session_id", "org_id", "mediator_id",
    "entry_id", "ticket_id", "appointment_id", "petition_id", "draft_id", "item_id",
}  # fmt: skip

# Trial operations on a case that want a case in another state than a pending first instance.
ENFORCEMENT_SUFFIXES = ("/measures", "/enforcement-closure")
CLOSED_SUFFIXES = ("/appeals", "/enforcement")
# … and the second instance's outcome, a pending appeal case at 粤08.
SECOND_INSTANCE_SUFFIXES = ("/appeal-outcome",)
# The case pages (API, portal, console) show the case's supplementary fee notices: a case with
# one still due.
CASE_DETAIL = re.compile(r"(^|/)cases/(\{case_id\}|<int:case_id>)/?$")
# Mediation operations that want a matter still waiting for its mediator.
CHOOSING_SUFFIXES = ("/suggestions", "/choose", "/request-appointment")
# … and the court's appointment, which wants a matter whose parties asked for one.
APPOINTING_SUFFIXES = ("/appoint",)
# … and those that want an agreement drafted and waiting for signatures.
AGREEMENT_SUFFIXES = ("/sign", "/signatures", "/agreement.pdf")

# Operations that move their object out of the state their check wants on the first request
# that succeeds (a decided extension, an appointed mediator, a closed second instance, a paid
# top-up): each request to them runs in a savepoint rolled back after it, so that every junk
# variant meets the object in that state instead of a 409 after the first success.
ONE_SHOT = re.compile(
    r"/(extensions/\d+/(decision|decide)|appoint|appeal-outcome"
    r"|supplementary-fees/\d+/payment|top-ups/\d+/paid)/?$"
)


@contextmanager
def fresh_state(url: str) -> Iterator[None]:
    """Run one sweep request; roll back what it changed when ``url`` is a ONE_SHOT one."""
    if not ONE_SHOT.search(url):
        yield
        return
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def sweep_objects(path: str, names: set[str], clients: dict[str, Client]) -> dict[str, Any]:
    """Real objects for the path parameters ``names`` of the operation ``path``, visible to the
    acting users, so that body variants reach the code behind the access gates (see
    :class:`SweepWorld`). Parameters with no object get nothing (the sweep uses 1)."""
    if not names & ALL_IDS:
        return {}
    return SweepWorld(clients).ids(path, names)


class SweepWorld:
    """Objects of 张三 (litigant) and 李四 (every staff role at 粤0802, made the judge,
    mediator, … of each), built with the apps' actions and test helpers:

    - a filing of 张三 submitted to 粤0802 and its first attachment;
    - a pending first-instance case accepted from another of his filings, with its fee notice,
      李四 its judge, with a suspension, a pending extension waiting for the president (李四)
      to decide it, a scheduled hearing in a courtroom of the court and a serial group; a case
      docketed on the simple procedure and converted, with its 补交诉讼费 notice still due
      (for the notice's operations and the case pages, which show it); a closed (judged) case
      for appeals and enforcement applications, and the pending second instance its appeal
      opens at 粤08 (李四 also its president) for the outcome; an enforcement case (执) for
      measures and its closure;
    - a mediation matter he applied for, in mediation with 李四 as its mediator, with a
      pending extension and a scheduled session; a second matter still choosing its
      mediator, or waiting for the court to appoint one; the mediation organisation and
      mediator record of 李四;
    - a 12368 ticket, a petition (信访), an appointment of 张三, a knowledge-base entry;
    - a publication draft of a judgment of the court, and a published one.
    """

    def __init__(self, clients: dict[str, Client]) -> None:
        from yizhan.accounts.models import User
        from yizhan.factories import CauseFactory

        self.clients = clients
        self.filer = User.objects.get(real_name="张三")
        self.staff = User.objects.get(real_name="李四")
        self.court = self.staff.memberships.first().court  # type: ignore[union-attr]
        CauseFactory()

    def ids(self, path: str, names: set[str]) -> dict[str, Any]:
        found: dict[str, Any] = {}
        if names & {"filing_id", "attachment_id"}:
            filing = self.filing()
            found["filing_id"] = filing.pk
            found["attachment_id"] = filing.attachments.order_by("pk")[0].pk
        if "notice_id" in names:
            # A supplementary fee notice and its case (the notice's operations name both).
            notice = self.top_up()
            found["case_id"], found["notice_id"] = notice.case_id, notice.pk
        elif "case_id" in names:
            if path.endswith(ENFORCEMENT_SUFFIXES):
                found["case_id"] = self.enforcement_case().pk
            elif path.endswith(CLOSED_SUFFIXES):
                found["case_id"] = self.closed_case().pk
            elif path.rstrip("/").endswith(SECOND_INSTANCE_SUFFIXES):
                found["case_id"] = self.second_instance_case().pk
            elif CASE_DETAIL.search(path):
                found["case_id"] = self.top_up().case_id
            else:
                found["case_id"] = self.case().pk
        if "suspension_id" in names:
            found["suspension_id"] = self.suspension().pk
        if "extension_id" in names and "/trial/" in path:
            found["extension_id"] = self.trial_extension().pk
        if "hearing_id" in names:
            found["hearing_id"] = self.hearing().pk
        if "group_id" in names:
            found["group_id"] = self.serial_group().pk
        if "code" in names:
            found["code"] = self.indicator_code()
        if "matter_id" in names:
            if path.endswith(CHOOSING_SUFFIXES):
                matter = self.new_matter()
            elif path.rstrip("/").endswith(APPOINTING_SUFFIXES):
                matter = self.appointing_matter()
            elif path.endswith(AGREEMENT_SUFFIXES):
                matter = self.settled_matter()
            else:
                matter = self.active_matter()
            found["matter_id"] = matter.pk
        if "extension_id" in names and "/mediation/" in path:
            found["extension_id"] = self.mediation_extension(found["matter_id"]).pk
        if "session_id" in names:
            found["session_id"] = self.session().pk
        if "org_id" in names:
            found["org_id"] = self.mediator().organisation_id
        if "mediator_id" in names:
            found["mediator_id"] = self.mediator().pk
        if "entry_id" in names:
            found["entry_id"] = self.entry().pk
        if "ticket_id" in names:
            found["ticket_id"] = self.ticket()
        if "appointment_id" in names:
            found["appointment_id"] = self.appointment()
        if "petition_id" in names:
            found["petition_id"] = self.petition(accepted=path.endswith("/reply"))
        if "draft_id" in names:
            found["draft_id"] = self.draft().pk
        if "item_id" in names:
            found["item_id"] = self.published_item()
        return found

    # --- filing and cases -------------------------------------------------------------------

    def filing(self) -> Any:
        from yizhan.filing.tests.helpers import submitted_filing_direct

        return submitted_filing_direct(self.filer)

    def case(self) -> Any:
        from yizhan.cases.models import Case
        from yizhan.filing import actions as filing_actions

        case = filing_actions.accept_filing(self.filing().pk, acting_user=self.staff)
        Case.objects.filter(pk=case.pk).update(judge=self.staff)
        case.refresh_from_db()
        return case

    def closed_case(self) -> Any:
        from yizhan.trial.tests.conftest import judged_case

        return judged_case(self.court, {"judge": self.staff})

    def enforcement_case(self) -> Any:
        from yizhan.trial.tests.conftest import make_case

        return make_case(self.court, filed_on=date(2026, 3, 2), type_code="执", judge=self.staff)

    def suspension(self) -> Any:
        from yizhan.trial.models import Suspension

        return Suspension.objects.create(
            case=self.case(), kind="appraisal", start_on=date(2026, 3, 10), created_by=self.staff
        )

    def trial_extension(self) -> Any:
        """A first extension of the pending case, waiting for the president (李四) to decide:
        requested on the day the case is docketed, months before its limit (EXT2019 Art 1)."""
        from yizhan.trial import actions as trial_actions

        return trial_actions.request_extension(
            self.case().pk, reason="案情复杂，需要补充鉴定", acting_user=self.staff
        )

    def top_up(self) -> Any:
        """The 补交诉讼费 notice of a case docketed on the simple procedure and converted to
        the ordinary one (CPLI Art 199), due: the half of the fee still owed (FEE Art 16)."""
        from yizhan.filing import actions as filing_actions
        from yizhan.trial import actions as trial_actions

        case = filing_actions.accept_filing(
            self.filing().pk, acting_user=self.staff, procedure="simple"
        )
        trial_actions.convert_procedure(case.pk, reason="案情复杂", acting_user=self.staff)
        return case.supplementary_fee_notices.get(status="due")

    def second_instance_case(self) -> Any:
        """The pending 民终 case at 粤08 opened by the defendant's appeal against the judged
        case (served 2026-04-13, appealed 04-20, CPL23 Art 171), 李四 its court's president."""
        import time_machine

        from yizhan.accounts.models import Role
        from yizhan.trial import actions as trial_actions

        first = self.closed_case()
        higher = self.court.parent
        Membership.objects.get_or_create(user=self.staff, role=Role.PRESIDENT, court=higher)
        defendant = first.case_parties.get(role="defendant").party_id
        with time_machine.travel(date(2026, 4, 20)):
            appeal = trial_actions.register_appeal(
                first.pk, against="judgment", appellant_party_id=defendant,
                acting_user=self.staff,
            )  # fmt: skip
        return appeal.second_case

    def hearing(self) -> Any:
        from yizhan.trial.models import Courtroom, Hearing

        room, _ = Courtroom.objects.get_or_create(court=self.court, name="第一法庭")
        return Hearing.objects.create(
            case=self.case(),
            courtroom=room,
            starts_at=datetime(2026, 12, 7, 9, tzinfo=TZ),
            ends_at=datetime(2026, 12, 7, 11, tzinfo=TZ),
            created_by=self.staff,
        )

    def serial_group(self) -> Any:
        from yizhan.cases.models import Case, SerialGroup

        group = SerialGroup.objects.create(
            court=self.court, name="某银行金融借款系列案", created_by=self.staff
        )
        Case.objects.filter(pk__in=[self.case().pk, self.case().pk]).update(serial_group=group)
        return group

    def indicator_code(self) -> str:
        r = self.clients["staff"].get("/api/v1/stats/catalogue")
        codes = [row.get("code") for row in r.json()] if r.status_code == 200 else []
        return str(codes[0]) if codes and codes[0] else "filing_rate"

    # --- mediation --------------------------------------------------------------------------

    def mediator(self) -> Any:
        from yizhan.mediation.models import Mediator, Organisation

        existing = Mediator.objects.filter(user=self.staff).first()
        if existing:
            return existing
        org = Organisation.objects.create(
            court=self.court, name="赤坎区人民调解委员会", kind="peoples_committee",
            regions=["赤坎区"],
        )  # fmt: skip
        return Mediator.objects.create(
            organisation=org, user=self.staff, name="李四", specialties=["commerce"], capacity=500,
            regions=["赤坎区"],
        )  # fmt: skip

    def new_matter(self) -> Any:
        from yizhan.mediation.models import Matter
        from yizhan.mediation.tests.conftest import matter_payload

        self.mediator()
        r = self.clients["litigant"].post(
            "/api/v1/mediation/matters", matter_payload(), content_type="application/json"
        )
        assert r.status_code == 201, r.content
        return Matter.objects.get(pk=r.json()["id"])

    def appointing_matter(self) -> Any:
        """A matter whose applicant (张三) asked the court to appoint the mediator (OMED Art
        11): waiting for the court's appointment."""
        from yizhan.mediation import actions as mediation_actions

        return mediation_actions.request_appointment(self.new_matter().pk, acting_user=self.filer)

    def active_matter(self) -> Any:
        from yizhan.mediation import actions as mediation_actions

        matter = self.new_matter()
        mediation_actions.request_appointment(matter.pk, acting_user=self.filer)
        mediation_actions.appoint_mediator(matter.pk, self.mediator().pk, acting_user=self.staff)
        return mediation_actions.accept_assignment(matter.pk, acting_user=self.staff)

    def settled_matter(self) -> Any:
        from yizhan.mediation import actions as mediation_actions

        matter = self.active_matter()
        mediation_actions.record_settlement(
            matter.pk, terms="被申请人分两期偿还借款。", acting_user=self.staff
        )
        matter.refresh_from_db()
        return matter

    def mediation_extension(self, matter_id: int) -> Any:
        from yizhan.mediation.models import Extension

        return Extension.objects.create(
            matter_id=matter_id, days=15, reason="双方仍在协商", requested_by=self.staff,
            requested_at=datetime(2026, 11, 20, 9, tzinfo=TZ),
        )  # fmt: skip

    def session(self) -> Any:
        from yizhan.mediation.models import Session

        return Session.objects.create(
            matter=self.active_matter(), mode="online", scheduled_at=datetime(2026, 12, 8, 9, tzinfo=TZ),
            place="在线", created_by=self.staff,
        )  # fmt: skip

    # --- service desk -----------------------------------------------------------------------

    def entry(self) -> Any:
        from yizhan.services.models import KnowledgeEntry

        return KnowledgeEntry.objects.first() or KnowledgeEntry.objects.create(
            slug="fee-question", category="fees", question="诉讼费怎么交？", answer="按缴费通知书缴纳。"
        )  # fmt: skip

    def _post(self, who: str, path: str, body: dict[str, Any]) -> int:
        r = self.clients[who].post("/api/v1" + path, body, content_type="application/json")
        assert r.status_code == 201, (path, r.content)
        return int(r.json()["id"])

    def ticket(self) -> int:
        from yizhan.factories import resident_id

        return self._post("staff", "/services/tickets", {
            "court_code": "粤0802", "kind": "complaint", "channel": "phone",
            "subject": "承办人电话无人接听", "caller_name": "张三", "caller_phone": "13800138000",
            "caller_id_number": resident_id(1),
        })  # fmt: skip

    def petition(self, accepted: bool = False) -> int:
        from yizhan.factories import resident_id

        pk = self._post("staff", "/services/petitions", {
            "court_code": "粤0802", "form": "visit", "subject": "对判决执行进度不满",
            "content": "申请执行已三个月，被执行人仍未履行。", "petitioner_name": "张三",
            "petitioner_id_number": resident_id(1), "petitioner_phone": "13800138000",
        })  # fmt: skip
        if accepted:
            r = self.clients["staff"].post(
                f"/api/v1/services/petitions/{pk}/accept", {}, content_type="application/json"
            )
            assert r.status_code == 200, r.content
        return pk

    def appointment(self) -> int:
        from yizhan.services.models import Appointment

        existing = Appointment.objects.filter(user=self.filer, status="booked").first()
        if existing:
            return existing.pk
        return self._post("litigant", "/services/appointments", {
            "court_code": "粤0802", "day": "2026-12-01", "start": "09:00",
            "purpose": "递交补充证据材料",
        })  # fmt: skip

    # --- publication ------------------------------------------------------------------------

    def draft(self) -> Any:
        from yizhan.publication import actions as publication_actions
        from yizhan.publication.tests.test_publication_workflow import make_document

        return publication_actions.create_draft(make_document(self.court).pk)

    def published_item(self) -> int:
        from yizhan.publication import actions as publication_actions

        draft = publication_actions.approve(self.draft().pk, acting_user=self.staff)
        r = self.clients["anonymous"].get("/api/v1/publication/published")
        body = r.json() if r.status_code == 200 else []
        items = body.get("items", []) if isinstance(body, dict) else body
        return int(items[0]["id"]) if items else draft.pk
