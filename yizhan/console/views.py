"""The court staff console (法院工作平台): work queues, filing review, case page, counter.

Views only collect input and call the domain actions and selectors; every state change goes
through yizhan.filing.actions / yizhan.cases.actions, which check permissions and write the
audit trail.
"""

from __future__ import annotations

import re
from typing import Any

from django.contrib import messages
from django.contrib.auth import logout
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from yizhan.accounts.models import Role
from yizhan.accounts.permissions import has_role
from yizhan.audit.models import Channel
from yizhan.audit.services import events_for
from yizhan.cases import actions as case_actions
from yizhan.cases import documents as case_documents
from yizhan.cases.api import case_detail as case_detail_data
from yizhan.cases.models import (
    CaseStatus,
    FeeStatus,
    SupplementaryFeeReason,
)
from yizhan.cases.selectors import (
    PAYER_ROLES,
    access_case,
    overdue_supplementary_fees,
    supplementary_fee,
    supplementary_fees_due_soon,
)
from yizhan.core.errors import CommonError, DomainError
from yizhan.core.time import today
from yizhan.core.uploads import blob_response
from yizhan.filing import actions as filing_actions
from yizhan.filing.actions import CorrectionItem, FilingInput, PartyInput
from yizhan.filing.errors import FilingError
from yizhan.filing.models import (
    FeeRelief,
    Filing,
    FilingStatus,
    ReliefStatus,
)
from yizhan.filing.permissions import access_filing
from yizhan.filing.selectors import acceptance_preview, access_attachment, filing_detail
from yizhan.pdf import pdf_response

from .access import SESSION_COUNTER, SESSION_COURT, error_page, login_url, staff_view
from .forms import (
    CORRECTION_FIELDS,
    AcceptForm,
    CorrectionFormSet,
    CounterFilingForm,
    EvidenceFormSet,
    PartyFormSet,
    RefuseForm,
    ReliefDecisionForm,
    UploadForm,
)
from .selectors import (
    clerk_queue,
    filing_parties,
    judge_cases,
    recent_cases,
    working_days_between,
)

DENIED = (401, 403, 404)


def _page(
    request: HttpRequest, template: str, context: dict[str, Any], status: int = 200
) -> HttpResponse:
    return render(
        request,
        template,
        {"console": request.console, **context},  # type: ignore[attr-defined]
        status=status,
    )


def _safe_next(request: HttpRequest, fallback: str) -> str:
    """The ``next`` path to go back to, if it is a path on this site; else ``fallback``.
    Only a path ("/console/…") is taken: redirect() would read a bare word ("abc") as a URL
    name and raise NoReverseMatch (a 500)."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


# --- work queue and court switcher ----------------------------------------------------------


@staff_view
@require_GET
def queue(request: HttpRequest) -> HttpResponse:
    ctx = request.console  # type: ignore[attr-defined]
    data: dict[str, Any] = {"reviews": None, "cases": None, "recent": None, "today": today()}
    if ctx.is_clerk:
        data["reviews"] = clerk_queue(ctx.user, ctx.court.pk)
        data["recent"] = recent_cases(ctx.court.pk)
    if ctx.is_judge or not ctx.is_clerk:
        cases, assigned = judge_cases(ctx.user, ctx.court.pk)
        data["cases"] = list(cases[:200])
        data["assigned"] = assigned
    if request.headers.get("HX-Request") and request.GET.get("partial") == "reviews":
        return _page(request, "console/_review_rows.html", data)
    return _page(request, "console/queue.html", data)


@staff_view
@require_POST
def switch_court(request: HttpRequest) -> HttpResponse:
    ctx = request.console  # type: ignore[attr-defined]
    try:
        court_id = int(request.POST.get("court", ""))
    except ValueError:
        court_id = 0
    court = next((c for c in ctx.courts if c.pk == court_id), None)
    if court is None:
        return error_page(request, 403, _("您不是该法院的工作人员，不能切换到该法院。"))
    request.session[SESSION_COURT] = court.pk
    messages.success(request, _("已切换到%(court)s。") % {"court": court.name})
    return redirect(_safe_next(request, reverse("console:queue")))


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect(login_url())


# --- filing review --------------------------------------------------------------------------


def _correction_label(code: str) -> str:
    return str(dict(CORRECTION_FIELDS).get(code, code))


def _review_context(request: HttpRequest, filing: Filing, **overrides: Any) -> dict[str, Any]:
    user = request.user
    detail = filing_detail(filing)
    can_review = has_role(user, Role.FILING_CLERK, filing.court_id)  # type: ignore[arg-type]
    pending = filing.status == FilingStatus.SUBMITTED
    preview = acceptance_preview(filing) if pending else None
    relief = FeeRelief.objects.filter(filing=filing).first()
    relief_pending = relief is not None and relief.status == ReliefStatus.PENDING
    countdown = None
    if pending and filing.review_due:
        from yizhan.core.calendar import court_calendar

        days = (filing.review_due - today()).days
        countdown = {
            "days": days,
            "overdue": days < 0,
            "overdue_days": -days,
            "working_days": working_days_between(today(), filing.review_due, court_calendar())
            if days >= 0
            else 0,
        }
    attachments = [
        {
            "att": a,
            "inline_url": reverse("console:attachment", args=[filing.pk, a.pk]),
            "api_url": f"/api/v1/filings/{filing.pk}/attachments/{a.pk}",
            "is_pdf": a.content_type == "application/pdf",
            "is_image": a.content_type.startswith("image/"),
        }
        for a in detail["attachments"]
    ]
    ctx: dict[str, Any] = {
        "filing": filing,
        "d": detail,
        "parties": filing_parties(filing),
        "attachments": attachments,
        "can_review": can_review,
        "pending": pending,
        "preview": preview,
        "countdown": countdown,
        "relief": relief,
        "relief_pending": relief_pending,
        "correction_items": [
            {**i, "label": _correction_label(i.get("field", ""))}
            for i in detail["correction_items"]
        ],
        "accept_form": None,
        "correction_formset": CorrectionFormSet(prefix="items"),
        "refuse_form": RefuseForm(),
        "relief_form": ReliefDecisionForm(),
        "error": None,
        "error_action": None,
    }
    if preview is not None:
        ctx["accept_form"] = AcceptForm(
            allowed=preview["allowed_procedures"], suggested=preview["procedure"]
        )
    ctx.update(overrides)
    return ctx


def _render_review(
    request: HttpRequest, filing_id: int, status: int = 200, **overrides: Any
) -> HttpResponse:
    filing = access_filing(request.user, filing_id)
    return _page(
        request,
        "console/filing_review.html",
        _review_context(request, filing, **overrides),
        status=status,
    )


def _review_error(
    request: HttpRequest, filing_id: int, e: DomainError, action: str, **forms: Any
) -> HttpResponse:
    if e.status in DENIED:
        return error_page(request, e.status, e.message)
    return _render_review(
        request,
        filing_id,
        status=e.status if e.status >= 400 else 422,
        error=e,
        error_action=action,
        **forms,
    )


def _as_reviewer(request: HttpRequest, filing_id: int) -> Filing:
    """403/404 before anything is parsed: only the competent court's filing clerks act."""
    return access_filing(request.user, filing_id, as_reviewer=True)


@staff_view
@require_GET
def filing_review(request: HttpRequest, filing_id: int) -> HttpResponse:
    return _render_review(request, filing_id)


@staff_view
@require_GET
@xframe_options_sameorigin
def attachment(request: HttpRequest, filing_id: int, att_id: int) -> FileResponse:
    """The materials viewer's source: same file as the API download endpoint, but framable
    by the console's own pages (the API answers with X-Frame-Options: DENY)."""
    att = access_attachment(request.user, filing_id, att_id)
    return blob_response(att.sha256, att.content_type)


@staff_view
@require_POST
def filing_accept(request: HttpRequest, filing_id: int) -> HttpResponse:
    filing = _as_reviewer(request, filing_id)
    if filing.status != FilingStatus.SUBMITTED:
        return _review_error(request, filing_id, FilingError.WRONG_STATE.exc(), "accept")
    preview = acceptance_preview(filing)
    form = AcceptForm(
        request.POST, allowed=preview["allowed_procedures"], suggested=preview["procedure"]
    )
    if not form.is_valid():
        return _render_review(
            request, filing_id, status=422, accept_form=form, error_action="accept"
        )
    try:
        case = filing_actions.accept_filing(
            filing_id, acting_user=request.user, procedure=form.cleaned_data["procedure"]
        )
    except DomainError as e:
        return _review_error(request, filing_id, e, "accept", accept_form=form)
    messages.success(request, _("已立案，案号 %(number)s。") % {"number": case.number})
    return redirect("console:case", case_id=case.pk)


@staff_view
@require_POST
def filing_return(request: HttpRequest, filing_id: int) -> HttpResponse:
    _as_reviewer(request, filing_id)
    formset = CorrectionFormSet(request.POST, prefix="items")
    if not formset.is_valid():
        return _render_review(
            request, filing_id, status=422, correction_formset=formset, error_action="return"
        )
    items = [
        CorrectionItem(
            field=f.cleaned_data.get("field") or "other", message=f.cleaned_data.get("message", "")
        )
        for f in formset.forms
        if f.cleaned_data.get("message", "").strip()
    ]
    try:
        filing = filing_actions.return_for_correction(filing_id, items, acting_user=request.user)
    except DomainError as e:
        return _review_error(request, filing_id, e, "return", correction_formset=formset)
    messages.success(
        request,
        ngettext(
            "已退回补正（共 %(n)s 项），补正期限 %(due)s。",
            "已退回补正（共 %(n)s 项），补正期限 %(due)s。",
            len(items),
        )
        % {"n": len(items), "due": f"{filing.correction_due:%Y-%m-%d}"},
    )
    return redirect("console:filing", filing_id=filing_id)


@staff_view
@require_POST
def filing_refuse(request: HttpRequest, filing_id: int) -> HttpResponse:
    _as_reviewer(request, filing_id)
    form = RefuseForm(request.POST)
    form.is_valid()
    try:
        filing_actions.refuse_filing(
            filing_id, form.cleaned_data.get("reason", ""), acting_user=request.user
        )
    except DomainError as e:
        return _review_error(request, filing_id, e, "refuse", refuse_form=form)
    messages.success(request, _("已作出不予受理决定。"))
    return redirect("console:filing", filing_id=filing_id)


@staff_view
@require_POST
def filing_relief(request: HttpRequest, filing_id: int) -> HttpResponse:
    _as_reviewer(request, filing_id)
    form = ReliefDecisionForm(request.POST)
    if not form.is_valid():
        return _render_review(
            request, filing_id, status=422, relief_form=form, error_action="relief"
        )
    try:
        relief = filing_actions.decide_fee_relief(
            filing_id,
            grant=form.cleaned_data["grant"],
            reason=form.cleaned_data["reason"],
            acting_user=request.user,
        )
    except DomainError as e:
        return _review_error(request, filing_id, e, "relief", relief_form=form)
    messages.success(
        request, _("司法救助申请：%(status)s。") % {"status": relief.get_status_display()}
    )
    return redirect("console:filing", filing_id=filing_id)


# --- case page ------------------------------------------------------------------------------


def _audit_rows(case: Any) -> list[dict[str, Any]]:
    """The case's audit trail, preceded by its filing's (one history, by sequence)."""
    events = list(events_for(case))
    if case.filing_id:
        events += list(events_for(case.filing))
    labels = dict(Channel.choices)
    return [
        {
            "seq": e.seq,
            "at": e.occurred_at,
            "actor": e.actor_label,
            "action": e.action,
            "channel": e.channel,
            "channel_label": labels.get(e.channel, e.channel),
            "subject": _("案件") if e.subject_type == "cases.case" else _("立案申请"),
        }
        for e in sorted(events, key=lambda e: e.seq)
    ]


def _render_case(
    request: HttpRequest, case_id: int, status: int = 200, error: DomainError | None = None
) -> HttpResponse:
    case = access_case(request.user, case_id)
    detail = case_detail_data(case, request.user)  # type: ignore[arg-type]
    notice = detail["fee_notice"]
    is_clerk = has_role(request.user, Role.FILING_CLERK, case.court_id)  # type: ignore[arg-type]
    can_record = (
        notice is not None and notice["status"] in {FeeStatus.DUE, FeeStatus.DEFERRED} and is_clerk
    )
    top_ups = [
        {
            **t,
            "can_record": is_clerk
            and case.status == CaseStatus.PENDING
            and t["status"] in {FeeStatus.DUE, FeeStatus.DEFERRED},
            "overdue": t["status"] == FeeStatus.DUE and t["due_on"] and t["due_on"] < today(),
            "appellant": t["reason"] == SupplementaryFeeReason.APPEAL_SECOND_APPELLANT,
        }
        for t in detail["supplementary_fees"]
    ]
    audit = _audit_rows(case) if detail["audit"] is not None else None
    return _page(
        request,
        "console/case_detail.html",
        {
            "case": case,
            "d": detail,
            "can_record_payment": can_record,
            "top_ups": top_ups,
            "audit": audit,
            "error": error,
        },
        status=status,
    )


@staff_view
@require_GET
def case_page(request: HttpRequest, case_id: int) -> HttpResponse:
    return _render_case(request, case_id)


@staff_view
@require_POST
def case_fee_paid(request: HttpRequest, case_id: int) -> HttpResponse:
    try:
        notice = case_actions.record_fee_payment(case_id, acting_user=request.user)
    except DomainError as e:
        if e.status in DENIED:
            return error_page(request, e.status, e.message)
        return _render_case(request, case_id, status=e.status, error=e)
    messages.success(request, _("已登记交费：%(amount)s 元。") % {"amount": notice.amount_due})
    return redirect("console:case", case_id=case_id)


@staff_view
@require_POST
def case_top_up_paid(request: HttpRequest, case_id: int, notice_id: int) -> HttpResponse:
    """登记补交诉讼费 (CPLI Art 199), as the first fee above."""
    try:
        notice = case_actions.record_supplementary_fee_payment(
            case_id, notice_id, acting_user=request.user
        )
    except DomainError as e:
        if e.status in DENIED:
            return error_page(request, e.status, e.message)
        return _render_case(request, case_id, status=e.status, error=e)
    messages.success(
        request, _("已登记补交诉讼费：%(amount)s 元。") % {"amount": notice.amount_due}
    )
    return redirect("console:case", case_id=case_id)


@staff_view
@require_GET
def case_top_up_pdf(request: HttpRequest, case_id: int, notice_id: int) -> HttpResponse:
    """The PDF of a supplementary notice of a case the user's court may see: 补交诉讼费用通知书
    (CPLI Art 199) or a later appellant's 交纳上诉案件受理费通知书 (FEE Arts 17, 22)."""
    case = access_case(request.user, case_id)
    notice = supplementary_fee(case, notice_id)
    return pdf_response(
        case_documents.supplementary_fee_notice(case, notice),
        case_documents.supplementary_fee_filename(notice),
    )


# --- worklist: top-ups not paid (CPLI Art 199) ----------------------------------------------


def _top_up_rows(notices: Any, on: Any) -> list[dict[str, Any]]:
    """Worklist rows: a conversion top-up is paid by the plaintiff side (CPLI Art 199), a later
    appellant's appeal fee by that appellant (FEE Arts 17, 22)."""
    rows = []
    for n in notices.prefetch_related("case__case_parties__party"):
        appellant = n.reason == SupplementaryFeeReason.APPEAL_SECOND_APPELLANT
        if appellant:
            payers = [n.party.name] if n.party else []
        else:
            payers = [cp.party.name for cp in n.case.case_parties.all() if cp.role in PAYER_ROLES]
        rows.append(
            {
                "notice": n,
                "case": n.case,
                "kind": n.reason,
                "kind_label": _("上诉费（其他上诉人）") if appellant else _("补交受理费"),
                "payers": "、".join(payers),
                "days": (n.due_on - on).days,
            }
        )
    return rows


@staff_view
@require_GET
def top_ups(request: HttpRequest) -> HttpResponse:
    """逾期未交诉讼费: the filing clerks' worklist of the chosen court — supplementary fees
    past their due date on pending cases, then those due within the next 7 days. Both kinds:
    the simple → ordinary top-up (unpaid: the case is treated as withdrawn, CPLI Art 199) and
    a later appellant's appeal fee (unpaid: the appeal is treated as withdrawn, FEE Art 22)."""
    ctx = request.console  # type: ignore[attr-defined]
    if not ctx.is_clerk:
        raise CommonError.PERMISSION_DENIED.exc(
            message=_("只有立案人员可以查看待交诉讼费工作清单。")
        )
    on = today()
    courts = [ctx.court.pk]
    overdue = _top_up_rows(overdue_supplementary_fees(courts, on=on), on)
    for row in overdue:
        row["days"] = -row["days"]  # days overdue
    return _page(
        request,
        "console/top_ups.html",
        {
            "today": on,
            "overdue": overdue,
            "due_soon": _top_up_rows(supplementary_fees_due_soon(courts, on=on), on),
        },
    )


# --- service-hall counter (诉讼服务大厅窗口) -------------------------------------------------


def _require_counter_clerk(request: HttpRequest) -> None:
    ctx = request.console  # type: ignore[attr-defined]
    if not ctx.is_clerk:
        raise CommonError.PERMISSION_DENIED.exc(message=_("只有立案人员可以使用窗口立案。"))


def _counter_forms(request: HttpRequest) -> dict[str, Any]:
    ctx = request.console  # type: ignore[attr-defined]
    if request.method == "POST":
        return {
            "form": CounterFilingForm(request.POST),
            "parties": PartyFormSet(request.POST, prefix="parties"),
            "evidence": EvidenceFormSet(request.POST, prefix="evidence"),
        }
    return {
        "form": CounterFilingForm(initial={"court": ctx.court.pk, "kind": "civil_first"}),
        "parties": PartyFormSet(
            prefix="parties",
            initial=[
                {"role": "plaintiff", "kind": "natural"},
                {"role": "defendant", "kind": "natural"},
            ],
        ),
        "evidence": EvidenceFormSet(prefix="evidence"),
    }


_PARTY_KEY = re.compile(r"^parties\[(\d+)\]\.(.+)$")
_TOP_FIELDS = {
    "court_code": "court",
    "cause_code": "cause",
    "kind": "kind",
    "claim_amount": "claim_amount",
    "claims": "claims",
    "facts": "facts",
}


def _map_errors(e: DomainError, forms: dict[str, Any], index_map: list[int]) -> list[str]:
    """Put the action's field errors on the form fields; return the ones that fit nowhere."""
    leftover: list[str] = []
    for key, msg in e.fields.items():
        text = "；".join(msg) if isinstance(msg, list) else str(msg)
        m = _PARTY_KEY.match(key)
        if m and int(m.group(1)) < len(index_map):
            pform = forms["parties"].forms[index_map[int(m.group(1))]]
            name = m.group(2)
            if name in pform.fields:
                pform.add_error(name, text)
            else:
                pform.add_error(None, text)
        elif key in _TOP_FIELDS:
            forms["form"].add_error(_TOP_FIELDS[key], text)
        else:
            leftover.append(text)
    return leftover


def _recent_counter_filings(request: HttpRequest) -> list[Filing]:
    ctx = request.console  # type: ignore[attr-defined]
    return list(
        Filing.objects.filter(created_by=ctx.user, received_by=ctx.court, channel="counter")
        .select_related("court")
        .order_by("-created_at")[:15]
    )


@staff_view
@require_http_methods(["GET", "POST"])
def counter(request: HttpRequest) -> HttpResponse:
    _require_counter_clerk(request)
    ctx = request.console  # type: ignore[attr-defined]
    forms = _counter_forms(request)
    context: dict[str, Any] = {
        **forms,
        "error": None,
        "leftover": [],
        "recent": _recent_counter_filings(request),
    }
    if request.method == "GET":
        return _page(request, "console/counter.html", context)
    if not ctx.counter_mode:
        messages.error(request, _("请先开启窗口模式，再代为立案。"))
        return redirect("console:counter")
    if not all(f.is_valid() for f in forms.values()):
        return _page(request, "console/counter.html", context, status=422)
    cd = forms["form"].cleaned_data
    parties: list[PartyInput] = []
    index_map: list[int] = []
    for i, pf in enumerate(forms["parties"].forms):
        p = pf.cleaned_data
        if not p or not (p.get("name", "").strip() or p.get("id_number", "").strip()):
            continue
        parties.append(
            PartyInput(
                role=p["role"],
                kind=p["kind"],
                name=p.get("name", ""),
                id_number=p.get("id_number", "").strip(),
                credit_code=p.get("credit_code", "").strip(),
                mobile=p.get("mobile", "").strip(),
                address=p.get("address", ""),
                legal_representative=p.get("legal_representative", ""),
            )
        )
        index_map.append(i)
    evidence = [
        {k: ef.cleaned_data.get(k, "") for k in ("name", "source", "purpose")}
        for ef in forms["evidence"].forms
        if ef.cleaned_data and ef.cleaned_data.get("name", "").strip()
    ]
    data = FilingInput(
        court_code=cd["court"].code,
        kind=cd["kind"],
        cause_code=cd["cause"] or None,
        claims=cd["claims"],
        claim_amount=cd["claim_amount"].strip() or None,
        facts=cd["facts"],
        evidence=evidence,
        parties=parties,
    )
    try:
        filing = filing_actions.create_filing(data, acting_user=request.user, counter=ctx.court)
    except DomainError as e:
        if e.status in DENIED:
            return error_page(request, e.status, e.message)
        context["error"] = e
        context["leftover"] = _map_errors(e, forms, index_map)
        return _page(request, "console/counter.html", context, status=e.status)
    if filing.is_cross_region:
        messages.success(
            request,
            _("已代为起草跨域立案申请（受诉法院：%(court)s），请上传材料。")
            % {"court": filing.court.name},
        )
    else:
        messages.success(request, _("已代为起草立案申请，请上传材料。"))
    return redirect("console:counter_filing", filing_id=filing.pk)


@staff_view
@require_POST
def counter_mode(request: HttpRequest) -> HttpResponse:
    _require_counter_clerk(request)
    on = request.POST.get("on") == "1"
    request.session[SESSION_COUNTER] = on
    if on:
        messages.success(request, _("已开启窗口模式：本次操作记入“诉讼服务大厅窗口”渠道。"))
    else:
        messages.info(request, _("已关闭窗口模式。"))
    return redirect(_safe_next(request, reverse("console:counter")))


def _counter_filing_context(request: HttpRequest, filing: Filing, **extra: Any) -> dict[str, Any]:
    detail = filing_detail(filing)
    editable = filing.status in (FilingStatus.DRAFT, FilingStatus.RETURNED)
    return {
        "filing": filing,
        "d": detail,
        "editable": editable,
        "problems": filing_actions.completeness_problems(filing) if editable else {},
        "upload_form": UploadForm(),
        "error": None,
        **extra,
    }


@staff_view
@require_GET
def counter_filing(request: HttpRequest, filing_id: int) -> HttpResponse:
    _require_counter_clerk(request)
    filing = access_filing(request.user, filing_id)
    return _page(request, "console/counter_filing.html", _counter_filing_context(request, filing))


def _counter_post_guard(request: HttpRequest, filing_id: int) -> HttpResponse | None:
    _require_counter_clerk(request)
    if not request.console.counter_mode:  # type: ignore[attr-defined]
        messages.error(request, _("请先开启窗口模式。"))
        return redirect("console:counter_filing", filing_id=filing_id)
    return None


@staff_view
@require_POST
def counter_upload(request: HttpRequest, filing_id: int) -> HttpResponse:
    guard = _counter_post_guard(request, filing_id)
    if guard:
        return guard
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        filing = access_filing(request.user, filing_id)
        return _page(
            request,
            "console/counter_filing.html",
            _counter_filing_context(request, filing, upload_form=form),
            status=422,
        )
    try:
        att = filing_actions.add_attachment(
            filing_id,
            category=form.cleaned_data["category"],
            upload=form.cleaned_data["file"],
            acting_user=request.user,
        )
    except DomainError as e:
        if e.status in DENIED:
            return error_page(request, e.status, e.message)
        filing = access_filing(request.user, filing_id)
        return _page(
            request,
            "console/counter_filing.html",
            _counter_filing_context(request, filing, upload_form=form, error=e),
            status=e.status,
        )
    messages.success(
        request,
        _("已上传：%(name)s（%(cat)s）。")
        % {"name": att.original_name, "cat": att.get_category_display()},
    )
    return redirect("console:counter_filing", filing_id=filing_id)


@staff_view
@require_POST
def counter_submit(request: HttpRequest, filing_id: int) -> HttpResponse:
    guard = _counter_post_guard(request, filing_id)
    if guard:
        return guard
    try:
        filing_actions.submit_filing(filing_id, acting_user=request.user)
    except DomainError as e:
        if e.status in DENIED:
            return error_page(request, e.status, e.message)
        filing = access_filing(request.user, filing_id)
        return _page(
            request,
            "console/counter_filing.html",
            _counter_filing_context(request, filing, error=e),
            status=e.status,
        )
    messages.success(request, _("已提交立案申请，请打印收件回执交当事人。"))
    return redirect("console:counter_receipt", filing_id=filing_id)


@staff_view
@require_GET
def counter_receipt(request: HttpRequest, filing_id: int) -> HttpResponse:
    filing = access_filing(request.user, filing_id)
    if filing.received_on is None:
        return error_page(request, 409, _("该立案申请尚未提交，不能出具收件回执。"))
    detail = filing_detail(filing)
    return _page(
        request,
        "console/receipt.html",
        {
            "filing": filing,
            "d": detail,
            "clerk_name": filing.created_by.display_name,
            "receiving_court": filing.received_by or filing.court,
            "printed_at": today(),
        },
    )
