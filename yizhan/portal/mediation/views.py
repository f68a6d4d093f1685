"""Portal pages for pre-litigation mediation: apply, follow, choose a mediator, consent, sign.

Views parse the form and call ``yizhan.mediation.actions``; they never write models."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from yizhan.cases.models import Cause
from yizhan.core.errors import DomainError
from yizhan.core.models import Court
from yizhan.mediation import actions, selectors
from yizhan.mediation.documents import agreement_pdf
from yizhan.mediation.models import Specialty
from yizhan.mediation.permissions import access_matter
from yizhan.pdf import pdf_response
from yizhan.portal.views import portal_view


@portal_view
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    matters = list(selectors.my_matters(request.user))  # type: ignore[arg-type]
    return render(request, "portal/mediation/index.html", {"matters": matters})


def _form_context(form: dict[str, Any], errors: dict[str, Any]) -> dict[str, Any]:
    return {
        "form": form,
        "errors": errors,
        "courts": Court.objects.filter(is_active=True).order_by("code"),
        "causes": Cause.objects.filter(is_active=True, category="civil").order_by("code")[:300],
        "specialties": Specialty.choices,
    }


@portal_view
@require_http_methods(["GET", "POST"])
def apply(request: HttpRequest) -> HttpResponse:
    user = request.user
    form: dict[str, Any] = {
        "court_code": "",
        "cause_code": "",
        "claims": "",
        "claim_amount": "",
        "facts": "",
        "specialty": "",
        "region": "",
        "respondent_kind": "natural",
        "respondent_name": "",
        "respondent_id": "",
        "respondent_mobile": "",
    }
    errors: dict[str, Any] = {}
    if request.method == "POST":
        form.update({k: request.POST.get(k, "").strip() for k in form})
        data = actions.MatterInput(
            court_code=form["court_code"],
            claims=form["claims"],
            cause_code=form["cause_code"] or None,
            claim_amount=form["claim_amount"] or None,
            facts=form["facts"],
            specialty=form["specialty"],
            region=form["region"],
            parties=[
                actions.PartyInput(
                    role="applicant",
                    kind="natural",
                    name=user.real_name or user.username,  # type: ignore[union-attr]
                    id_number=user.id_number or "",  # type: ignore[union-attr]
                    mobile=user.mobile,  # type: ignore[union-attr]
                ),  # type: ignore[union-attr]
                actions.PartyInput(
                    role="respondent",
                    kind=form["respondent_kind"],
                    name=form["respondent_name"],
                    id_number=form["respondent_id"] if form["respondent_kind"] == "natural" else "",
                    credit_code=form["respondent_id"]
                    if form["respondent_kind"] != "natural"
                    else "",
                    mobile=form["respondent_mobile"],
                ),
            ],
        )
        try:
            matter = actions.apply_for_mediation(data, acting_user=user)
        except DomainError as e:
            errors = {"form": e.message, **e.fields}
        else:
            messages.success(request, _("已提交诉前调解申请，案号 %(n)s。") % {"n": matter.number})
            return redirect("portal_mediation:matter", matter_id=matter.pk)
    status = 422 if errors else 200
    return render(
        request, "portal/mediation/apply.html", _form_context(form, errors), status=status
    )


@portal_view
@require_GET
def matter(request: HttpRequest, matter_id: int) -> HttpResponse:
    m = access_matter(request.user, matter_id)
    detail = selectors.detail(m, request.user)  # type: ignore[arg-type]
    suggestions = selectors.suggest_mediators(m) if m.status == "choosing" else []
    pending_ext = next((x for x in detail["extensions"] if x["status"] == "pending"), None)
    mine = [p for p in detail["parties"] if p["mine"]]
    return render(
        request,
        "portal/mediation/matter.html",
        {
            "m": m,
            "d": detail,
            "suggestions": suggestions,
            "pending_ext": pending_ext,
            "mine": mine,
            "fees": selectors.fee_preview(m),
            "i_signed": bool(mine) and all(p["signed"] for p in mine),
            "i_applied": bool(mine) and all(p["applied_confirmation"] for p in mine),
        },
    )


def _act(request: HttpRequest, matter_id: int, name: str) -> None:
    p = request.POST
    u = request.user
    handlers: dict[str, Callable[[], Any]] = {
        "choose": lambda: actions.choose_mediator(
            matter_id, int(p.get("mediator_id", "0") or 0), acting_user=u
        ),
        "request_appointment": lambda: actions.request_appointment(matter_id, acting_user=u),
        "consent_diversion": lambda: actions.respond_to_diversion(
            matter_id, consent=p.get("consent") == "yes", acting_user=u
        ),
        "consent_extension": lambda: actions.consent_to_extension(
            matter_id,
            int(p.get("extension_id", "0") or 0),
            consent=p.get("consent") == "yes",
            acting_user=u,
        ),
        "sign": lambda: actions.sign_agreement(matter_id, acting_user=u),
        "confirmation": lambda: actions.apply_for_confirmation(matter_id, acting_user=u),
        "withdraw": lambda: actions.withdraw(matter_id, reason=p.get("reason", ""), acting_user=u),
    }
    if name not in handlers:
        from yizhan.core.errors import CommonError

        raise CommonError.NOT_FOUND.exc()
    handlers[name]()


@portal_view
@require_POST
def act(request: HttpRequest, matter_id: int, name: str) -> HttpResponse:
    try:
        _act(request, matter_id, name)
    except ValueError:
        messages.error(request, _("提交的内容有误。"))
    except DomainError as e:
        if e.status == 404:
            raise
        messages.error(request, e.message)
    else:
        messages.success(request, _("操作已完成。"))
    return redirect("portal_mediation:matter", matter_id=matter_id)


@portal_view
@require_GET
def agreement(request: HttpRequest, matter_id: int) -> HttpResponse:
    m = access_matter(request.user, matter_id)
    if not hasattr(m, "agreement"):
        from yizhan.core.errors import CommonError

        raise CommonError.NOT_FOUND.exc()
    return pdf_response(agreement_pdf(m), f"agreement-{m.pk}.pdf")
