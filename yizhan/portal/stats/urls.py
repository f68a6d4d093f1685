"""portal pages for stats (mounted at /open-data/)."""

from django.urls import URLPattern, URLResolver, path

from . import views

app_name = "portal_stats"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.index, name="index"),
    path("dictionary/", views.dictionary, name="dictionary"),
]
