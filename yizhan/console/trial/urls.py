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
