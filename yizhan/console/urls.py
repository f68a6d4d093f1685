from django.urls import path

from . import views

app_name = "console"

urlpatterns = [
    path("", views.queue, name="queue"),
    path("court/", views.switch_court, name="switch_court"),
    path("logout/", views.logout_view, name="logout"),
    path("filings/<int:filing_id>/", views.filing_review, name="filing"),
    path("filings/<int:filing_id>/attachments/<int:att_id>/", views.attachment, name="attachment"),
    path("filings/<int:filing_id>/accept/", views.filing_accept, name="filing_accept"),
    path("filings/<int:filing_id>/return/", views.filing_return, name="filing_return"),
    path("filings/<int:filing_id>/refuse/", views.filing_refuse, name="filing_refuse"),
    path("filings/<int:filing_id>/relief/", views.filing_relief, name="filing_relief"),
    path("cases/<int:case_id>/", views.case_page, name="case"),
    path("cases/<int:case_id>/fee-paid/", views.case_fee_paid, name="case_fee_paid"),
    path(
        "cases/<int:case_id>/top-ups/<int:notice_id>/paid/",
        views.case_top_up_paid,
        name="case_top_up_paid",
    ),
    path(
        "cases/<int:case_id>/top-ups/<int:notice_id>/notice.pdf",
        views.case_top_up_pdf,
        name="case_top_up_pdf",
    ),
    path("fees/top-ups/", views.top_ups, name="top_ups"),
    path("counter/", views.counter, name="counter"),
    path("counter/mode/", views.counter_mode, name="counter_mode"),
    path("counter/<int:filing_id>/", views.counter_filing, name="counter_filing"),
    path("counter/<int:filing_id>/upload/", views.counter_upload, name="counter_upload"),
    path("counter/<int:filing_id>/submit/", views.counter_submit, name="counter_submit"),
    path("counter/<int:filing_id>/receipt/", views.counter_receipt, name="counter_receipt"),
]
