"""console pages for mediation."""

from django.urls import URLPattern, URLResolver, path

from . import views

app_name = "console_mediation"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.matters, name="matters"),
    path("roster/", views.roster, name="roster"),
    path("roster/<slug:name>/", views.roster_act, name="roster_act"),
    path("figures/", views.figures, name="figures"),
    path("<int:matter_id>/", views.matter, name="matter"),
    path("<int:matter_id>/act/<slug:name>/", views.act, name="act"),
]
