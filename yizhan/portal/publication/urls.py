"""portal pages for publication."""

from django.urls import URLPattern, URLResolver

app_name = "portal_publication"
urlpatterns: list[URLPattern | URLResolver] = []
