from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path
from django.utils.functional import lazy
from django.views.generic import RedirectView

from yizhan.api.api import api

urlpatterns = [
    path("api/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("console/mediation/", include("yizhan.console.mediation.urls")),
    path("console/services/", include("yizhan.console.services.urls")),
    path("console/publication/", include("yizhan.console.publication.urls")),
    path("console/trial/", include("yizhan.console.trial.urls")),
    path("console/stats/", include("yizhan.console.stats.urls")),
    path("console/", include("yizhan.console.urls")),
    path("open-data/", include("yizhan.portal.stats.urls")),
    path("mediation/", include("yizhan.portal.mediation.urls")),
    path("services/", include("yizhan.portal.services.urls")),
    path("judgments/", include("yizhan.portal.publication.urls")),
    path("favicon.ico", RedirectView.as_view(url=lazy(static, str)("favicon.svg"), permanent=True)),
    path("", include("yizhan.portal.urls")),
]
