"""portal pages for stats."""

from django.urls import URLPattern, URLResolver

app_name = "portal_stats"
urlpatterns: list[URLPattern | URLResolver] = []
