"""portal pages for mediation."""

from django.urls import URLPattern, URLResolver, path

from . import views

app_name = "portal_mediation"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.index, name="index"),
    path("apply/", views.apply, name="apply"),
    path("<int:matter_id>/", views.matter, name="matter"),
    path("<int:matter_id>/act/<slug:name>/", views.act, name="act"),
    path("<int:matter_id>/agreement.pdf", views.agreement, name="agreement"),
]
