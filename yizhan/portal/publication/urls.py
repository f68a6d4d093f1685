"""portal pages for publication."""

from django.urls import URLPattern, URLResolver, path

from . import views

app_name = "portal_publication"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.search_page, name="search"),
]
