from django.contrib import admin
from django.urls import include, path

from yizhan.api.api import api

urlpatterns = [
    path("api/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("console/", include("yizhan.console.urls")),
    path("", include("yizhan.portal.urls")),
]
