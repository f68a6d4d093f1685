"""portal pages for services."""

from django.urls import URLPattern, URLResolver

app_name = "portal_services"
urlpatterns: list[URLPattern | URLResolver] = []
