"""console pages for trial."""

from django.urls import URLPattern, URLResolver, path

from . import views_cases

app_name = "console_trial"
urlpatterns: list[URLPattern | URLResolver] = [
    path("limits/", views_cases.limits, name="limits"),
    path("assignment/", views_cases.assignment, name="assignment"),
    path("assignment/<int:case_id>/", views_cases.assign, name="assign"),
    path("extensions/", views_cases.extensions, name="extensions"),
    path("extensions/<int:extension_id>/decide/", views_cases.decide, name="decide"),
]

# --- hearings and serial cases (part B) ---
from . import views_hearings as vh  # noqa: E402

urlpatterns += [
    path("hearings/", vh.calendar, name="hearings"),
    path("hearings/<int:hearing_id>/", vh.hearing, name="hearing"),
    path("hearings/<int:hearing_id>/act/<slug:name>/", vh.hearing_act, name="hearing_act"),
    path("hearings/cases/<int:case_id>/schedule/", vh.schedule, name="hearing_schedule"),
    path("hearings/cases/<int:case_id>/conflicts/", vh.conflicts, name="hearing_conflicts"),
    path("serial/", vh.serial_list, name="serial"),
    path("serial/<int:group_id>/", vh.serial_group, name="serial_group"),
    path("serial/<int:group_id>/act/<slug:name>/", vh.serial_act, name="serial_act"),
]

# --- per-case workflow pages (part A: limits, service, closure, fees, appeals, enforcement) ---
from . import views_workflow as vw  # noqa: E402

urlpatterns += [
    path("cases/<int:case_id>/suspensions/", vw.suspensions, name="wf_suspensions"),
    path(
        "cases/<int:case_id>/suspensions/<int:suspension_id>/end/",
        vw.suspension_end,
        name="wf_suspension_end",
    ),
    path("cases/<int:case_id>/extension/", vw.extension, name="wf_extension"),
    path("cases/<int:case_id>/conversion/", vw.conversion, name="wf_conversion"),
    path("cases/<int:case_id>/service/", vw.service, name="wf_service"),
    path("cases/<int:case_id>/closure/", vw.closure, name="wf_closure"),
    path("cases/<int:case_id>/closure/preview/", vw.closure_preview, name="wf_closure_preview"),
    path("cases/<int:case_id>/documents/upload/", vw.document_upload, name="wf_document_upload"),
    path(
        "cases/<int:case_id>/documents/generate/",
        vw.document_generate,
        name="wf_document_generate",
    ),
    path(
        "cases/<int:case_id>/documents/<int:document_id>/effective/",
        vw.document_effective,
        name="wf_document_effective",
    ),
    path(
        "cases/<int:case_id>/documents/<int:document_id>/file/",
        vw.document_file,
        name="wf_document_file",
    ),
    path("cases/<int:case_id>/fees/", vw.fees, name="wf_fees"),
    path("cases/<int:case_id>/appeal/", vw.appeal, name="wf_appeal"),
    path(
        "cases/<int:case_id>/appeal/<int:appeal_id>/answer/",
        vw.appeal_answer,
        name="wf_appeal_answer",
    ),
    path("cases/<int:case_id>/appeal-outcome/", vw.outcome, name="wf_outcome"),
    path(
        "cases/<int:case_id>/enforcement/apply/",
        vw.enforcement_apply,
        name="wf_enforcement_apply",
    ),
    path("cases/<int:case_id>/enforcement/", vw.enforcement, name="wf_enforcement"),
    path(
        "cases/<int:case_id>/enforcement/close/",
        vw.enforcement_close,
        name="wf_enforcement_close",
    ),
]
