"""Portal pages of the service desk (mounted at /services/)."""

from django.urls import path

from . import views

app_name = "portal_services"

urlpatterns = [
    path("inquiry/", views.inquiry, name="inquiry"),
    path("inquiry/case/", views.inquiry_case, name="inquiry_case"),
    path("consult/", views.consult, name="consult"),
    path("tickets/", views.my_tickets, name="tickets"),
    path("tickets/<int:ticket_id>/", views.ticket, name="ticket"),
    path("appointments/", views.appointments, name="appointments"),
    path(
        "appointments/<int:appointment_id>/cancel/",
        views.appointment_cancel,
        name="appointment_cancel",
    ),
]
