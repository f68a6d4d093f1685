"""Per-case trial workflow pages of the staff console (审判执行, issue #6 part A):
审限扣除, 延长审限, 简转普, 送达, 文书与结案 (TL2000 Art 10), 诉讼费用结算, 文书生效, 上诉 and
二审结果, 申请执行, 执行措施与执行结案.

Views read the case through the trial gate (``access_trial_case``: 404 for another court's
staff, the console's 403 for litigants), parse a form and call ``yizhan.trial.actions``; they
never write models. A POST first passes the write gate (403 for a judge outside the panel)
before anything is parsed. A DomainError other than 401/403/404 is shown inline on the page
with its status (409 / 422) and nothing changes; success redirects back (PRG) with a message.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from yizhan.accounts.models import Role
from yizhan.accounts.permissions import has_role
from yizhan.cases.models import (
    AppealOutcome,
    Case,
    CaseRelation,
    CaseStatus,
    ClosureMethod,
    Procedure,
)
from yizhan.console.access import staff_view
from yizhan.core.calendar import period_from
from yizhan.core.errors import CommonError, DomainError
from yizhan.core.time import today
from yizhan.core.uploads import blob_response
from yizhan.trial import actions
from yizhan.trial.appeals import appeal_deadline
from yizhan.trial.closure import (
    appeal_effect,
    closing_date,
    fee_notice,
    first_instance_appeal,
    served_on_last_party,
)
from yizhan.trial.deadlines import compute_limit, next_grant
from yizhan.trial.models import (
    AppealRecord,
    CaseDocType,
    CaseDocument,
    EnforcementMeasure,
    Extension,
    ExtensionStatus,
    FeeSettlement,
    MeasureKind,
    ProcedureConversion,
    ServiceRecord,
    Suspension,
)
from yizhan.trial.permissions import access_trial_case, is_supervisor, on_panel

from .forms_workflow import (
    AnswerForm,
    AppealForm,
    CloseForm,
    ConversionForm,
    EffectiveForm,
    EndSuspensionForm,
    EnforcementApplyForm,
    EnforcementCloseForm,
    ExtensionForm,
    FeeSharesForm,
    GenerateDocumentForm,
    MeasureForm,
    OutcomeForm,
    ServiceForm,
    SuspensionForm,
    UploadDocumentForm,
)

DENIED = (401, 403, 404)
T = "console/trial/workflow/"

# Labels for the ``fields`` of the trial actions' DomainErrors (shown under the message).
FIELD_LABELS = {
    "kind": "类别",
    "start_on": "起始日",
    "end_on": "结束日",
    "reason": "理由",
    "months": "延长期间",
    "limit_due": "审限届满日",
    "latest": "最迟申请日",
    "method": "方式",
    "party_id": "受送达人",
    "document_id": "文书",
    "document": "文书",
    "served_on": "送达日期",
    "sent_on": "寄出/公告日期",
    "decided_on": "宣判/裁定日期",
    "closed_on": "结案日期",
    "effective_on": "生效日期",
    "missing_parties": "尚未送达",
    "shares": "负担比例",
    "appellant_party_id": "上诉人",
    "against": "上诉对象",
    "deadline": "期限届满日",
    "filed_on": "提交日期",
    "applicant_party_id": "申请执行人",
    "amount_due": "申请执行标的额",
    "taken_on": "采取日期",
    "amount": "金额",
    "outcome": "二审结果",
    "file": "文件",
    "title": "标题",
    "doc_type": "文书类型",
}

TL2000_ART10 = [
    "判决、裁定结案的，以宣判之日为结案日期；",
    "调解书结案的，以调解书送达最后一方当事人之日为结案日期；",
    "留置送达的，以裁判文书留在受送达人住所之日为送达日期；",
    "公告送达的，以公告刊登之日为送达日期；",
    "邮寄送达的，以交邮日期为送达日期；",
    "通过有关单位转交送达的，以送达回证上当事人签收之日为送达日期。",
]


# --- shared reads ---------------------------------------------------------------------------


def can_act(user: Any, case: Case) -> bool:
    """A seat on the case (承办法官 / panel) or supervision: who may use the forms."""
    return bool(
        getattr(user, "is_authenticated", False)
        and (on_panel(user, case) or is_supervisor(user, case.court_id))
    )


def limit_summary(case: Case) -> dict[str, Any]:
    """The time-limit figures the statistics read (Case.limit_due / suspended_days /
    extended), the days left and what is running now."""
    on = today()
    pending = case.status == CaseStatus.PENDING
    days_left = (case.limit_due - on).days if (pending and case.limit_due) else None
    open_suspension = Suspension.objects.filter(case=case, end_on__isnull=True).first()
    pending_ext = Extension.objects.filter(case=case, status=ExtensionStatus.PENDING).first()
    if days_left is None:
        level = "none"
    elif open_suspension is not None:
        level = "suspended"
    elif days_left < 0:
        level = "overdue"
    elif days_left <= 15:
        level = "urgent"
    else:
        level = "ok"
    fig = compute_limit(case) if pending else None
    return {
        "limit_due": case.limit_due,
        "suspended_days": case.suspended_days,
        "extended": case.extended,
        "days_left": days_left,
        "overdue_days": -days_left if days_left is not None and days_left < 0 else 0,
        "level": level,
        "open_suspension": open_suspension,
        "pending_extension": pending_ext,
        "spec": fig.spec if fig else None,
        "base_end": fig.base_end if fig else None,
        "pending": pending,
        "closed_on": case.closed_on,
        "closed_within_limit": case.closed_within_limit,
        "closure_label": ClosureMethod(case.closure_method).label if case.closure_method else "",
    }


def _is_enforcement(case: Case) -> bool:
    return case.type_code.startswith("执")


def _is_first_instance(case: Case) -> bool:
    return not (
        case.type_code.endswith("终") or _is_enforcement(case) or case.type_code.startswith("破")
    )


def workflow_links(case: Case) -> list[dict[str, str]]:
    """The workflow pages that apply to the case, in the order of the procedure."""
    pending = case.status == CaseStatus.PENDING
    pk = case.pk
    links: list[tuple[str, str, str]] = [("suspensions", "wf_suspensions", _("审限扣除"))]
    if pending:
        links.append(("extension", "wf_extension", _("延长审限")))
        if case.procedure in {Procedure.SIMPLE, Procedure.SMALL_CLAIMS}:
            links.append(("conversion", "wf_conversion", _("简易程序转普通程序")))
        links.append(("hearing", "hearing_schedule", _("排期开庭")))
    links.append(("service", "wf_service", _("送达记录")))
    if _is_enforcement(case):
        links.append(("enforcement", "wf_enforcement", _("执行措施与执行结案")))
    else:
        links.append(("closure", "wf_closure", _("文书、结案与生效")))
    if not pending and not _is_enforcement(case):
        links.append(("fees", "wf_fees", _("诉讼费用结算")))
    if not pending and _is_first_instance(case):
        links.append(("appeal", "wf_appeal", _("上诉登记")))
    if case.relation == CaseRelation.APPEAL:
        links.append(("outcome", "wf_outcome", _("二审结果")))
    if not pending and not _is_enforcement(case):
        links.append(("enforcement_apply", "wf_enforcement_apply", _("申请执行立案")))
    return [
        {"key": k, "url": reverse(f"console_trial:{name}", args=[pk]), "label": str(label)}
        for k, name, label in links
    ]


def _explain(e: DomainError, case: Case) -> list[tuple[str, str]]:
    rows = []
    for key, value in (e.fields or {}).items():
        if key == "missing_parties" and isinstance(value, list):
            names = dict(case.case_parties.values_list("party_id", "party__name"))
            text = "、".join(names.get(v, str(v)) for v in value)
        elif key == "method" and value in ClosureMethod.values:
            text = str(ClosureMethod(value).label)
        elif isinstance(value, list | tuple):
            text = "、".join(str(v) for v in value)
        else:
            text = str(value)
        rows.append((FIELD_LABELS.get(key, key), text))
    return rows


def _page(
    request: HttpRequest,
    case: Case,
    template: str,
    ctx: dict[str, Any],
    *,
    current: str,
    status: int = 200,
) -> HttpResponse:
    return render(
        request,
        T + template,
        {
            "console": request.console,  # type: ignore[attr-defined]
            "case": case,
            "limits": limit_summary(case),
            "links": workflow_links(case),
            "current": current,
            "can_act": can_act(request.user, case),
            "today": today(),
            "error": None,
            "error_rows": [],
            "error_form": None,
            **ctx,
        },
        status=status,
    )


def _failed(e: DomainError, case: Case, form_key: str) -> dict[str, Any]:
    """Inline-error context; 401/403/404 go to the console's error page instead."""
    if e.status in DENIED:
        raise e
    return {"error": e, "error_rows": _explain(e, case), "error_form": form_key}


def _status(e: DomainError) -> int:
    return e.status if e.status >= 400 else 422


def _read(request: HttpRequest, case_id: int) -> Case:
    return access_trial_case(request.user, case_id)


def _write_gate(request: HttpRequest, case_id: int) -> Case:
    """403/404 before anything is parsed (the action checks again inside its transaction)."""
    return access_trial_case(request.user, case_id, for_write=True, open_only=False)


def _back(name: str, case_id: int, anchor: str = "") -> HttpResponse:
    url = reverse(f"console_trial:{name}", args=[case_id])
    return redirect(url + (f"#{anchor}" if anchor else ""))


def _refreshed(case: Case) -> Case:
    case.refresh_from_db()
    return case


# --- 审限扣除 (suspensions) ------------------------------------------------------------------


def _suspensions_ctx(case: Case, **extra: Any) -> dict[str, Any]:
    rows = []
    for s in Suspension.objects.filter(case=case).select_related("created_by"):
        end = s.end_on or today()
        rows.append({"s": s, "days": (end - s.start_on).days + 1, "running": s.end_on is None})
    return {
        "rows": rows,
        "form": SuspensionForm(initial={"start_on": today()}),
        "end_form": EndSuspensionForm(initial={"end_on": today()}),
        "end_target": None,
        **extra,
    }


@staff_view
@require_http_methods(["GET", "POST"])
def suspensions(request: HttpRequest, case_id: int) -> HttpResponse:
    """审限扣除: add a deduction period (CPLI Art 243; TL2000 Art 9)."""
    if request.method == "GET":
        case = _read(request, case_id)
        return _page(
            request, case, "suspensions.html", _suspensions_ctx(case), current="suspensions"
        )
    case = _write_gate(request, case_id)
    form = SuspensionForm(request.POST)
    if not form.is_valid():
        ctx = _suspensions_ctx(case, form=form)
        return _page(request, case, "suspensions.html", ctx, current="suspensions", status=422)
    cd = form.cleaned_data
    try:
        s = actions.start_suspension(
            case.pk,
            kind=cd["kind"],
            start_on=cd["start_on"],
            end_on=cd["end_on"],
            reason=cd["reason"],
            acting_user=request.user,
        )
    except DomainError as e:
        ctx = _suspensions_ctx(case, form=form, **_failed(e, case, "add"))
        return _page(
            request, case, "suspensions.html", ctx, current="suspensions", status=_status(e)
        )
    s.case.refresh_from_db()
    messages.success(
        request,
        _("已登记扣除审限（%(kind)s），审限届满日 %(due)s。")
        % {"kind": s.get_kind_display(), "due": f"{s.case.limit_due:%Y-%m-%d}"},
    )
    return _back("wf_suspensions", case.pk)


@staff_view
@require_POST
def suspension_end(request: HttpRequest, case_id: int, suspension_id: int) -> HttpResponse:
    case = _write_gate(request, case_id)
    if not Suspension.objects.filter(pk=suspension_id, case=case).exists():
        raise CommonError.NOT_FOUND.exc()
    form = EndSuspensionForm(request.POST)
    if not form.is_valid():
        ctx = _suspensions_ctx(case, end_form=form, end_target=suspension_id)
        return _page(request, case, "suspensions.html", ctx, current="suspensions", status=422)
    try:
        actions.end_suspension(
            suspension_id, end_on=form.cleaned_data["end_on"], acting_user=request.user
        )
    except DomainError as e:
        ctx = _suspensions_ctx(
            case, end_form=form, end_target=suspension_id, **_failed(e, case, "end")
        )
        return _page(
            request, case, "suspensions.html", ctx, current="suspensions", status=_status(e)
        )
    case = _refreshed(case)
    messages.success(
        request,
        _("扣除期间已结束，审限恢复计算，届满日 %(due)s。") % {"due": f"{case.limit_due:%Y-%m-%d}"},
    )
    return _back("wf_suspensions", case.pk)


# --- 延长审限 (extension request, EXT2019 Art 1) ----------------------------------------------


def _extension_ctx(case: Case, **extra: Any) -> dict[str, Any]:
    from django.conf import settings

    request_days = int(getattr(settings, "YIZHAN_EXTENSION_REQUEST_DAYS", 15))
    decision_days = int(getattr(settings, "YIZHAN_EXTENSION_DECISION_DAYS", 5))
    fig = compute_limit(case) if case.status == CaseStatus.PENDING else None
    grant = next_grant(case) if fig else None
    timing = None
    if fig is not None:
        from datetime import timedelta

        latest = fig.due - timedelta(days=request_days)
        timing = {
            "due": fig.due,
            "latest_request": latest,
            "decision_by": fig.due - timedelta(days=decision_days),
            "days_to_latest": (latest - today()).days,
            "too_late": (fig.due - today()).days < request_days,
            "request_days": request_days,
            "decision_days": decision_days,
        }
    return {
        "fig": fig,
        "grant": grant,
        "timing": timing,
        "history": list(
            Extension.objects.filter(case=case)
            .select_related("requested_by", "decided_by")
            .order_by("requested_on", "id")
        ),
        "form": ExtensionForm(
            initial={"months": grant.months, "days": grant.days} if grant else None
        ),
        **extra,
    }


@staff_view
@require_http_methods(["GET", "POST"])
def extension(request: HttpRequest, case_id: int) -> HttpResponse:
    """延长审限 requested by the judge ≥ 15 days before expiry (EXT2019 Art 1)."""
    if request.method == "GET":
        case = _read(request, case_id)
        return _page(request, case, "extension.html", _extension_ctx(case), current="extension")
    case = _write_gate(request, case_id)
    form = ExtensionForm(request.POST)
    if not form.is_valid():
        ctx = _extension_ctx(case, form=form)
        return _page(request, case, "extension.html", ctx, current="extension", status=422)
    cd = form.cleaned_data
    try:
        ext = actions.request_extension(
            case.pk,
            reason=cd["reason"],
            months=cd["months"],
            days=cd["days"],
            acting_user=request.user,
        )
    except DomainError as e:
        ctx = _extension_ctx(case, form=form, **_failed(e, case, "request"))
        return _page(request, case, "extension.html", ctx, current="extension", status=_status(e))
    who = _("院长") if ext.level == "president" else _("上级人民法院")
    messages.success(
        request,
        _("已申请延长审限 %(m)s 个月 %(d)s 日，报%(who)s审批。")
        % {"m": ext.months, "d": ext.days, "who": who},
    )
    return _back("wf_extension", case.pk)


# --- 简易程序转普通程序 -----------------------------------------------------------------------


def _conversion_ctx(case: Case, **extra: Any) -> dict[str, Any]:
    return {
        "convertible": case.procedure in {Procedure.SIMPLE, Procedure.SMALL_CLAIMS},
        "history": list(ProcedureConversion.objects.filter(case=case).select_related("by")),
        "lapsing": Extension.objects.filter(case=case, status=ExtensionStatus.APPROVED).exists(),
        "form": ConversionForm(),
        **extra,
    }


@staff_view
@require_http_methods(["GET", "POST"])
def conversion(request: HttpRequest, case_id: int) -> HttpResponse:
    """简易程序转普通程序: the limit counts on from docketing (TL2000 Art 8; CPLI Art 258)."""
    if request.method == "GET":
        case = _read(request, case_id)
        return _page(request, case, "conversion.html", _conversion_ctx(case), current="conversion")
    case = _write_gate(request, case_id)
    form = ConversionForm(request.POST)
    if not form.is_valid():
        ctx = _conversion_ctx(case, form=form)
        return _page(request, case, "conversion.html", ctx, current="conversion", status=422)
    try:
        actions.convert_procedure(
            case.pk,
            reason=form.cleaned_data["reason"],
            converted_on=form.cleaned_data["converted_on"],
            acting_user=request.user,
        )
    except DomainError as e:
        ctx = _conversion_ctx(case, form=form, **_failed(e, case, "convert"))
        return _page(request, case, "conversion.html", ctx, current="conversion", status=_status(e))
    case = _refreshed(case)
    messages.success(
        request,
        _("已转为普通程序，审限自立案次日起连续计算，届满日 %(due)s。")
        % {"due": f"{case.limit_due:%Y-%m-%d}"},
    )
    return _back("wf_conversion", case.pk)


# --- 送达 (service records) -------------------------------------------------------------------


def _service_ctx(case: Case, **extra: Any) -> dict[str, Any]:
    return {
        "records": list(
            ServiceRecord.objects.filter(case=case)
            .select_related("recorded_by", "case_document")
            .order_by("served_on", "id")
        ),
        "form": ServiceForm(case=case),
        **extra,
    }


@staff_view
@require_http_methods(["GET", "POST"])
def service(request: HttpRequest, case_id: int) -> HttpResponse:
    """送达记录: document, party, method, dates (CPL23 Art 95 for 公告)."""
    if request.method == "GET":
        case = _read(request, case_id)
        return _page(request, case, "service.html", _service_ctx(case), current="service")
    case = _write_gate(request, case_id)
    form = ServiceForm(request.POST, case=case)
    if not form.is_valid():
        ctx = _service_ctx(case, form=form)
        return _page(request, case, "service.html", ctx, current="service", status=422)
    cd = form.cleaned_data
    try:
        rec = actions.record_service(
            case.pk,
            party_id=cd["party_id"],
            method=cd["method"],
            served_on=cd["served_on"],
            sent_on=cd["sent_on"],
            document_id=cd["document_id"],
            document=cd["document"],
            acting_user=request.user,
        )
    except DomainError as e:
        ctx = _service_ctx(case, form=form, **_failed(e, case, "service"))
        return _page(request, case, "service.html", ctx, current="service", status=_status(e))
    messages.success(
        request,
        _("已登记送达：%(doc)s → %(who)s（%(method)s，%(on)s）。")
        % {
            "doc": rec.document,
            "who": rec.recipient,
            "method": rec.get_method_display(),
            "on": f"{rec.served_on:%Y-%m-%d}",
        },
    )
    return _back("wf_service", case.pk)


# --- 文书、结案与生效 (documents, closure TL2000 Art 10, effectiveness) ------------------------


def _mediation_preview(case: Case) -> dict[str, Any] | None:
    doc = (
        CaseDocument.objects.filter(case=case, doc_type=CaseDocType.MEDIATION)
        .order_by("-id")
        .first()
    )
    if doc is None:
        return None
    try:
        return {"doc": doc, "date": served_on_last_party(case, doc), "missing": []}
    except DomainError as e:
        names = dict(case.case_parties.values_list("party_id", "party__name"))
        missing = [names.get(p, str(p)) for p in e.fields.get("missing_parties", [])]
        return {"doc": doc, "date": None, "missing": missing}


def _closure_ctx(case: Case, **extra: Any) -> dict[str, Any]:
    docs = list(CaseDocument.objects.filter(case=case).select_related("created_by"))
    return {
        "documents": docs,
        "is_enforcement": _is_enforcement(case),
        "rules": TL2000_ART10,
        "mediation": _mediation_preview(case),
        "form": CloseForm(case=case),
        "upload_form": UploadDocumentForm(initial={"doc_type": "judgment", "decided_on": today()}),
        "generate_form": GenerateDocumentForm(
            initial={"doc_type": "judgment", "decided_on": today(), "title": _("民事判决书")}
        ),
        "effective_form": EffectiveForm(),
        "effective_target": None,
        **extra,
    }


def _closure_page(
    request: HttpRequest, case: Case, status: int = 200, **extra: Any
) -> HttpResponse:
    current = "enforcement" if _is_enforcement(case) else "closure"
    return _page(
        request, case, "closure.html", _closure_ctx(case, **extra), current=current, status=status
    )


@staff_view
@require_http_methods(["GET", "POST"])
def closure(request: HttpRequest, case_id: int) -> HttpResponse:
    """结案: method, the closing date rules (TL2000 Art 10), 当庭宣判."""
    if request.method == "GET":
        return _closure_page(request, _read(request, case_id))
    case = _write_gate(request, case_id)
    if _is_enforcement(case):  # 执行结案 has its own checks (close_enforcement)
        e = CommonError.WRONG_STATE.exc(message=_("执行案件请在“执行措施与执行结案”页面结案。"))
        return _closure_page(request, case, 409, **_failed(e, case, "close"))
    form = CloseForm(request.POST, case=case)
    if not form.is_valid():
        return _closure_page(request, case, 422, form=form, error_form="close")
    cd = form.cleaned_data
    try:
        closed = actions.close_case(
            case.pk,
            method=cd["method"],
            decided_on=cd["decided_on"],
            document_id=cd["document_id"],
            pronounced_in_court=cd["pronounced_in_court"],
            acting_user=request.user,
        )
    except DomainError as e:
        return _closure_page(request, case, _status(e), form=form, **_failed(e, case, "close"))
    messages.success(
        request,
        _("已结案：%(method)s，结案日期 %(on)s。")
        % {
            "method": ClosureMethod(closed.closure_method).label,
            "on": f"{closed.closed_on:%Y-%m-%d}",
        },
    )
    return _back("wf_closure", case.pk)


@staff_view
@require_GET
def closure_preview(request: HttpRequest, case_id: int) -> HttpResponse:
    """htmx: the closing date the chosen method and inputs would give (TL2000 Art 10)."""
    case = _read(request, case_id)
    method = request.GET.get("method", "")
    doc = None
    raw_doc = request.GET.get("document_id", "")
    if raw_doc.isdigit():
        doc = CaseDocument.objects.filter(case=case, pk=int(raw_doc)).first()
    decided_on: date | None = None
    try:
        decided_on = date.fromisoformat(request.GET.get("decided_on", ""))
    except ValueError:
        decided_on = None
    result: dict[str, Any] = {"date": None, "error": None, "error_rows": []}
    if method in ClosureMethod.values:
        try:
            result["date"] = closing_date(case, method, decided_on=decided_on, document=doc)
        except DomainError as e:
            result["error"] = e
            result["error_rows"] = _explain(e, case)
    return render(request, T + "_closing_preview.html", {"case": case, "p": result})


def _doc_action(
    request: HttpRequest, case: Case, form: Any, key: str, call: Any
) -> HttpResponse | CaseDocument:
    forms_key = {"upload": "upload_form", "generate": "generate_form"}[key]
    if not form.is_valid():
        return _closure_page(request, case, 422, **{forms_key: form, "error_form": key})
    try:
        return call(form.cleaned_data)  # type: ignore[no-any-return]
    except DomainError as e:
        return _closure_page(
            request, case, _status(e), **{forms_key: form}, **_failed(e, case, key)
        )


@staff_view
@require_POST
def document_upload(request: HttpRequest, case_id: int) -> HttpResponse:
    """裁判文书上传 (PDF only)."""
    case = _write_gate(request, case_id)
    form = UploadDocumentForm(request.POST, request.FILES)
    out = _doc_action(
        request,
        case,
        form,
        "upload",
        lambda cd: actions.upload_document(
            case.pk,
            doc_type=cd["doc_type"],
            title=cd["title"],
            decided_on=cd["decided_on"],
            chunks=cd["file"].chunks(),
            acting_user=request.user,
        ),
    )
    if isinstance(out, HttpResponse):
        return out
    messages.success(request, _("已上传文书：%(title)s。") % {"title": out.title})
    return _back("wf_closure", case.pk, "documents")


@staff_view
@require_POST
def document_generate(request: HttpRequest, case_id: int) -> HttpResponse:
    """裁判文书 generated from the simple template (PDF)."""
    case = _write_gate(request, case_id)
    form = GenerateDocumentForm(request.POST)
    out = _doc_action(
        request,
        case,
        form,
        "generate",
        lambda cd: actions.generate_document(
            case.pk,
            doc_type=cd["doc_type"],
            title=cd["title"],
            text=cd["text"],
            decided_on=cd["decided_on"],
            acting_user=request.user,
        ),
    )
    if isinstance(out, HttpResponse):
        return out
    messages.success(request, _("已生成文书：%(title)s。") % {"title": out.title})
    return _back("wf_closure", case.pk, "documents")


@staff_view
@require_POST
def document_effective(request: HttpRequest, case_id: int, document_id: int) -> HttpResponse:
    """文书生效: hands the document to publication, starts the refund period (FEE Art 53)."""
    case = _write_gate(request, case_id)
    if not CaseDocument.objects.filter(pk=document_id, case=case).exists():
        raise CommonError.NOT_FOUND.exc()
    form = EffectiveForm(request.POST)
    extra = {"effective_form": form, "effective_target": document_id}
    if not form.is_valid():
        return _closure_page(request, case, 422, error_form="effective", **extra)
    try:
        doc = actions.mark_effective(
            document_id, effective_on=form.cleaned_data["effective_on"], acting_user=request.user
        )
    except DomainError as e:
        return _closure_page(request, case, _status(e), **extra, **_failed(e, case, "effective"))
    messages.success(
        request,
        _("%(title)s 于 %(on)s 发生法律效力。")
        % {"title": doc.title, "on": f"{doc.effective_on:%Y-%m-%d}"},
    )
    return _back("wf_closure", case.pk, "documents")


@staff_view  # type: ignore[arg-type]  # a FileResponse (streaming)
@require_GET
def document_file(request: HttpRequest, case_id: int, document_id: int) -> FileResponse:
    case = _read(request, case_id)
    doc = CaseDocument.objects.filter(pk=document_id, case=case).first()
    if doc is None:
        raise CommonError.NOT_FOUND.exc()
    return blob_response(doc.sha256, "application/pdf", suffix=".pdf")


# --- 诉讼费用结算 -------------------------------------------------------------------------------


def _fees_ctx(case: Case, **extra: Any) -> dict[str, Any]:
    settlement = FeeSettlement.objects.filter(case=case).select_related("settled_by").first()
    # A retrial after remand has no notice of its own: it settles the first filing's (发回重审
    # 不另行交纳案件受理费), which is shown with a note.
    notice, origin = fee_notice(case)
    # An appealed first-instance decision: settled once the second instance decided, by its
    # decision (FEE Arts 29, 30); an appealed dismissal has its own hint (FEE Art 27 ¶2).
    second = first_instance_appeal(case) if case.closure_method != ClosureMethod.DISMISSAL else None
    effect = appeal_effect(second) if second is not None else None
    return {
        "notice": notice,
        "notice_origin": origin,
        "appeal_pending": second if effect == "pending" else None,
        "appeal_changed": second if effect == "changed" else None,
        "settlement": settlement,
        "closed": case.status == CaseStatus.CLOSED,
        "mediated": case.closure_method == ClosureMethod.MEDIATION,
        "form": FeeSharesForm(case=case),
        **extra,
    }


@staff_view
@require_http_methods(["GET", "POST"])
def fees(request: HttpRequest, case_id: int) -> HttpResponse:
    """诉讼费用结算 (FEE Arts 15, 29, 34, 53)."""
    if request.method == "GET":
        case = _read(request, case_id)
        return _page(request, case, "fees.html", _fees_ctx(case), current="fees")
    case = _write_gate(request, case_id)
    form = FeeSharesForm(request.POST, case=case)
    if not form.is_valid():
        return _page(
            request, case, "fees.html", _fees_ctx(case, form=form), current="fees", status=422
        )
    try:
        s = actions.settle_fees(case.pk, shares=form.shares(), acting_user=request.user)
    except DomainError as e:
        ctx = _fees_ctx(case, form=form, **_failed(e, case, "settle"))
        return _page(request, case, "fees.html", ctx, current="fees", status=_status(e))
    messages.success(
        request,
        _("已结算诉讼费用：受理费 %(fee)s 元，应退 %(refund)s 元。")
        % {"fee": s.final_fee, "refund": s.refund_amount},
    )
    return _back("wf_fees", case.pk)


# --- 上诉 (first instance) and 二审结果 (second instance) --------------------------------------


def _appeal_ctx(case: Case, **extra: Any) -> dict[str, Any]:
    periods = []
    for rec in (
        ServiceRecord.objects.filter(
            case=case,
            case_document__doc_type__in=[CaseDocType.JUDGMENT, CaseDocType.RULING],
            party__isnull=False,
        )
        .select_related("case_document", "party")
        .order_by("served_on", "id")
    ):
        assert rec.case_document is not None
        against = rec.case_document.doc_type
        periods.append(
            {
                "party": rec.party,
                "doc": rec.case_document,
                "served_on": rec.served_on,
                "days": 15 if against == CaseDocType.JUDGMENT else 10,
                "deadline": appeal_deadline(rec.served_on, against),
            }
        )
    return {
        "appealable": case.status == CaseStatus.CLOSED and _is_first_instance(case),
        "periods": periods,
        "appeals": list(
            AppealRecord.objects.filter(first_case=case)
            .select_related("second_case", "appellant", "document")
            .order_by("id")
        ),
        "form": AppealForm(case=case),
        "answer_form": AnswerForm(initial={"answered_on": today()}),
        "answer_target": None,
        **extra,
    }


@staff_view
@require_http_methods(["GET", "POST"])
def appeal(request: HttpRequest, case_id: int) -> HttpResponse:
    """上诉登记 (CPL23 Arts 171, 173): opens or joins the 民终 case at the parent court."""
    if request.method == "GET":
        case = _read(request, case_id)
        return _page(request, case, "appeal.html", _appeal_ctx(case), current="appeal")
    case = _write_gate(request, case_id)
    form = AppealForm(request.POST, case=case)
    if not form.is_valid():
        return _page(
            request, case, "appeal.html", _appeal_ctx(case, form=form), current="appeal", status=422
        )
    cd = form.cleaned_data
    try:
        a = actions.register_appeal(
            case.pk,
            appellant_party_id=cd["appellant_party_id"],
            against=cd["against"],
            document_id=cd["document_id"],
            filed_on=cd["filed_on"],
            appealed_amount=cd["appealed_amount"],
            acting_user=request.user,
        )
    except DomainError as e:
        ctx = _appeal_ctx(case, form=form, **_failed(e, case, "appeal"))
        return _page(request, case, "appeal.html", ctx, current="appeal", status=_status(e))
    messages.success(
        request,
        _("已登记上诉，二审案号 %(number)s；上诉状副本应于 %(due)s 前送达对方当事人。")
        % {"number": a.second_case.number, "due": f"{a.copy_service_due:%Y-%m-%d}"},
    )
    return _back("wf_appeal", case.pk)


@staff_view
@require_POST
def appeal_answer(request: HttpRequest, case_id: int, appeal_id: int) -> HttpResponse:
    """答辩状收到: the file goes to the second instance within 5 days (CPL23 Art 174)."""
    case = _write_gate(request, case_id)
    if not AppealRecord.objects.filter(pk=appeal_id, first_case=case).exists():
        raise CommonError.NOT_FOUND.exc()
    form = AnswerForm(request.POST)
    extra = {"answer_form": form, "answer_target": appeal_id}
    if not form.is_valid():
        ctx = _appeal_ctx(case, error_form="answer", **extra)
        return _page(request, case, "appeal.html", ctx, current="appeal", status=422)
    try:
        a = actions.record_answer(
            appeal_id, answered_on=form.cleaned_data["answered_on"], acting_user=request.user
        )
    except DomainError as e:
        ctx = _appeal_ctx(case, **extra, **_failed(e, case, "answer"))
        return _page(request, case, "appeal.html", ctx, current="appeal", status=_status(e))
    messages.success(
        request,
        _("已登记答辩，应于 %(due)s 前移送案卷。") % {"due": f"{a.transfer_due:%Y-%m-%d}"},
    )
    return _back("wf_appeal", case.pk)


def _outcome_ctx(case: Case, **extra: Any) -> dict[str, Any]:
    is_second = case.relation == CaseRelation.APPEAL and case.parent_id is not None
    return {
        "is_second": is_second,
        "first": case.parent if is_second else None,
        "appeals": list(
            AppealRecord.objects.filter(second_case=case).select_related("appellant", "first_case")
        ),
        "outcome_label": AppealOutcome(case.appeal_outcome).label if case.appeal_outcome else "",
        "remands": list(Case.objects.filter(parent=case, relation=CaseRelation.REMAND)),
        "form": OutcomeForm(initial={"decided_on": today()}),
        **extra,
    }


@staff_view
@require_http_methods(["GET", "POST"])
def outcome(request: HttpRequest, case_id: int) -> HttpResponse:
    """二审结果, recorded on both cases; 发回重审 opens the retrial case."""
    if request.method == "GET":
        case = _read(request, case_id)
        return _page(request, case, "outcome.html", _outcome_ctx(case), current="outcome")
    case = _write_gate(request, case_id)
    form = OutcomeForm(request.POST)
    if not form.is_valid():
        return _page(
            request,
            case,
            "outcome.html",
            _outcome_ctx(case, form=form),
            current="outcome",
            status=422,
        )
    cd = form.cleaned_data
    try:
        second = actions.decide_appeal(
            case.pk,
            outcome=cd["outcome"],
            decided_on=cd["decided_on"],
            pronounced_in_court=cd["pronounced_in_court"],
            acting_user=request.user,
        )
    except DomainError as e:
        ctx = _outcome_ctx(case, form=form, **_failed(e, case, "outcome"))
        return _page(request, case, "outcome.html", ctx, current="outcome", status=_status(e))
    messages.success(
        request,
        _("已记录二审结果：%(outcome)s，二审结案。")
        % {"outcome": AppealOutcome(second.appeal_outcome).label},
    )
    return _back("wf_outcome", case.pk)


# --- 执行 (enforcement) --------------------------------------------------------------------------


def _executing_court_id(case: Case) -> int:
    c = case
    while c.type_code.endswith("终") and c.parent is not None:
        c = c.parent
    return c.court_id


def _apply_ctx(request: HttpRequest, case: Case, **extra: Any) -> dict[str, Any]:
    sources = [case, *([case.parent] if case.parent_id else [])]
    doc = (
        CaseDocument.objects.filter(case__in=sources, is_effective=True)
        .order_by("-effective_on")
        .first()
    )
    deadline = period_from(doc.effective_on, years=2).end if doc and doc.effective_on else None
    court_id = _executing_court_id(case)
    return {
        "effective_doc": doc,
        "deadline": deadline,
        "closed": case.status == CaseStatus.CLOSED,
        "can_apply": has_role(request.user, Role.FILING_CLERK, court_id),  # type: ignore[arg-type]
        "existing": list(Case.objects.filter(parent=case, relation=CaseRelation.ENFORCEMENT)),
        "form": EnforcementApplyForm(case=case),
        **extra,
    }


@staff_view
@require_http_methods(["GET", "POST"])
def enforcement_apply(request: HttpRequest, case_id: int) -> HttpResponse:
    """申请执行立案 from an effective document, registered by the executing court's filing
    clerk (CPL23 Arts 235, 250)."""
    case = _read(request, case_id)
    if request.method == "GET":
        ctx = _apply_ctx(request, case)
        return _page(request, case, "enforcement_apply.html", ctx, current="enforcement_apply")
    form = EnforcementApplyForm(request.POST, case=case)
    if not form.is_valid():
        ctx = _apply_ctx(request, case, form=form)
        return _page(
            request, case, "enforcement_apply.html", ctx, current="enforcement_apply", status=422
        )
    cd = form.cleaned_data
    try:
        ex = actions.apply_for_enforcement(
            case.pk,
            applicant_party_id=cd["applicant_party_id"],
            amount_due=cd["amount_due"],
            applied_on=cd["applied_on"],
            acting_user=request.user,
        )
    except DomainError as e:
        ctx = _apply_ctx(request, case, form=form, **_failed(e, case, "apply"))
        return _page(
            request,
            case,
            "enforcement_apply.html",
            ctx,
            current="enforcement_apply",
            status=_status(e),
        )
    messages.success(
        request,
        _("已执行立案，案号 %(number)s，执行期限至 %(due)s。")
        % {"number": ex.number, "due": f"{ex.limit_due:%Y-%m-%d}"},
    )
    return _back("wf_enforcement", ex.pk)


def _enforcement_ctx(case: Case, **extra: Any) -> dict[str, Any]:
    measures = list(EnforcementMeasure.objects.filter(case=case).select_related("recorded_by"))
    labels = dict(MeasureKind.choices)
    due = case.enforcement_due or Decimal("0")
    recovered = case.recovered_amount or Decimal("0")
    return {
        "is_enforcement": _is_enforcement(case),
        "measures": [{"m": m, "label": labels.get(m.kind, m.kind)} for m in measures],
        "due": due,
        "recovered": recovered,
        "outstanding": max(due - recovered, Decimal("0")),
        "has_inquiry": any(m.kind == MeasureKind.INQUIRY for m in measures),
        "form": MeasureForm(initial={"taken_on": today()}),
        "close_form": EnforcementCloseForm(initial={"closed_on": today()}),
        **extra,
    }


@staff_view
@require_http_methods(["GET", "POST"])
def enforcement(request: HttpRequest, case_id: int) -> HttpResponse:
    """执行措施 log with amounts recovered (Case.recovered_amount is their sum)."""
    if request.method == "GET":
        case = _read(request, case_id)
        return _page(
            request, case, "enforcement.html", _enforcement_ctx(case), current="enforcement"
        )
    case = _write_gate(request, case_id)
    form = MeasureForm(request.POST)
    if not form.is_valid():
        ctx = _enforcement_ctx(case, form=form, error_form="measure")
        return _page(request, case, "enforcement.html", ctx, current="enforcement", status=422)
    cd = form.cleaned_data
    try:
        m = actions.record_measure(
            case.pk,
            kind=cd["kind"],
            taken_on=cd["taken_on"],
            amount=cd["amount"],
            note=cd["note"],
            acting_user=request.user,
        )
    except DomainError as e:
        ctx = _enforcement_ctx(case, form=form, **_failed(e, case, "measure"))
        return _page(
            request, case, "enforcement.html", ctx, current="enforcement", status=_status(e)
        )
    messages.success(request, _("已登记执行措施：%(kind)s。") % {"kind": MeasureKind(m.kind).label})
    return _back("wf_enforcement", case.pk)


@staff_view
@require_POST
def enforcement_close(request: HttpRequest, case_id: int) -> HttpResponse:
    """执行结案 (执行完毕 needs the full amount; 终结本次执行 needs a property search)."""
    case = _write_gate(request, case_id)
    form = EnforcementCloseForm(request.POST)
    if not form.is_valid():
        ctx = _enforcement_ctx(case, close_form=form, error_form="close")
        return _page(request, case, "enforcement.html", ctx, current="enforcement", status=422)
    try:
        closed = actions.close_enforcement(
            case.pk,
            method=form.cleaned_data["method"],
            closed_on=form.cleaned_data["closed_on"],
            acting_user=request.user,
        )
    except DomainError as e:
        ctx = _enforcement_ctx(case, close_form=form, **_failed(e, case, "close"))
        return _page(
            request, case, "enforcement.html", ctx, current="enforcement", status=_status(e)
        )
    messages.success(
        request,
        _("执行案件已结案：%(method)s。") % {"method": ClosureMethod(closed.closure_method).label},
    )
    return _back("wf_enforcement", case.pk)
