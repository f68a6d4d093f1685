"""console pages for trial."""

from django.urls import URLPattern, URLResolver

app_name = "console_trial"
urlpatterns: list[URLPattern | URLResolver] = []
