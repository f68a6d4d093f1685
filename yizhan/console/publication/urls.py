"""console pages for publication."""

from django.urls import URLPattern, URLResolver, path

from . import views

app_name = "console_publication"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.queue, name="queue"),
    path("<int:draft_id>/", views.review, name="review"),
    path("<int:draft_id>/approve/", views.approve, name="approve"),
    path("<int:draft_id>/hold/", views.hold, name="hold"),
    path("<int:draft_id>/masks/", views.masks, name="masks"),
    path("<int:draft_id>/withhold/", views.withhold, name="withhold"),
    path("similar/<int:case_id>/", views.similar_panel, name="similar"),
]
