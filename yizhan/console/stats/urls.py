"""console pages for stats."""

from django.urls import URLPattern, URLResolver

app_name = "console_stats"
urlpatterns: list[URLPattern | URLResolver] = []
