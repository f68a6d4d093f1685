"""Console forms. They only collect input; the rules are checked by the filing actions, whose
DomainError fields are mapped back onto these forms."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from yizhan.cases.models import Cause, Procedure
from yizhan.core.models import Court
from yizhan.filing.models import AttachmentCategory, FilingKind, PartyRole
from yizhan.parties.models import PartyKind

# What a correction item may point at (the one-time list, 一次性告知).
CORRECTION_FIELDS = [
    ("parties", _("当事人信息")),
    ("cause_code", _("案由")),
    ("claims", _("诉讼请求")),
    ("claim_amount", _("标的额")),
    ("facts", _("事实与理由")),
    ("evidence", _("证据清单")),
    ("materials.complaint", _("起诉状/申请书")),
    ("materials.identity", _("身份证明")),
    ("materials.evidence", _("证据材料")),
    ("materials.power_of_attorney", _("授权委托书")),
    ("materials.legal_document", _("生效法律文书")),
    ("other", _("其他")),
]


class AcceptForm(forms.Form):
    procedure = forms.ChoiceField(label=_("适用程序"), choices=())

    def __init__(self, *args: Any, allowed: list[str], suggested: str, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"procedure": suggested})
        super().__init__(*args, **kwargs)
        field = self.fields["procedure"]
        field.choices = [(p, Procedure(p).label) for p in allowed]  # type: ignore[attr-defined]


class CorrectionItemForm(forms.Form):
    field = forms.ChoiceField(label=_("补正项目"), choices=CORRECTION_FIELDS, required=False)
    message = forms.CharField(
        label=_("补正要求"),
        required=False,
        max_length=500,
        widget=forms.TextInput(attrs={"placeholder": _("例如：请补充被告的身份证号码")}),
    )


CorrectionFormSet = forms.formset_factory(CorrectionItemForm, extra=3, max_num=30, absolute_max=30)


class RefuseForm(forms.Form):
    # Not required here: the action checks it, so the message comes from one place.
    reason = forms.CharField(
        label=_("不予受理的理由"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class ReliefDecisionForm(forms.Form):
    grant = forms.TypedChoiceField(
        label=_("审查决定"),
        choices=[("1", _("准许")), ("0", _("不准许"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
        initial="1",
    )
    reason = forms.CharField(
        label=_("理由"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class CourtSwitchForm(forms.Form):
    court = forms.IntegerField(label=_("所在法院"))


class CounterFilingForm(forms.Form):
    court = forms.ModelChoiceField(
        label=_("受诉法院"),
        queryset=Court.objects.filter(is_active=True),
        empty_label=None,
        help_text=_("选择其他法院即为跨域立案：本院窗口代收，由受诉法院审核。"),
    )
    kind = forms.ChoiceField(label=_("立案类型"), choices=FilingKind.choices)
    cause = forms.ChoiceField(label=_("案由"), required=False)
    claims = forms.CharField(
        label=_("诉讼请求（申请事项）"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    claim_amount = forms.CharField(
        label=_("标的额（元）"),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )
    facts = forms.CharField(
        label=_("事实与理由"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        causes = Cause.objects.filter(is_active=True).order_by("category", "code")
        self.fields["cause"].choices = [("", "——")] + [  # type: ignore[attr-defined]
            (c.code, f"{c.name}（{c.get_category_display()}）") for c in causes
        ]
        self.fields["court"].label_from_instance = (  # type: ignore[attr-defined]
            lambda c: f"{c.name}（{c.code}）"
        )


class PartyForm(forms.Form):
    role = forms.ChoiceField(label=_("诉讼地位"), choices=PartyRole.choices)
    kind = forms.ChoiceField(label=_("类型"), choices=PartyKind.choices)
    name = forms.CharField(label=_("姓名/名称"), required=False, max_length=100)
    id_number = forms.CharField(label=_("身份证号"), required=False, max_length=18)
    credit_code = forms.CharField(label=_("统一社会信用代码"), required=False, max_length=18)
    mobile = forms.CharField(label=_("手机号"), required=False, max_length=11)
    address = forms.CharField(label=_("住所"), required=False, max_length=200)
    legal_representative = forms.CharField(label=_("法定代表人"), required=False, max_length=60)


PartyFormSet = forms.formset_factory(PartyForm, extra=0, min_num=0, max_num=20, absolute_max=20)


class EvidenceForm(forms.Form):
    name = forms.CharField(label=_("证据名称"), required=False, max_length=200)
    source = forms.CharField(label=_("来源"), required=False, max_length=200)
    purpose = forms.CharField(label=_("证明目的"), required=False, max_length=300)


EvidenceFormSet = forms.formset_factory(EvidenceForm, extra=2, max_num=50, absolute_max=50)


class UploadForm(forms.Form):
    category = forms.ChoiceField(label=_("材料类别"), choices=AttachmentCategory.choices)
    file = forms.FileField(
        label=_("扫描件（PDF、JPEG、PNG）"),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,image/jpeg,image/png"}),
    )
