"""Forms of the per-case trial workflow pages (审判执行). They only parse input; every rule
(dates against docketing, the extension window, closure methods per case type …) is checked by
the trial actions, whose DomainError the page shows inline."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from yizhan.cases.models import AppealOutcome, Case, ClosureMethod
from yizhan.trial.closure import ENFORCEMENT_METHODS, allowed_methods
from yizhan.trial.models import (
    AppealAgainst,
    CaseDocType,
    CaseDocument,
    MeasureKind,
    ServiceMethod,
    SuspensionKind,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _date(label: Any, *, required: bool = True, help_text: Any = "") -> forms.DateField:
    return forms.DateField(label=label, required=required, widget=DATE, help_text=help_text)


def party_choices(case: Case) -> list[tuple[int, str]]:
    return [
        (cp.party_id, f"{cp.get_role_display()}：{cp.party.name}")
        for cp in case.case_parties.select_related("party").order_by("id")
    ]


def document_choices(case: Case, *, effective_only: bool = False) -> list[tuple[str, str]]:
    docs = CaseDocument.objects.filter(case=case)
    if effective_only:
        docs = docs.filter(is_effective=True)
    return [("", "—")] + [
        (str(d.pk), f"{d.get_doc_type_display()}：{d.title}（{d.decided_on:%Y-%m-%d}）")
        for d in docs
    ]


class _Choices:
    fields: dict[str, forms.Field]

    def _choices(self, name: str) -> forms.ChoiceField:
        return cast(forms.ChoiceField, self.fields[name])


class SuspensionForm(forms.Form):
    kind = forms.ChoiceField(label=_("扣除事由"), choices=SuspensionKind.choices)
    start_on = _date(_("起始日"))
    end_on = _date(_("结束日"), required=False, help_text=_("尚未结束的可不填，结束时再登记。"))
    reason = forms.CharField(label=_("说明"), required=False, max_length=300)


class EndSuspensionForm(forms.Form):
    end_on = _date(_("结束日"))


class ExtensionForm(forms.Form):
    months = forms.IntegerField(label=_("延长月数"), required=False, min_value=0, max_value=12)
    days = forms.IntegerField(label=_("延长日数"), required=False, min_value=0, max_value=90)
    reason = forms.CharField(label=_("理由"), widget=forms.Textarea(attrs={"rows": 3}))


class ConversionForm(forms.Form):
    reason = forms.CharField(label=_("转换理由"), max_length=300)
    converted_on = _date(_("裁定转换日期"), required=False, help_text=_("不填为今天。"))


class ServiceForm(_Choices, forms.Form):
    party_id = forms.TypedChoiceField(label=_("受送达人"), coerce=int)
    document_id = forms.TypedChoiceField(
        label=_("本案文书"), coerce=int, required=False, empty_value=None
    )
    document = forms.CharField(
        label=_("其他文书名称"),
        required=False,
        max_length=100,
        help_text=_("未选本案文书时填写，如“起诉状副本、应诉通知书”。"),
    )
    method = forms.ChoiceField(label=_("送达方式"), choices=ServiceMethod.choices)
    sent_on = _date(_("寄出/公告日期"), required=False, help_text=_("邮寄、公告送达必填。"))
    served_on = _date(
        _("送达日期"), required=False, help_text=_("公告送达可不填：公告之日起经过三十日视为送达。")
    )

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._choices("party_id").choices = party_choices(case)
        self._choices("document_id").choices = document_choices(case)


class UploadDocumentForm(forms.Form):
    doc_type = forms.ChoiceField(label=_("文书类型"), choices=CaseDocType.choices)
    title = forms.CharField(label=_("标题"), max_length=200)
    decided_on = _date(_("裁判日期"))
    file = forms.FileField(label=_("PDF 文件"))


class GenerateDocumentForm(forms.Form):
    doc_type = forms.ChoiceField(label=_("文书类型"), choices=CaseDocType.choices)
    title = forms.CharField(label=_("标题"), max_length=200)
    decided_on = _date(_("裁判日期"))
    text = forms.CharField(label=_("正文"), widget=forms.Textarea(attrs={"rows": 8}))


class EffectiveForm(forms.Form):
    effective_on = _date(_("生效日期"))


class CloseForm(_Choices, forms.Form):
    method = forms.ChoiceField(label=_("结案方式"))
    decided_on = _date(
        _("宣判/裁定日期"), required=False, help_text=_("判决、裁定以宣判之日为结案日期。")
    )
    document_id = forms.TypedChoiceField(
        label=_("结案文书"), coerce=int, required=False, empty_value=None
    )
    pronounced_in_court = forms.BooleanField(label=_("当庭宣判"), required=False)

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        allowed = allowed_methods(case)
        self._choices("method").choices = [
            (v, lbl) for v, lbl in ClosureMethod.choices if v in allowed
        ]
        self._choices("document_id").choices = document_choices(case)


class FeeSharesForm(forms.Form):
    """One optional percentage per case party; all blank → the statutory default."""

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.rows = list(case.case_parties.select_related("party").order_by("id"))
        for cp in self.rows:
            self.fields[f"share_{cp.pk}"] = forms.DecimalField(
                label=f"{cp.get_role_display()}：{cp.party.name}",
                required=False,
                min_value=Decimal(0),
                max_value=Decimal(100),
                decimal_places=2,
            )

    def shares(self) -> list[tuple[int, Decimal]] | None:
        out = [
            (cp.pk, self.cleaned_data[f"share_{cp.pk}"])
            for cp in self.rows
            if self.cleaned_data.get(f"share_{cp.pk}") is not None
        ]
        return out or None


class AppealForm(_Choices, forms.Form):
    appellant_party_id = forms.TypedChoiceField(label=_("上诉人"), coerce=int)
    against = forms.ChoiceField(label=_("上诉对象"), choices=AppealAgainst.choices)
    document_id = forms.TypedChoiceField(
        label=_("原审文书"), coerce=int, required=False, empty_value=None
    )
    filed_on = _date(
        _("提交上诉状日期"), required=False, help_text=_("邮寄的以交邮日期为准；不填为今天。")
    )
    appealed_amount = forms.DecimalField(
        label=_("上诉请求数额（元）"),
        required=False,
        min_value=Decimal("0.01"),
        max_digits=14,
        decimal_places=2,
        help_text=_("不服一审判决部分的数额，按此交纳上诉费；不填按一审诉讼请求数额。"),
    )

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._choices("appellant_party_id").choices = party_choices(case)
        self._choices("document_id").choices = document_choices(case)


class AnswerForm(forms.Form):
    answered_on = _date(_("收到答辩状日期"))


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(label=_("二审结果"), choices=AppealOutcome.choices)
    decided_on = _date(_("宣判/裁定日期"))
    pronounced_in_court = forms.BooleanField(label=_("当庭宣判"), required=False)


class EnforcementApplyForm(_Choices, forms.Form):
    applicant_party_id = forms.TypedChoiceField(label=_("申请执行人"), coerce=int)
    amount_due = forms.DecimalField(
        label=_("申请执行标的额（元）"), max_digits=16, decimal_places=2
    )
    applied_on = _date(_("申请日期"), required=False, help_text=_("不填为今天。"))

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._choices("applicant_party_id").choices = party_choices(case)


class MeasureForm(forms.Form):
    kind = forms.ChoiceField(label=_("执行措施"), choices=MeasureKind.choices)
    taken_on = _date(_("采取日期"))
    amount = forms.DecimalField(
        label=_("到位金额（元）"), required=False, max_digits=16, decimal_places=2
    )
    note = forms.CharField(label=_("说明"), required=False, max_length=300)


class EnforcementCloseForm(forms.Form):
    method = forms.ChoiceField(
        label=_("结案方式"),
        choices=[(v, lbl) for v, lbl in ClosureMethod.choices if v in ENFORCEMENT_METHODS],
    )
    closed_on = _date(_("结案日期"))


__all__ = [
    "AnswerForm",
    "AppealForm",
    "CloseForm",
    "ConversionForm",
    "EffectiveForm",
    "EndSuspensionForm",
    "EnforcementApplyForm",
    "EnforcementCloseForm",
    "ExtensionForm",
    "FeeSharesForm",
    "GenerateDocumentForm",
    "MeasureForm",
    "OutcomeForm",
    "ServiceForm",
    "SuspensionForm",
    "UploadDocumentForm",
]
