"""console pages for mediation."""

from django.urls import URLPattern, URLResolver

app_name = "console_mediation"
urlpatterns: list[URLPattern | URLResolver] = []
