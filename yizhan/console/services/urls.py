"""Console pages of the service desk (mounted at /console/services/)."""

from django.urls import path

from . import views

app_name = "console_services"

urlpatterns = [
    path("", views.agent, name="agent"),
    path("tickets/", views.tickets, name="tickets"),
    path("tickets/escalate/", views.escalate, name="escalate"),
    path("tickets/<int:ticket_id>/", views.ticket, name="ticket"),
    path("petitions/", views.petitions, name="petitions"),
    path("petitions/<int:petition_id>/", views.petition, name="petition"),
    path("kb/", views.kb, name="kb"),
    path("kb/new/", views.kb_edit, name="kb_new"),
    path("kb/<int:entry_id>/", views.kb_edit, name="kb_edit"),
    path("sms/", views.sms_log, name="sms"),
]
