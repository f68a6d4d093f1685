from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("services/<slug:slug>/", views.coming_soon, name="coming_soon"),
    path("register/", views.register_view, name="register"),
    path(
        "login/",
        auth_views.LoginView.as_view(
            template_name="portal/login.html",
            redirect_authenticated_user=True,
            next_page="portal:matters",
        ),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(next_page="portal:home"), name="logout"),
    path("fees/", views.fees, name="fees"),
    path("fees/estimate/", views.fee_estimate, name="fee_estimate"),
    path("periods/", views.periods, name="periods"),
    path("matters/", views.matters, name="matters"),
    path("cases/<int:case_id>/", views.case_view, name="case"),
    path(
        "cases/<int:case_id>/top-ups/<int:notice_id>/notice.pdf",
        views.case_top_up_pdf,
        name="case_top_up_pdf",
    ),
    path("filings/new/", views.filing_new, name="filing_new"),
    path("filings/causes/", views.causes_fragment, name="causes"),
    path("filings/<int:filing_id>/", views.filing_view, name="filing"),
    path("filings/<int:filing_id>/step/<int:step>/", views.filing_step, name="filing_step"),
    path("filings/<int:filing_id>/upload/", views.upload, name="upload"),
    path("filings/<int:filing_id>/submit/", views.submit, name="submit"),
    path("filings/<int:filing_id>/withdraw/", views.withdraw, name="withdraw"),
]
