"""console pages for stats (mounted at /console/stats/)."""

from django.urls import URLPattern, URLResolver, path

from . import views

app_name = "console_stats"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.dashboard, name="dashboard"),
    path("trend/", views.trend, name="trend"),
    path("export/", views.export, name="export"),
    path("drill/<slug:code>/", views.drill, name="drill"),
]
