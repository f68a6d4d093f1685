"""Service-hall appointments (预约): slots per court per day, capacity, no double booking."""

from __future__ import annotations

import pytest
import time_machine

from yizhan.services.models import Appointment, ServiceSlot, Ticket

from .conftest import Api, assert_error

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("courts")]

TODAY = "2026-03-02 09:00 +0800"  # a Monday


def _book(api: Api, **kw):
    body = {
        "court_code": "粤0802",
        "day": "2026-03-03",
        "start": "09:00",
        "purpose": "递交补充证据材料",
        **kw,
    }
    return api.post("/services/appointments", body)


@time_machine.travel(TODAY, tick=False)
def test_slots_of_a_working_day_and_none_on_a_holiday():
    r = Api().get("/services/appointments/slots", court_code="粤0802", day="2026-03-03")
    assert r.status_code == 200
    assert r.json()[0] == {"start": "09:00", "end": "10:00", "capacity": 6, "left": 6}
    assert len(r.json()) == 6
    assert (
        Api().get("/services/appointments/slots", court_code="粤0802", day="2026-04-06").json()
        == []
    )  # Qingming 2026 (Mon)


@time_machine.travel(TODAY, tick=False)
def test_litigant_books_a_slot_which_is_an_appointment_ticket(alice):
    r = _book(Api(alice))
    assert r.status_code == 201, r.content
    assert r.json()["start"] == "09:00"
    assert r.json()["status"] == "booked"
    t = Ticket.objects.get()
    assert t.kind == "appointment"
    assert t.channel == "web"
    assert t.caller_user == alice
    left = Api().get("/services/appointments/slots", court_code="粤0802", day="2026-03-03").json()
    assert left[0]["left"] == 5
    assert [a["id"] for a in Api(alice).get("/services/appointments").json()] == [r.json()["id"]]


@time_machine.travel(TODAY, tick=False)
def test_no_double_booking_on_the_same_day(alice):
    assert _book(Api(alice)).status_code == 201
    assert_error(_book(Api(alice), start="14:30"), 409, "already_booked")
    assert Appointment.objects.count() == 1


@time_machine.travel(TODAY, tick=False)
def test_full_slot_is_refused_and_a_cancellation_frees_it(alice, bob, settings):
    settings.YIZHAN_SERVICE_HALL_SLOTS = [("09:00", "10:00", 1)]
    first = _book(Api(alice)).json()
    assert_error(_book(Api(bob)), 409, "slot_full")
    assert Api(alice).post(f"/services/appointments/{first['id']}/cancel").json()["status"] == (
        "cancelled"
    )
    assert ServiceSlot.objects.get().booked == 0
    assert _book(Api(bob)).status_code == 201


@time_machine.travel(TODAY, tick=False)
def test_agent_books_for_a_caller_by_phone(agent):
    r = _book(Api(agent), name="李大爷", phone="13700137000", channel="phone")
    assert r.status_code == 201, r.content
    assert Ticket.objects.get().channel == "phone"


@time_machine.travel(TODAY, tick=False)
def test_rest_days_past_days_and_unknown_slots_are_refused(alice, bob):
    assert_error(_book(Api(alice), day="2026-03-07"), 409, "slot_unavailable")  # Saturday
    assert_error(_book(Api(alice), day="2026-03-01"), 409, "slot_unavailable")  # past
    assert_error(_book(Api(alice), start="08:00"), 409, "slot_unavailable")
    assert_error(_book(Api(alice), day="not-a-day"), 422, "invalid_input")
    assert_error(_book(Api()), 401, "not_authenticated")
    first = _book(Api(alice)).json()
    assert_error(Api(bob).post(f"/services/appointments/{first['id']}/cancel"), 404, "not_found")
