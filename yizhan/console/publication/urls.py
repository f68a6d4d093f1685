"""console pages for publication."""

from django.urls import URLPattern, URLResolver

app_name = "console_publication"
urlpatterns: list[URLPattern | URLResolver] = []
