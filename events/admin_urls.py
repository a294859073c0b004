from django.urls import path

from events.views import admin_mail, roster

app_name = "events_admin"

urlpatterns = [
    path("failed-mail/", admin_mail.failed_mail, name="failed_mail"),
    path("failed-mail/<int:pk>/retry/", admin_mail.retry_mail, name="retry_mail"),
    path("failed-mail/<int:pk>/cancel/", admin_mail.cancel_mail, name="cancel_mail"),
    path("volunteering/", roster.VolunteeringView.as_view(), name="volunteering"),
    path(
        "volunteering/results/",
        roster.VolunteeringView.as_view(results_only=True),
        name="volunteering_results",
    ),
    path("volunteering/roster/", roster.RosterView.as_view(), name="volunteer_roster"),
    path(
        "volunteering/roster/results/",
        roster.RosterView.as_view(results_only=True),
        name="volunteer_roster_results",
    ),
    path(
        "volunteering/shifts/<int:shift_id>/",
        roster.ShiftRosterView.as_view(),
        name="shift_roster",
    ),
    path(
        "volunteering/shifts/<int:shift_id>/results/",
        roster.ShiftRosterView.as_view(results_only=True),
        name="shift_roster_results",
    ),
    path(
        "volunteering/shifts/<int:shift_id>/add/",
        roster.add_volunteer,
        name="shift_add",
    ),
    path(
        "volunteering/shifts/<int:shift_id>/message/",
        roster.message_volunteers,
        name="shift_message",
    ),
    path(
        "volunteering/shifts/<int:shift_id>/bookings/<int:booking_id>/remove/",
        roster.remove_volunteer,
        name="shift_remove",
    ),
    path(
        "volunteering/shifts/<int:shift_id>/bookings/<int:booking_id>/attendance/",
        roster.set_attendance,
        name="shift_attendance",
    ),
]
