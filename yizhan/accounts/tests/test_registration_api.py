"""Real-name registration (ONLINE Art 7) and API tokens."""

from __future__ import annotations

from typing import Any

from yizhan.accounts.models import ApiToken, Membership, User
from yizhan.audit.models import AuditEvent
from yizhan.factories import PASSWORD
from yizhan.filing.tests.helpers import Api, assert_error, civil_payload
from yizhan.rules.identifiers import resident_id_check_char

ID_BODY = "44080219900101123"
VALID_ID = ID_BODY + resident_id_check_char(ID_BODY)  # GB 11643 check character: "8"
WRONG_CHECK = ID_BODY + ("0" if VALID_ID[-1] != "0" else "1")


def _registration(**changes: Any) -> dict[str, Any]:
    return {
        "username": "zhangsan",
        "password": PASSWORD,
        "real_name": "张三",
        "id_number": VALID_ID,
        "mobile": "13800138000",
        **changes,
    }


def test_register_with_valid_resident_id_is_201_with_masked_id(db):
    r = Api().post("/auth/register", _registration())

    assert r.status_code == 201, r.content
    assert r.json() == {
        "id": r.json()["id"],
        "username": "zhangsan",
        "real_name": "张三",
        "id_number_masked": "440802********1238",
        "mobile_masked": "138****8000",
        "roles": [{"role": "litigant", "court": None}],
    }
    user = User.objects.get(username="zhangsan")
    assert user.id_number == VALID_ID
    assert user.check_password(PASSWORD)
    assert list(AuditEvent.objects.values_list("action", "channel")) == [
        ("account.registered", "web")
    ]


def test_register_with_bad_checksum_is_422_on_id_number(db):
    body = assert_error(
        Api().post("/auth/register", _registration(id_number=WRONG_CHECK)), 422, "invalid_input"
    )
    assert body["fields"] == {"id_number": "身份证号码校验位不正确，请检查是否输错。"}
    assert User.objects.count() == 0


def test_lawyer_without_licence_is_422(db):
    r = Api().post("/auth/register", _registration(is_lawyer=True, law_firm="广东某律师事务所"))
    body = assert_error(r, 422, "invalid_input")
    assert body["fields"] == {"licence_no": "律师须填写执业证号。"}
    assert User.objects.count() == 0


def test_lawyer_with_licence_gets_the_lawyer_role(db):
    r = Api().post(
        "/auth/register",
        _registration(is_lawyer=True, licence_no="14408201010000001", law_firm="广东某律师事务所"),
    )
    assert r.status_code == 201, r.content
    assert r.json()["roles"] == [{"role": "lawyer", "court": None}]


def test_same_resident_id_cannot_register_twice(db):
    assert Api().post("/auth/register", _registration()).status_code == 201
    body = assert_error(
        Api().post("/auth/register", _registration(username="other")), 422, "invalid_input"
    )
    assert body["fields"] == {"id_number": "该身份证号已注册。"}
    assert Membership.objects.count() == 1


def test_token_authenticates_api_calls_and_they_are_audited_as_api_channel(courts, cause):
    # Given a registered user who obtains a token
    assert Api().post("/auth/register", _registration()).status_code == 201
    r = Api().post("/auth/token", {"username": "zhangsan", "password": PASSWORD, "name": "app"})
    assert r.status_code == 201, r.content
    token = r.json()["token"]
    assert r.json()["name"] == "app"
    assert token.startswith("yz_")
    assert ApiToken.objects.get().key_hash != token  # only the hash is stored

    # When calling with the bearer token
    api = Api(token=token)
    me = api.get("/auth/me")
    created = api.post("/filings", civil_payload(plaintiff_id=VALID_ID))

    # Then the user is recognised and the action is recorded as made through the API
    assert me.status_code == 200, me.content
    assert me.json()["username"] == "zhangsan"
    assert created.status_code == 201, created.content
    assert created.json()["channel"] == "api"
    event = AuditEvent.objects.get(action="filing.created")
    assert (event.channel, event.actor_id) == ("api", User.objects.get().pk)


def test_wrong_password_gets_no_token(db):
    assert Api().post("/auth/register", _registration()).status_code == 201
    r = Api().post("/auth/token", {"username": "zhangsan", "password": "wrong-password"})
    assert_error(r, 401, "not_authenticated")
    assert ApiToken.objects.count() == 0


def test_revoked_token_is_401(db):
    assert Api().post("/auth/register", _registration()).status_code == 201
    token = (
        Api().post("/auth/token", {"username": "zhangsan", "password": PASSWORD}).json()["token"]
    )
    ApiToken.objects.update(revoked=True)
    assert_error(Api(token=token).get("/auth/me"), 401, "not_authenticated")
