"""The public / litigant portal (一站式诉讼服务): server-rendered pages with htmx fragments.

Views never write models: every state change goes through ``yizhan.filing.actions`` or
``yizhan.accounts.actions``, which check permission and write the audit trail.
"""

from __future__ import annotations

import functools
import uuid
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any, cast

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from yizhan.accounts.actions import Registration, register
from yizhan.accounts.models import User
from yizhan.cases import documents as case_documents
from yizhan.cases.api import case_detail as case_detail_data
from yizhan.cases.models import SupplementaryFeeReason
from yizhan.cases.selectors import (
    access_case,
    pays_case_fees,
    receives_supplementary_fee,
    represents_party,
    supplementary_fee,
)
from yizhan.core.calendar import period_from
from yizhan.core.errors import CommonError, DomainError
from yizhan.core.fees import quote
from yizhan.core.models import Court
from yizhan.core.time import today
from yizhan.filing import actions
from yizhan.filing.checklists import spec_for
from yizhan.filing.models import Filing, FilingKind, FilingStatus
from yizhan.filing.permissions import access_filing
from yizhan.filing.selectors import filing_detail, materials
from yizhan.pdf import pdf_response
from yizhan.rules.errors import RuleError

from . import reads
from .forms import (
    ClaimsForm,
    CourtKindForm,
    FactsForm,
    FeeForm,
    PartyForm,
    PeriodForm,
    RegisterForm,
    cause_choices,
)

STEPS = [
    (1, "court"),
    (2, "parties"),
    (3, "claims"),
    (4, "facts"),
    (5, "materials"),
    (6, "review"),
]


def step_labels() -> list[tuple[int, str]]:
    return [
        (1, _("法院与类型")),
        (2, _("当事人")),
        (3, _("诉讼请求")),
        (4, _("事实与证据")),
        (5, _("材料清单")),
        (6, _("核对提交")),
    ]


def is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


# --- errors ----------------------------------------------------------------------------------


def error_page(request: HttpRequest, error: DomainError) -> HttpResponse:
    titles = {
        404: _("未找到"),
        403: _("无权操作"),
        409: _("状态已变化"),
    }
    return render(
        request,
        "portal/error.html",
        {"error": error, "title": titles.get(error.status, _("出错了"))},
        status=error.status if 400 <= error.status < 600 else 400,
    )


def domain_errors(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Render a DomainError raised in a view as a friendly page with its status (never a 500);
    a missing login sends the visitor to the login page."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except DomainError as e:
            if e.code == "not_authenticated":
                return redirect(f"{reverse('portal:login')}?next={request.path}")
            return error_page(request, e)

    return wrapper


def portal_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    return login_required(domain_errors(view))


# --- public pages ----------------------------------------------------------------------------


def services() -> list[dict[str, str]]:
    return [
        {
            "slug": "filing",
            "title": _("网上立案"),
            "desc": _("在线提交起诉状和材料"),
            "url": reverse("portal:filing_new"),
            "icon": "立",
        },
        {
            "slug": "mediation",
            "title": _("诉前调解"),
            "desc": _("先调解，少诉累"),
            "url": reverse("portal_mediation:index"),
            "icon": "调",
        },
        {
            "slug": "inquiry",
            "title": _("案件查询"),
            "desc": _("凭案号和身份证件查询案件进展"),
            "url": reverse("portal_services:inquiry"),
            "icon": "查",
        },
        {
            "slug": "matters",
            "title": _("我的案件"),
            "desc": _("我的立案申请和案件"),
            "url": reverse("portal:matters"),
            "icon": "我",
        },
        {
            "slug": "fees",
            "title": _("诉讼费计算"),
            "desc": _("按《诉讼费用交纳办法》计算"),
            "url": reverse("portal:fees"),
            "icon": "费",
        },
        {
            "slug": "periods",
            "title": _("期限计算"),
            "desc": _("节假日顺延自动计算"),
            "url": reverse("portal:periods"),
            "icon": "期",
        },
        {
            "slug": "consult",
            "title": _("诉讼咨询"),
            "desc": _("诉讼常见问题解答"),
            "url": reverse("portal_services:consult"),
            "icon": "询",
        },
        {
            "slug": "judge",
            "title": _("联系法官"),
            "desc": _("给承办法官留言"),
            "url": reverse("portal_services:tickets") + "?kind=contact_judge",
            "icon": "联",
        },
        {
            "slug": "appointments",
            "title": _("预约服务"),
            "desc": _("预约诉讼服务大厅窗口"),
            "url": reverse("portal_services:appointments"),
            "icon": "约",
        },
        {
            "slug": "judgments",
            "title": _("裁判文书"),
            "desc": _("公开裁判文书检索"),
            "url": "/judgments/",
            "icon": "文",
        },
        {
            "slug": "open-data",
            "title": _("司法数据公开"),
            "desc": _("各法院收结案统计"),
            "url": "/open-data/",
            "icon": "数",
        },
    ]


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    courts = Court.objects.filter(is_active=True).order_by("code")
    return render(request, "portal/home.html", {"services": services(), "courts": courts})


@require_GET
def coming_soon(request: HttpRequest, slug: str) -> HttpResponse:
    service = next((s for s in services() if s["slug"] == slug), None)
    if service is None:
        return error_page(request, DomainError("not_found", _("未找到该页面。"), status=404))
    return render(request, "portal/coming_soon.html", {"service": service})


@require_http_methods(["GET", "POST"])
def register_view(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = RegisterForm(request.POST)
        if form.is_valid():
            d = form.cleaned_data
            try:
                user = register(
                    Registration(
                        username=d["username"],
                        password=d["password"],
                        real_name=d["real_name"],
                        id_number=d["id_number"],
                        mobile=d["mobile"],
                        is_lawyer=d["is_lawyer"],
                        licence_no=d["licence_no"],
                        law_firm=d["law_firm"],
                    )
                )
            except DomainError as e:
                form.add_domain_errors(e.fields or {"__all__": e.message})
            else:
                login(request, user, backend="django.contrib.auth.backends.ModelBackend")
                messages.success(request, _("注册成功，欢迎使用一站式诉讼服务。"))
                return redirect("portal:matters")
    else:
        form = RegisterForm()
    return render(request, "portal/register.html", {"form": form})


# --- calculators -----------------------------------------------------------------------------


def _fee_result(params: dict[str, str]) -> dict[str, Any]:
    kind = params.get("kind") or "property"
    amount = (
        (params.get("amount") or params.get("claim_amount") or "")
        .replace(",", "")
        .replace("，", "")
        .strip()
    )
    try:
        if amount:
            Decimal(amount)
        q = quote(
            kind,
            amount or None,
            procedure=params.get("procedure") or "ordinary",
            closing=params.get("closing") or "judgment",
        )
    except (RuleError, InvalidOperation) as e:
        return {"error": getattr(e, "message", _("金额格式不正确。")), "amount": amount}
    return {"quote": q, "amount": amount}


@require_GET
def fees(request: HttpRequest) -> HttpResponse:
    form = FeeForm(request.GET or None)
    result = _fee_result(request.GET) if request.GET else None
    return render(request, "portal/fees.html", {"form": form, "result": result})


@require_GET
def fee_estimate(request: HttpRequest) -> HttpResponse:
    """The fee fragment (htmx, ``input changed delay:300ms``)."""
    return render(request, "portal/_fee_result.html", {"result": _fee_result(request.GET)})


def _period_result(form: PeriodForm) -> dict[str, Any]:
    d = form.cleaned_data
    try:
        r = period_from(d["start"], **{d["unit"]: d["length"]})
    except RuleError as e:
        return {"error": e.message}
    return {"period": r}


@require_GET
def periods(request: HttpRequest) -> HttpResponse:
    form = PeriodForm(request.GET or None, initial={"start": today(), "unit": "days"})
    result = _period_result(form) if request.GET and form.is_valid() else None
    template = "portal/_period_result.html" if is_htmx(request) else "portal/periods.html"
    return render(request, template, {"form": form, "result": result})


# --- my matters ------------------------------------------------------------------------------


@portal_view
@require_GET
def matters(request: HttpRequest) -> HttpResponse:
    user = request.user
    filings = list(reads.my_filings(user))  # type: ignore[arg-type]
    cases = list(reads.my_cases(user))  # type: ignore[arg-type]
    return render(request, "portal/matters.html", {"filings": filings, "cases": cases})


def _case_context(request: HttpRequest, case_id: int) -> dict[str, Any]:
    case = access_case(request.user, case_id)
    data = case_detail_data(case, request.user)  # type: ignore[arg-type]
    # The fee top-ups (补交诉讼费, CPLI Art 199) are shown to the side that must pay them, a
    # later appellant's appeal fee (FEE Arts 17, 22) to that appellant (and its agents) only.
    payer = pays_case_fees(request.user, case)  # type: ignore[arg-type]
    appellant = SupplementaryFeeReason.APPEAL_SECOND_APPELLANT
    parties = {
        n.party_id: represents_party(request.user, n.party)  # type: ignore[arg-type]
        for n in case.supplementary_fee_notices.filter(reason=appellant).select_related("party")
    }
    data["top_ups"] = [
        {
            **t,
            "appellant": t["reason"] == appellant,
            "pdf_url": reverse("portal:case_top_up_pdf", args=[case.pk, t["id"]]),
            "overdue": t["status"] == "due" and t["due_on"] is not None and t["due_on"] < today(),
        }
        for t in data["supplementary_fees"]
        if (t["reason"] == SupplementaryFeeReason.PROCEDURE_CONVERSION and payer)
        or (t["reason"] == appellant and parties.get(t["party_id"], False))
    ]
    return data


@portal_view
@require_GET
def filing_view(request: HttpRequest, filing_id: int) -> HttpResponse:
    filing = access_filing(request.user, filing_id)
    detail = filing_detail(filing)
    case = _case_context(request, detail["case_id"]) if detail["case_id"] else None
    corrections = (
        [
            {
                **item,
                "step": reads.step_for_field(str(item.get("field", ""))),
                "label": reads.field_label(str(item.get("field") or "other")),
            }
            for item in (detail["correction_items"] or [])
        ]
        if filing.status == FilingStatus.RETURNED
        else []
    )
    return render(
        request,
        "portal/filing_detail.html",
        {
            "filing": filing,
            "d": detail,
            "case": case,
            "corrections": corrections,
            "deadlines": reads.filing_deadlines(detail, case),
            "editable": filing.status in actions.EDITABLE,
            "steps": step_labels(),
        },
    )


@portal_view
@require_GET
def case_view(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _case_context(request, case_id)
    return render(request, "portal/case_detail.html", {"case": case})


@portal_view
@require_GET
def case_top_up_pdf(request: HttpRequest, case_id: int, notice_id: int) -> HttpResponse:
    """补交诉讼费用通知书 (PDF) for the side of the case that must pay it (CPLI Art 199), or a
    later appellant's 交纳上诉案件受理费通知书 for that appellant and its agents (FEE Arts 17,
    22): anyone else gets 404, like a case they cannot see."""
    case = access_case(request.user, case_id)
    notice = supplementary_fee(case, notice_id)
    if not receives_supplementary_fee(request.user, case, notice):  # type: ignore[arg-type]
        raise CommonError.NOT_FOUND.exc()
    return pdf_response(
        case_documents.supplementary_fee_notice(case, notice),
        case_documents.supplementary_fee_filename(notice),
    )


@portal_view
@require_POST
def withdraw(request: HttpRequest, filing_id: int) -> HttpResponse:
    try:
        actions.withdraw_filing(filing_id, acting_user=request.user)
    except DomainError as e:
        if e.status == 404:
            raise
        messages.error(request, e.message)
    else:
        messages.success(request, _("已撤回立案申请。"))
    return redirect("portal:filing", filing_id=filing_id)


# --- the filing wizard -----------------------------------------------------------------------


def _editable(request: HttpRequest, filing_id: int) -> Filing:
    filing = access_filing(request.user, filing_id)
    if filing.status not in actions.EDITABLE:
        raise DomainError(
            "filing_wrong_state",
            _("该立案申请当前状态为“%(status)s”，不能再修改。")
            % {"status": filing.get_status_display()},
            status=409,
        )
    return filing


def _wizard(
    request: HttpRequest, template: str, filing: Filing | None, step: int, **ctx: Any
) -> HttpResponse:
    corrections = reads.corrections_for_step(filing, step) if filing else {}
    return render(
        request,
        template,
        {
            "filing": filing,
            "step": step,
            "steps": step_labels(),
            "corrections": corrections,
            "correction_due": filing.correction_due if filing else None,
            **ctx,
        },
    )


def _next(filing: Filing, step: int) -> HttpResponse:
    return redirect("portal:filing_step", filing_id=filing.pk, step=step + 1)


@portal_view
@require_http_methods(["GET", "POST"])
def filing_new(request: HttpRequest) -> HttpResponse:
    """Step 1 for a new filing: court, kind and cause. Creates the draft."""
    form = CourtKindForm(
        request.POST or None, initial={"kind": FilingKind.CIVIL_FIRST, "court_code": "粤0802"}
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        data = actions.FilingInput(
            court_code=d["court_code"],
            kind=d["kind"],
            cause_code=d["cause_code"] or None,
            parties=[_self_party(request, d["kind"])],
        )
        try:
            filing = actions.create_filing(data, acting_user=request.user)
        except DomainError as e:
            form.add_domain_errors(e.fields or {"__all__": e.message})
        else:
            return _next(filing, 1)
    return _wizard(request, "portal/wizard/step_court.html", None, 1, form=form)


def _self_party(request: HttpRequest, kind: str) -> actions.PartyInput:
    """Plaintiff (applicant) = the user; a lawyer is prefilled as the agent instead."""
    user = cast(User, request.user)
    role = spec_for(kind).roles[0]
    if getattr(user, "licence_no", ""):
        return actions.PartyInput(
            role=role,
            kind="natural",
            name="",
            agents=[
                actions.AgentInput(
                    kind="lawyer",
                    name=user.real_name,  # type: ignore[union-attr]
                    licence_no=user.licence_no,  # type: ignore[union-attr]
                    law_firm=user.law_firm,
                    mobile=user.mobile or "",
                ),  # type: ignore[union-attr]
            ],
        )
    return actions.PartyInput(
        role=role,
        kind="natural",
        name=getattr(user, "real_name", "") or "",
        id_number=getattr(user, "id_number", "") or "",
        mobile=getattr(user, "mobile", "") or "",
    )


def _save(request: HttpRequest, filing: Filing, data: actions.FilingInput) -> DomainError | None:
    try:
        actions.update_filing(filing.pk, data, acting_user=request.user)
    except DomainError as e:
        if e.status in (403, 404):
            raise
        return e
    return None


@portal_view
@require_http_methods(["GET", "POST"])
def filing_step(request: HttpRequest, filing_id: int, step: int) -> HttpResponse:
    if step not in dict(STEPS):
        raise DomainError("not_found", _("未找到该页面。"), status=404)
    filing = _editable(request, filing_id)
    handler = {
        1: _step_court,
        2: _step_parties,
        3: _step_claims,
        4: _step_facts,
        5: _step_materials,
        6: _step_review,
    }[step]
    return handler(request, filing)


def _step_court(request: HttpRequest, filing: Filing) -> HttpResponse:
    current = reads.filing_input(filing)
    form = CourtKindForm(
        request.POST or None,
        initial={
            "court_code": current.court_code,
            "kind": current.kind,
            "cause_code": current.cause_code,
        },
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        current.court_code, current.kind = d["court_code"], d["kind"]
        current.cause_code = d["cause_code"] or None
        roles = spec_for(d["kind"]).roles
        for i, p in enumerate(current.parties):  # keep the sides consistent with the kind
            if p.role not in roles:
                p.role = roles[0] if i == 0 else roles[1]
        err = _save(request, filing, current)
        if err is None:
            return _next(filing, 1)
        form.add_domain_errors(err.fields or {"__all__": err.message})
    return _wizard(request, "portal/wizard/step_court.html", filing, 1, form=form)


@require_GET
def causes_fragment(request: HttpRequest) -> HttpResponse:
    """htmx: the cause <select> options for a kind of filing."""
    return render(
        request,
        "portal/wizard/_cause_options.html",
        {
            "choices": cause_choices(request.GET.get("kind")),
            "selected": request.GET.get("cause_code", ""),
        },
    )


def _party_initial(p: actions.PartyInput) -> dict[str, Any]:
    agent = p.agents[0] if p.agents else None
    return {
        "role": p.role,
        "kind": p.kind,
        "name": p.name,
        "id_number": p.id_number,
        "credit_code": p.credit_code,
        "mobile": p.mobile,
        "address": p.address,
        "legal_representative": p.legal_representative,
        "agent_kind": agent.kind if agent else "",
        "agent_name": agent.name if agent else "",
        "agent_licence_no": agent.licence_no if agent else "",
        "agent_law_firm": agent.law_firm if agent else "",
    }


def _rows_from_post(post: Any, prefix: str, names: tuple[str, ...]) -> list[dict[str, str]]:
    try:
        count = min(int(post.get(f"{prefix}-count", "0")), 50)
    except ValueError:
        count = 0
    return [{n: post.get(f"{prefix}-{i}-{n}", "") for n in names} for i in range(count)]


def _party_forms(rows: list[dict[str, Any]], bind: bool) -> list[PartyForm]:
    forms = []
    for i, row in enumerate(rows):
        prefix = f"p-{i}"
        if bind:
            forms.append(PartyForm({f"{prefix}-{k}": v for k, v in row.items()}, prefix=prefix))
        else:
            forms.append(PartyForm(initial=row, prefix=prefix))
    return forms


def _step_parties(request: HttpRequest, filing: Filing) -> HttpResponse:
    current = reads.filing_input(filing)
    roles = spec_for(filing.kind).roles
    if request.method == "POST":
        rows = _rows_from_post(request.POST, "p", PartyForm.PARTY_FIELDS)
        op = request.POST.get("op", "save")
        if op == "add":
            rows.append({"role": roles[1], "kind": "natural"})
            return _render_parties(request, filing, _party_forms(rows, bind=False), roles)
        if op.startswith("remove-"):
            idx = int(op.split("-", 1)[1]) if op.split("-", 1)[1].isdigit() else -1
            if 0 <= idx < len(rows):
                rows.pop(idx)
            return _render_parties(request, filing, _party_forms(rows, bind=False), roles)
        forms = _party_forms(rows, bind=True)
        if all(f.is_valid() for f in forms):
            parties = []
            for f in forms:
                d = f.cleaned_data
                agents = []
                if d["agent_kind"] and d["agent_name"]:
                    agents.append(
                        actions.AgentInput(
                            kind=d["agent_kind"],
                            name=d["agent_name"],
                            licence_no=d["agent_licence_no"],
                            law_firm=d["agent_law_firm"],
                        )
                    )
                parties.append(
                    actions.PartyInput(
                        role=d["role"],
                        kind=d["kind"],
                        name=d["name"],
                        id_number=d["id_number"],
                        credit_code=d["credit_code"],
                        mobile=d["mobile"],
                        address=d["address"],
                        legal_representative=d["legal_representative"],
                        agents=agents,
                    )
                )
            current.parties = parties
            err = _save(request, filing, current)
            if err is None:
                return _next(filing, 2)
            _party_errors(forms, err)
        return _render_parties(request, filing, forms, roles)
    rows = [_party_initial(p) for p in current.parties]
    if not any(r["role"] == roles[1] for r in rows):
        rows.append({"role": roles[1], "kind": "natural"})
    return _render_parties(request, filing, _party_forms(rows, bind=False), roles)


def _party_errors(forms: list[PartyForm], err: DomainError) -> None:
    import re

    rx = re.compile(r"^parties\[(\d+)\]\.(?:agents\[\d+\]\.)?(\w+)$")
    for key, msg in (err.fields or {"__all__": err.message}).items():
        m = rx.match(key)
        if m and int(m.group(1)) < len(forms):
            form, name = forms[int(m.group(1))], m.group(2)
            if ".agents[" in key:
                name = {"licence_no": "agent_licence_no", "name": "agent_name"}.get(
                    name, "agent_name"
                )
            elif name == "id":
                name = "id_number"
            form.add_domain_errors({name: msg})
        elif forms:
            forms[0].add_domain_errors({"__all__": msg})


def _render_parties(
    request: HttpRequest, filing: Filing, forms: list[PartyForm], roles: tuple[str, str]
) -> HttpResponse:
    return _wizard(
        request, "portal/wizard/step_parties.html", filing, 2, forms=forms, count=len(forms)
    )


def _step_claims(request: HttpRequest, filing: Filing) -> HttpResponse:
    current = reads.filing_input(filing)
    form = ClaimsForm(
        request.POST or None,
        initial={
            "claims": current.claims,
            "claim_amount": "" if current.claim_amount is None else f"{current.claim_amount:.2f}",
        },
    )
    if request.method == "POST" and form.is_valid():
        current.claims = form.cleaned_data["claims"]
        current.claim_amount = form.cleaned_data["claim_amount"].replace(",", "") or None
        err = _save(request, filing, current)
        if err is None:
            return _next(filing, 3)
        form.add_domain_errors(err.fields or {"__all__": err.message})
    fee_kind = actions.fee_kind_for(filing)
    amount = form.data.get("claim_amount") if form.is_bound else form.initial["claim_amount"]
    result = _fee_result({"kind": fee_kind, "amount": amount or ""}) if fee_kind else None
    return _wizard(
        request,
        "portal/wizard/step_claims.html",
        filing,
        3,
        form=form,
        fee_kind=fee_kind,
        result=result,
        amount_required=spec_for(filing.kind).amount_required,
    )


EVIDENCE_FIELDS = ("name", "source", "purpose")


def _step_facts(request: HttpRequest, filing: Filing) -> HttpResponse:
    current = reads.filing_input(filing)
    if request.method == "POST":
        form = FactsForm(request.POST)
        rows = _rows_from_post(request.POST, "e", EVIDENCE_FIELDS)
        op = request.POST.get("op", "save")
        if op == "add" or op.startswith("remove-"):
            if op == "add":
                rows.append(dict.fromkeys(EVIDENCE_FIELDS, ""))
            elif op[7:].isdigit() and int(op[7:]) < len(rows):
                rows.pop(int(op[7:]))
            form = FactsForm(initial={"facts": request.POST.get("facts", "")})
            return _wizard(
                request, "portal/wizard/step_facts.html", filing, 4, form=form, rows=rows
            )
        if form.is_valid():
            current.facts = form.cleaned_data["facts"]
            current.evidence = [
                {k: v.strip() for k, v in r.items()} for r in rows if r["name"].strip()
            ]
            err = _save(request, filing, current)
            if err is None:
                return _next(filing, 4)
            form.add_domain_errors(err.fields or {"__all__": err.message})
    else:
        form = FactsForm(initial={"facts": current.facts})
        rows = [{k: str(e.get(k, "")) for k in EVIDENCE_FIELDS} for e in current.evidence]
        if not rows:
            rows = [dict.fromkeys(EVIDENCE_FIELDS, "")]
    return _wizard(request, "portal/wizard/step_facts.html", filing, 4, form=form, rows=rows)


def _materials_ctx(filing: Filing) -> dict[str, Any]:
    atts = list(filing.attachments.filter(superseded=False))
    items = []
    for m in materials(filing):
        items.append({**m, "files": [a for a in atts if a.category == m["category"]]})
    return {"items": items}


def _step_materials(request: HttpRequest, filing: Filing) -> HttpResponse:
    if request.method == "POST":
        return _next(filing, 5)
    return _wizard(
        request, "portal/wizard/step_materials.html", filing, 5, **_materials_ctx(filing)
    )


UPLOAD_MESSAGES = {
    "upload_bad_type": gettext_lazy(
        "文件类型不支持：只接受 PDF、JPEG、PNG 文件（按文件内容识别）。"
    ),
    "upload_corrupt": gettext_lazy("文件已损坏或不完整，请重新扫描后上传。"),
    "upload_too_large": gettext_lazy("文件过大，请压缩或分拆后上传。"),
    "upload_empty": gettext_lazy("文件为空，请重新选择。"),
}


@portal_view
@require_POST
def upload(request: HttpRequest, filing_id: int) -> HttpResponse:
    """Multipart upload of one material (htmx: re-renders that material's card)."""
    category = request.POST.get("category", "")
    upload_file = request.FILES.get("file")
    error = None
    status = 200
    if upload_file is None:
        error = _("请选择要上传的文件。")
        status = 422
    else:
        try:
            actions.add_attachment(
                filing_id, category=category, upload=upload_file, acting_user=request.user
            )
        except DomainError as e:
            if e.status == 404:
                raise
            detail = (e.fields or {}).get("file")
            error = str(UPLOAD_MESSAGES.get(e.code, e.message))
            if detail and detail not in error:
                error = f"{error}（{detail}）"
            status = e.status
    filing = access_filing(request.user, filing_id)
    if not is_htmx(request):
        if error:
            messages.error(request, error)
        else:
            messages.success(request, _("上传成功。"))
        return redirect("portal:filing_step", filing_id=filing_id, step=5)
    ctx = _materials_ctx(filing)
    item = next((i for i in ctx["items"] if i["category"] == category), None)
    response = render(
        request,
        "portal/wizard/_material.html",
        {
            "item": item,
            "filing": filing,
            "error": error,
            "uploaded": error is None,
        },
    )
    # htmx swaps 2xx only; keep the status visible to scripts but let the card swap.
    response["X-Upload-Status"] = str(status)
    return response


def _step_review(request: HttpRequest, filing: Filing) -> HttpResponse:
    detail = filing_detail(filing)
    problems = reads.flatten_errors(actions.completeness_problems(filing))
    problem_rows = [
        {"field": k, "message": v, "step": reads.step_for_field(k)} for k, v in problems.items()
    ]
    return _wizard(
        request,
        "portal/wizard/step_review.html",
        filing,
        6,
        d=detail,
        problems=problem_rows,
        idempotency_key=uuid.uuid4().hex,
    )


@portal_view
@require_POST
def submit(request: HttpRequest, filing_id: int) -> HttpResponse:
    """Submit (or resubmit). The Idempotency-Key makes a double click harmless: a repeated
    key, or a submit the state machine refuses (already submitted), shows the current state."""
    key = request.POST.get("idempotency_key", "")[:100]
    used: list[str] = request.session.get("portal_submit_keys", [])
    if key and key in used:
        access_filing(request.user, filing_id)  # still 404 for strangers
        return redirect("portal:filing", filing_id=filing_id)
    try:
        filing = actions.submit_filing(filing_id, acting_user=request.user)
    except DomainError as e:
        if e.code in ("filing_wrong_state", "wrong_state"):
            current = access_filing(request.user, filing_id)
            messages.info(
                request,
                _("该立案申请当前状态为“%(status)s”。") % {"status": current.get_status_display()},
            )
            return redirect("portal:filing", filing_id=filing_id)
        if e.code == "materials_incomplete":
            messages.error(request, e.message)
            return redirect("portal:filing_step", filing_id=filing_id, step=6)
        raise
    if key:
        request.session["portal_submit_keys"] = [*used[-19:], key]
    messages.success(
        request,
        _("已提交。法院应于 %(due)s 前作出是否立案的决定。")
        % {"due": filing.review_due.isoformat() if filing.review_due else ""},
    )
    return redirect("portal:filing", filing_id=filing_id)
