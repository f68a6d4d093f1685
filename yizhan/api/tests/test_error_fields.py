"""Field names in the error envelope are the client's field paths, whatever the operation calls
its body parameter (docs/api.md)."""

from __future__ import annotations

import pytest

from yizhan.api.errors import _loc
from yizhan.factories import clerk, demo_courts
from yizhan.filing.tests.helpers import Api, assert_error


@pytest.mark.parametrize(
    ("loc", "field"),
    [
        (("body", "payload", "parties", 0, "id_number"), "parties[0].id_number"),
        (("body", "data", "reason"), "reason"),  # trial operations call their body "data"
        (("body", "payload"), "payload"),  # the body as a whole: nothing more precise to name
        (("query", "page"), "page"),
        (("path", "case_id"), "case_id"),
        (("file", "file"), "file"),
        ((), "request"),
    ],
)
def test_loc(loc: tuple[object, ...], field: str) -> None:
    assert _loc(loc) == field


@pytest.mark.django_db
def test_trial_body_error_names_the_field_without_the_parameter_name() -> None:
    staff = clerk(demo_courts()["粤0802"])
    r = Api(staff).post("/trial/cases/999999/extensions", {"months": "x"})
    body = assert_error(r, 422, "invalid_input")
    assert set(body["fields"]) == {"reason", "months"}
