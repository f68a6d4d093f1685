"""Portal forms. They only shape input; the rules live in the actions (DomainError.fields)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from yizhan.cases.models import Cause
from yizhan.core.models import Court
from yizhan.filing.checklists import spec_for
from yizhan.filing.models import FilingKind, PartyRole
from yizhan.parties.models import AgentKind, PartyKind
from yizhan.rules.fees import Closing, FeeKind, Procedure


class PortalForm(forms.Form):
    """Adds DomainError.fields to the bound fields, so templates show them next to inputs."""

    def add_domain_errors(
        self, fields: dict[str, Any], mapping: dict[str, str] | None = None
    ) -> None:
        mapping = mapping or {}
        for key, msg in fields.items():
            name = mapping.get(key, key)
            text = "；".join(map(str, msg)) if isinstance(msg, list | tuple) else str(msg)
            if name in self.fields:
                self.add_error(name, text)
            else:
                self.add_error(None, text)


class RegisterForm(PortalForm):
    username = forms.CharField(label=_("用户名"), max_length=150)
    password = forms.CharField(
        label=_("密码"),
        widget=forms.PasswordInput,
        strip=False,
        help_text=_("至少 8 位，不能全为数字。"),
    )
    real_name = forms.CharField(label=_("真实姓名"), max_length=50)
    id_number = forms.CharField(
        label=_("居民身份证号码"), max_length=18, help_text=_("18 位，系统会核验校验位。")
    )
    mobile = forms.CharField(label=_("手机号码"), max_length=20)
    is_lawyer = forms.BooleanField(label=_("我是律师"), required=False)
    licence_no = forms.CharField(label=_("律师执业证号"), max_length=30, required=False)
    law_firm = forms.CharField(label=_("所在律师事务所"), max_length=100, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].widget.attrs["autocomplete"] = "username"
        self.fields["password"].widget.attrs["autocomplete"] = "new-password"
        self.fields["real_name"].widget.attrs["autocomplete"] = "name"
        self.fields["mobile"].widget.attrs.update(autocomplete="tel", inputmode="tel")


def court_choices() -> list[tuple[str, Any]]:
    return [(c.code, c.name) for c in Court.objects.filter(is_active=True)]


def cause_choices(kind: str | None) -> list[tuple[str, Any]]:
    choices: list[tuple[str, Any]] = [("", _("（请选择）"))]
    if kind in FilingKind.values:
        category = spec_for(kind).cause_category  # type: ignore[arg-type]
        choices += [
            (c.code, c.name) for c in Cause.objects.filter(category=category, is_active=True)
        ]
    return choices


class CourtKindForm(PortalForm):
    court_code = forms.ChoiceField(label=_("受诉法院"))
    kind = forms.ChoiceField(label=_("立案类型"), choices=FilingKind.choices)
    cause_code = forms.ChoiceField(label=_("案由"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["court_code"].choices = court_choices()  # type: ignore[attr-defined]
        kind = self.data.get("kind") if self.is_bound else self.initial.get("kind")
        self.fields["cause_code"].choices = cause_choices(  # type: ignore[attr-defined]
            kind or FilingKind.CIVIL_FIRST
        )


class PartyForm(PortalForm):
    role = forms.ChoiceField(label=_("诉讼地位"), choices=PartyRole.choices)
    kind = forms.ChoiceField(label=_("当事人类型"), choices=PartyKind.choices)
    name = forms.CharField(label=_("姓名或名称"), max_length=100, required=False)
    id_number = forms.CharField(label=_("居民身份证号码"), max_length=18, required=False)
    credit_code = forms.CharField(label=_("统一社会信用代码"), max_length=18, required=False)
    mobile = forms.CharField(label=_("手机号码"), max_length=20, required=False)
    address = forms.CharField(label=_("住所地址"), max_length=200, required=False)
    legal_representative = forms.CharField(label=_("法定代表人"), max_length=50, required=False)
    agent_kind = forms.ChoiceField(
        label=_("代理人类型"), required=False, choices=[("", _("（无代理人）")), *AgentKind.choices]
    )
    agent_name = forms.CharField(label=_("代理人姓名"), max_length=50, required=False)
    agent_licence_no = forms.CharField(label=_("律师执业证号"), max_length=30, required=False)
    agent_law_firm = forms.CharField(label=_("律师事务所"), max_length=100, required=False)

    PARTY_FIELDS = (
        "role",
        "kind",
        "name",
        "id_number",
        "credit_code",
        "mobile",
        "address",
        "legal_representative",
        "agent_kind",
        "agent_name",
        "agent_licence_no",
        "agent_law_firm",
    )


class ClaimsForm(PortalForm):
    claims = forms.CharField(
        label=_("诉讼请求"), widget=forms.Textarea(attrs={"rows": 5}), required=False
    )
    claim_amount = forms.CharField(label=_("标的额（元）"), required=False, max_length=20)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["claim_amount"].widget.attrs["inputmode"] = "decimal"


class FactsForm(PortalForm):
    facts = forms.CharField(
        label=_("事实与理由"), widget=forms.Textarea(attrs={"rows": 8}), required=False
    )


class UploadForm(forms.Form):
    category = forms.CharField()
    file = forms.FileField(label=_("选择文件"))


FEE_KIND_LABELS = {
    FeeKind.PROPERTY: _("财产案件"),
    FeeKind.DIVORCE: _("离婚案件"),
    FeeKind.PERSONALITY: _("人格权案件"),
    FeeKind.IP: _("知识产权民事案件"),
    FeeKind.LABOUR: _("劳动争议案件"),
    FeeKind.ADMINISTRATIVE: _("其他行政案件"),
    FeeKind.ADMINISTRATIVE_SPECIAL: _("商标、专利、海事行政案件"),
    FeeKind.NON_PROPERTY: _("其他非财产案件"),
    FeeKind.EXECUTION: _("申请执行"),
    FeeKind.PRESERVATION: _("申请保全"),
    FeeKind.PAYMENT_ORDER: _("申请支付令"),
    FeeKind.PUBLIC_SUMMONS: _("申请公示催告"),
    FeeKind.ARBITRATION_REVIEW: _("撤销仲裁裁决或认定仲裁协议效力"),
    FeeKind.BANKRUPTCY: _("破产案件"),
    FeeKind.JURISDICTION_OBJECTION: _("管辖权异议不成立"),
}


class FeeForm(PortalForm):
    kind = forms.ChoiceField(label=_("案件类型"), choices=list(FEE_KIND_LABELS.items()))
    amount = forms.CharField(label=_("金额（元）"), required=False, max_length=20)
    procedure = forms.ChoiceField(
        label=_("审理程序"),
        choices=[
            (Procedure.ORDINARY, _("普通程序")),
            (Procedure.SIMPLE, _("简易程序")),
            (Procedure.SMALL_CLAIMS, _("小额诉讼程序")),
        ],
        required=False,
    )
    closing = forms.ChoiceField(
        label=_("结案方式"),
        choices=[
            (Closing.JUDGMENT, _("判决")),
            (Closing.MEDIATION, _("调解")),
            (Closing.WITHDRAWAL, _("撤诉")),
        ],
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["amount"].widget.attrs["inputmode"] = "decimal"


class PeriodForm(PortalForm):
    start = forms.DateField(label=_("起算日"), widget=forms.DateInput(attrs={"type": "date"}))
    length = forms.IntegerField(label=_("期间长度"), min_value=1, max_value=3650)
    unit = forms.ChoiceField(
        label=_("单位"),
        choices=[
            ("days", _("日")),
            ("months", _("月")),
            ("years", _("年")),
        ],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["start"].initial = date.today()
