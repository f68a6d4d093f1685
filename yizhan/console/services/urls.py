"""console pages for services."""

from django.urls import URLPattern, URLResolver

app_name = "console_services"
urlpatterns: list[URLPattern | URLResolver] = []
