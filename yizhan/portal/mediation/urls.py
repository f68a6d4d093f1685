"""portal pages for mediation."""

from django.urls import URLPattern, URLResolver

app_name = "portal_mediation"
urlpatterns: list[URLPattern | URLResolver] = []
