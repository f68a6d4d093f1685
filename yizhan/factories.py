"""factory-boy factories shared by the tests of every app."""

from __future__ import annotations

from typing import Any

import factory
from django.conf import settings

from yizhan.accounts.models import Membership, Role, User
from yizhan.cases.models import Cause
from yizhan.core.models import Court
from yizhan.rules.identifiers import resident_id_check_char

PASSWORD = "test-pass-2026"


def resident_id(n: int, birth: str = "19900101", region: str = "440802") -> str:
    body = f"{region}{birth}{n % 1000:03d}"
    return body + resident_id_check_char(body)


class CourtFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Court
        django_get_or_create = ("code",)

    code = "粤0802"
    name = "湛江市赤坎区人民法院"
    level = "basic"


def demo_courts() -> dict[str, Court]:
    courts: dict[str, Court] = {}
    for code, name, level, parent in settings.YIZHAN_DEMO_COURTS:
        courts[code] = CourtFactory(
            code=code, name=name, level=level, parent=courts.get(parent or "")
        )
    return courts


class CauseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cause
        django_get_or_create = ("code",)

    code = "9089"
    name = "民间借贷纠纷"
    category = "civil"
    fee_kind = "property"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    real_name = factory.Sequence(lambda n: f"用户{n}")
    id_number = factory.Sequence(lambda n: resident_id(n + 100))
    mobile = "13800138000"
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj: User, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create:
            obj.save()


def user_with_role(role: str, court: Court | None = None, **kwargs: Any) -> User:
    user = UserFactory(**kwargs)
    Membership.objects.create(user=user, role=role, court=court)
    return user


def litigant(**kwargs: Any) -> User:
    return user_with_role(Role.LITIGANT, **kwargs)


def clerk(court: Court, **kwargs: Any) -> User:
    return user_with_role(Role.FILING_CLERK, court, id_number=None, **kwargs)
