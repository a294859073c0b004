from django.urls import path

import campaign.converters  # noqa: F401 (registers the <id:...> path converter)
from events.bookings.views import checkin, hours, roster, roster_actions
from events.outbox.views import admin_mail

app_name = "events_admin"


def roster_urls(prefix, pages, overview, full_roster, one_roster, one):
    """The overview, roster and per-shift (or per-registration) pages of one kind."""
    by_id = f"{prefix}/{one}/<id:shift_id>/"
    booking = f"{by_id}bookings/<id:booking_id>/"
    kind = {"pages": pages}
    return [
        path(f"{prefix}/", overview.as_view(), name=pages.overview),
        path(
            f"{prefix}/results/",
            overview.as_view(results_only=True),
            name=f"{pages.overview}_results",
        ),
        path(f"{prefix}/roster/", full_roster.as_view(), name=pages.roster),
        path(
            f"{prefix}/roster/results/",
            full_roster.as_view(results_only=True),
            name=f"{pages.roster}_results",
        ),
        path(by_id, one_roster.as_view(), name=f"{pages.one}_roster"),
        path(
            f"{by_id}results/",
            one_roster.as_view(results_only=True),
            name=f"{pages.one}_roster_results",
        ),
        path(f"{by_id}add/", roster_actions.add_volunteer, kind, name=f"{pages.one}_add"),
        path(
            f"{by_id}message/", roster_actions.message_volunteers, kind, name=f"{pages.one}_message"
        ),
        path(
            f"{booking}remove/", roster_actions.remove_volunteer, kind, name=f"{pages.one}_remove"
        ),
        path(
            f"{booking}attendance/",
            roster_actions.set_attendance,
            kind,
            name=f"{pages.one}_attendance",
        ),
        path(f"{booking}front/", roster_actions.move_to_front, kind, name=f"{pages.one}_front"),
    ]


_door = "checkin/<slug:kind>/<id:bookable_id>/"

urlpatterns = [
    path("volunteering/hours/", hours.report, name="hours"),
    path(
        "volunteering/shifts/<id:shift_id>/bookings/<id:booking_id>/hours/",
        hours.correct,
        name="hours_correct",
    ),
    path("checkin/", checkin.today, name="checkin"),
    path(_door, checkin.door, name="checkin_door"),
    path(f"{_door}bookings/<id:booking_id>/", checkin.tap, name="checkin_tap"),
    path(f"{_door}walk-in/", checkin.walk_in, name="checkin_walk_in"),
    path(f"{_door}sheet/", checkin.sheet, name="checkin_sheet"),
    path("failed-mail/", admin_mail.failed_mail, name="failed_mail"),
    path("failed-mail/<id:pk>/retry/", admin_mail.retry_mail, name="retry_mail"),
    path("failed-mail/<id:pk>/cancel/", admin_mail.cancel_mail, name="cancel_mail"),
    *roster_urls(
        "volunteering",
        roster.VOLUNTEERS,
        roster.VolunteeringView,
        roster.RosterView,
        roster.ShiftRosterView,
        "shifts",
    ),
    *roster_urls(
        "attendees",
        roster.ATTENDEES,
        roster.AttendeesView,
        roster.AttendeeListView,
        roster.RegistrationRosterView,
        "registrations",
    ),
]
