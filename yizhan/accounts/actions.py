"""Account use cases: real-name registration (ONLINE Art 7)."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction

from yizhan.audit import services as audit
from yizhan.core.errors import CommonError
from yizhan.rules.errors import RuleError
from yizhan.rules.identifiers import parse_mobile, parse_resident_id

from .models import Membership, Role, User


@dataclass
class Registration:
    username: str
    password: str
    real_name: str
    id_number: str
    mobile: str
    is_lawyer: bool = False
    licence_no: str = ""
    law_firm: str = ""


def register(data: Registration) -> User:
    """Register a litigant or lawyer with real-name fields: resident ID checked by
    checksum (GB 11643), mainland mobile number; lawyers add licence number and firm."""
    errors: dict[str, str] = {}
    if not data.username.strip() or len(data.username) > 150:
        errors["username"] = "请填写用户名（不超过 150 个字符）。"
    if not data.real_name.strip():
        errors["real_name"] = "请填写真实姓名。"
    id_number = mobile = ""
    try:
        id_number = parse_resident_id(data.id_number).number
    except RuleError as e:
        errors["id_number"] = e.message
    try:
        mobile = parse_mobile(data.mobile)
    except RuleError as e:
        errors["mobile"] = e.message
    if data.is_lawyer:
        if not data.licence_no.strip():
            errors["licence_no"] = "律师须填写执业证号。"
        if not data.law_firm.strip():
            errors["law_firm"] = "律师须填写所在律师事务所。"
    try:
        validate_password(data.password)
    except ValidationError as e:
        errors["password"] = "；".join(str(m) for m in e.messages)
    if not errors.get("username") and User.objects.filter(username=data.username).exists():
        errors["username"] = "该用户名已被使用。"
    if id_number and User.objects.filter(id_number=id_number).exists():
        errors["id_number"] = "该身份证号已注册。"
    if errors:
        raise CommonError.INVALID_INPUT.exc(fields=errors)
    with transaction.atomic():
        user = User.objects.create_user(
            username=data.username.strip(),
            password=data.password,
            real_name=data.real_name.strip(),
            id_number=id_number,
            mobile=mobile,
            licence_no=data.licence_no.strip() if data.is_lawyer else "",
            law_firm=data.law_firm.strip() if data.is_lawyer else "",
        )
        role = Role.LAWYER if data.is_lawyer else Role.LITIGANT
        Membership.objects.create(user=user, role=role)
        audit.record(
            "account.registered",
            actor=user,
            subject=user,
            after={"role": role, "username": user.username},
        )
    return user
