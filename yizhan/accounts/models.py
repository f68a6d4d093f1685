"""Users, roles and court membership."""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    LITIGANT = "litigant", _("当事人")
    LAWYER = "lawyer", _("律师")
    FILING_CLERK = "filing_clerk", _("立案人员")
    JUDGE = "judge", _("法官")
    JUDGE_ASSISTANT = "judge_assistant", _("法官助理")
    COURT_CLERK = "court_clerk", _("书记员")
    DIVISION_CHIEF = "division_chief", _("庭长")
    PRESIDENT = "president", _("院长")
    MEDIATOR = "mediator", _("调解员")
    HOTLINE_AGENT = "hotline_agent", _("12368 话务员")
    PETITION_OFFICER = "petition_officer", _("信访人员")
    ARCHIVIST = "archivist", _("档案管理员")
    STATISTICIAN = "statistician", _("统计人员")
    ADMINISTRATOR = "administrator", _("系统管理员")


PUBLIC_ROLES = frozenset({Role.LITIGANT, Role.LAWYER})
STAFF_ROLES = frozenset(set(Role) - PUBLIC_ROLES)


class User(AbstractUser):
    """An account. Public users register with real-name fields (ONLINE Art 7)."""

    real_name = models.CharField(_("姓名"), max_length=60, blank=True)
    id_number = models.CharField(_("身份证号"), max_length=18, blank=True, null=True, unique=True)
    mobile = models.CharField(_("手机号"), max_length=11, blank=True)
    licence_no = models.CharField(_("律师执业证号"), max_length=30, blank=True)
    law_firm = models.CharField(_("律师事务所"), max_length=100, blank=True)

    def __str__(self) -> str:
        return self.real_name or self.username

    @property
    def display_name(self) -> str:
        return self.real_name or self.username


class Membership(models.Model):
    """A role held by a user, at a court for staff roles (a clerk may serve several courts)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("角色"), max_length=30, choices=Role.choices)
    court = models.ForeignKey(
        "core.Court", null=True, blank=True, on_delete=models.PROTECT, related_name="members"
    )
    department = models.ForeignKey(
        "core.Department", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    team = models.ForeignKey(
        "core.Team", null=True, blank=True, on_delete=models.PROTECT, related_name="members"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "role", "court"], name="uniq_membership"),
            models.CheckConstraint(
                condition=models.Q(role__in=["litigant", "lawyer"], court__isnull=True)
                | (~models.Q(role__in=["litigant", "lawyer"]) & models.Q(court__isnull=False)),
                name="staff_roles_have_a_court",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.get_role_display()} {self.court or ''}"


def _hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiToken(models.Model):
    """A bearer token for API clients (mobile apps, partner systems). Only the hash is kept."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100)
    key_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=8)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked = models.BooleanField(default=False)

    @classmethod
    def issue(cls, user: User, name: str) -> tuple[ApiToken, str]:
        raw = "yz_" + secrets.token_urlsafe(32)
        token = cls.objects.create(user=user, name=name, key_hash=_hash_token(raw), prefix=raw[:8])
        return token, raw

    @classmethod
    def lookup(cls, raw: str) -> ApiToken | None:
        return (
            cls.objects.select_related("user")
            .filter(key_hash=_hash_token(raw), revoked=False, user__is_active=True)
            .first()
        )


DEMO_PASSWORD = getattr(settings, "YIZHAN_DEMO_PASSWORD", "demo-pass-2026")
