"""Account endpoints: register, API tokens, who am I."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import authenticate
from django.db import transaction
from django.http import HttpRequest
from ninja import Field, Router, Schema, Status

from yizhan.audit import services as audit
from yizhan.core.errors import CommonError
from yizhan.rules.identifiers import mask_mobile, mask_resident_id

from .actions import Registration, register
from .models import ApiToken
from .permissions import memberships

router = Router(tags=["accounts"])


class RegisterIn(Schema):
    username: str = Field(..., max_length=150)
    password: str = Field(..., max_length=128)
    real_name: str = Field(..., max_length=60)
    id_number: str = Field(..., max_length=20)
    mobile: str = Field(..., max_length=20)
    is_lawyer: bool = False
    licence_no: str = Field("", max_length=30)
    law_firm: str = Field("", max_length=100)


class MeOut(Schema):
    id: int
    username: str
    real_name: str
    id_number_masked: str
    mobile_masked: str
    roles: list[dict[str, Any]]


def me_dict(user: Any) -> dict[str, Any]:
    return {
        "id": user.pk,
        "username": user.username,
        "real_name": user.real_name,
        "id_number_masked": mask_resident_id(user.id_number) if user.id_number else "",
        "mobile_masked": mask_mobile(user.mobile) if user.mobile else "",
        "roles": [
            {"role": m.role, "court": m.court.code if m.court else None} for m in memberships(user)
        ],
    }


@router.post("/register", response={201: MeOut}, auth=None, summary="实名注册（当事人、律师）")
def register_endpoint(request: HttpRequest, payload: RegisterIn) -> Status[Any]:
    user = register(Registration(**payload.dict()))
    return Status(201, me_dict(user))


class TokenIn(Schema):
    username: str = Field(..., max_length=150)
    password: str = Field(..., max_length=128)
    name: str = Field("api", max_length=100)


class TokenOut(Schema):
    token: str
    name: str


@router.post("/token", response={201: TokenOut}, auth=None, summary="获取 API 令牌")
def token(request: HttpRequest, payload: TokenIn) -> Status[Any]:
    user = authenticate(request, username=payload.username, password=payload.password)
    if user is None:
        raise CommonError.NOT_AUTHENTICATED.exc(message="用户名或密码错误。")
    with transaction.atomic():
        tok, raw = ApiToken.issue(user, payload.name)  # type: ignore[arg-type]
        audit.record("account.token_issued", actor=user, subject=tok, after={"name": tok.name})
    return Status(201, {"token": raw, "name": tok.name})


@router.get("/me", response=MeOut, summary="当前用户")
def me(request: HttpRequest) -> dict[str, Any]:
    return me_dict(request.user)
