"""Parties (当事人) and their agents (诉讼代理人)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PartyKind(models.TextChoices):
    NATURAL = "natural", _("自然人")
    LEGAL = "legal", _("法人")
    OTHER_ORG = "other_org", _("非法人组织")


class Party(models.Model):
    """A natural person, legal person or other organisation taking part in a matter."""

    kind = models.CharField(_("类型"), max_length=20, choices=PartyKind.choices)
    name = models.CharField(_("姓名或名称"), max_length=150)
    id_number = models.CharField(_("身份证号"), max_length=18, blank=True)
    credit_code = models.CharField(_("统一社会信用代码"), max_length=18, blank=True)
    mobile = models.CharField(_("手机号"), max_length=11, blank=True)
    address = models.CharField(_("住所地"), max_length=200, blank=True)
    legal_representative = models.CharField(_("法定代表人/负责人"), max_length=60, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="party_records",
        verbose_name=_("对应账号"),
    )

    class Meta:
        indexes = [models.Index(fields=["id_number"]), models.Index(fields=["credit_code"])]

    def __str__(self) -> str:
        return self.name


class AgentKind(models.TextChoices):
    LAWYER = "lawyer", _("律师")
    LEGAL_WORKER = "legal_worker", _("基层法律服务工作者")
    RELATIVE = "relative", _("近亲属")
    EMPLOYEE = "employee", _("工作人员")
    COMMUNITY = "community", _("社区、单位或社会团体推荐的公民")


class Powers(models.TextChoices):
    GENERAL = "general", _("一般授权")
    SPECIAL = "special", _("特别授权")


class Representation(models.Model):
    """An agent acting for a party under a power of attorney (授权委托书, CPL23 Arts 61–62)."""

    party = models.ForeignKey(Party, on_delete=models.CASCADE, related_name="agents")
    kind = models.CharField(_("代理人类型"), max_length=20, choices=AgentKind.choices)
    name = models.CharField(_("姓名"), max_length=60)
    id_number = models.CharField(_("身份证号"), max_length=18, blank=True)
    mobile = models.CharField(_("手机号"), max_length=11, blank=True)
    licence_no = models.CharField(_("执业证号"), max_length=30, blank=True)
    law_firm = models.CharField(_("律师事务所"), max_length=100, blank=True)
    powers = models.CharField(
        _("代理权限"), max_length=10, choices=Powers.choices, default=Powers.GENERAL
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="representations",
    )

    def __str__(self) -> str:
        return f"{self.name}（{self.get_kind_display()}）"
