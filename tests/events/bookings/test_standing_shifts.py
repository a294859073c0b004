"""A volunteer's "every meeting until I stop" on a shift that repeats at every meeting of a
repeating event: the choice on the form, booking the meetings ahead once the first is
confirmed by email, following the horizon, and stopping from *my sign-ups*."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from events.bookings.services import booking as booking_service
from events.bookings.services import links, shifts
from events.calendar.services import occurrences
from events.models import Booking, OutboxMessage, Person, Shift, StandingShift
from tests.events import factories
from tests.events.bookings.helpers.repeating import ask_every_meeting, circle, meeting_shifts
from tests.events.bookings.helpers.shift_signup import event_with_shift, form_data, signup_url

pytestmark = pytest.mark.django_db


def active_shift_ids(person):
    return set(
        Booking.objects.filter(person=person, status__in=Booking.ACTIVE).values_list(
            "bookable_id", flat=True
        )
    )


def test_the_choice_shows_only_on_a_shift_that_repeats(client):
    event = circle()
    repeating = meeting_shifts(event)[0]
    one_off_event, one_off = event_with_shift()

    page = client.get(signup_url(event, repeating)).content.decode()
    plain = client.get(signup_url(one_off_event, one_off)).content.decode()

    assert "<legend>Which meetings will you help at?" in page
    assert "This meeting only" in page and "Every meeting until I stop" in page
    assert 'type="radio"' in page
    assert "Every meeting until I stop" not in plain


def test_the_form_asks_for_every_meeting(client):
    event = circle()
    first = meeting_shifts(event)[0]

    response = client.post(signup_url(event, first), form_data(meetings="every"))

    assert response.status_code == 302, response.content.decode()[-3000:]
    standing = StandingShift.objects.get()
    assert standing.status == "pending"
    assert standing.series_uid == first.series_uid
    # Nothing else is booked until the first shift is confirmed by its emailed link.
    assert active_shift_ids(standing.person) == {first.pk}


def test_every_meeting_on_a_one_off_shift_is_just_that_shift(client):
    event, shift = event_with_shift()

    response = client.post(signup_url(event, shift), form_data(meetings="every"))

    assert response.status_code == 302
    assert not StandingShift.objects.exists()
    assert Booking.objects.count() == 1


def test_confirming_the_first_books_every_meeting_ahead():
    event = circle(weeks=4)
    made = meeting_shifts(event)
    outcome = ask_every_meeting(made[0])

    booking_service.confirm(outcome.booking.pk)

    standing = StandingShift.objects.get()
    assert standing.status == "active"
    assert active_shift_ids(standing.person) == {shift.pk for shift in made}
    statuses = set(Booking.objects.filter(person=standing.person).values_list("status", flat=True))
    assert statuses == {"confirmed"}


def test_a_full_meeting_puts_them_on_its_waiting_list_with_the_notice():
    event = circle(weeks=3)
    made = meeting_shifts(event)
    full = made[2]
    Shift.objects.filter(pk=full.pk).update(capacity=1)
    other = booking_service.sign_up(
        full.pk, name="Yusuf", email="yusuf@example.org", confirmations=full.requirement_list
    )
    booking_service.confirm(other.booking.pk)
    outcome = ask_every_meeting(made[0])

    booking_service.confirm(outcome.booking.pk)

    waiting = Booking.objects.get(bookable_id=full.pk, person=outcome.booking.person)
    assert waiting.status == "waitlisted"
    assert OutboxMessage.objects.filter(booking=waiting, purpose="booking_waitlisted").exists()


def test_the_horizon_moving_on_books_the_next_meeting(settings):
    settings.TAPESTRY_OCCURRENCE_HORIZON_DAYS = 20
    event = circle(weeks=None, repeat_count=None)
    assert len(meeting_shifts(event)) == 2
    outcome = ask_every_meeting(meeting_shifts(event)[0])
    booking_service.confirm(outcome.booking.pk)
    person = outcome.booking.person

    later = timezone.now() + timedelta(days=14)
    occurrences.refresh_event(event, now=later)
    shifts.sync_repeating(now=later)

    ahead = {shift.pk for shift in meeting_shifts(event) if shift.starts_at > later}
    assert len(ahead) >= 2
    assert ahead <= active_shift_ids(person)


def test_an_unconfirmed_request_changes_nothing_stored_about_the_person():
    """Someone typing another person's address must not book them on anything, nor
    alter the commitment they already have."""
    event = circle(weeks=4)
    made = meeting_shifts(event)
    mine = ask_every_meeting(made[0])
    booking_service.confirm(mine.booking.pk)
    person = Person.objects.get(pk=mine.booking.person_id)
    before = (
        set(Booking.objects.filter(person=person).values_list("pk", "status")),
        list(StandingShift.objects.values_list("pk", "status", "first_booking_id")),
        (person.name, person.phone),
    )

    # Someone else, with the same address, asks again; and a stranger asks for themselves.
    ask_every_meeting(made[1])
    stranger = ask_every_meeting(made[0], email="someone@example.org")

    person.refresh_from_db()
    after = (
        set(Booking.objects.filter(person=person).values_list("pk", "status")),
        list(
            StandingShift.objects.filter(person=person).values_list(
                "pk", "status", "first_booking_id"
            )
        ),
        (person.name, person.phone),
    )
    assert after == before
    # The stranger's request books nothing beyond the one unconfirmed hold.
    assert active_shift_ids(stranger.booking.person) == {made[0].pk}
    assert StandingShift.objects.get(person=stranger.booking.person).status == "pending"


def test_stopping_cancels_the_meetings_ahead_only(client):
    event = circle(weeks=4)
    made = meeting_shifts(event)
    outcome = ask_every_meeting(made[0])
    booking_service.confirm(outcome.booking.pk)
    person = outcome.booking.person
    standing = StandingShift.objects.get()
    # The first meeting is over by the time they stop.
    Shift.objects.filter(pk=made[0].pk).update(
        starts_at=timezone.now() - timedelta(hours=3), ends_at=timezone.now() - timedelta(hours=2)
    )
    url = reverse("events:my_bookings", args=[links.manage_token(person)])

    page = client.get(url).content.decode()
    assert "Stop helping at every meeting" in page
    asked = client.post(url, {"action": "stop_shift_ask", "standing": str(standing.public_id)})
    assert "Yes, stop and cancel the shifts ahead" in asked.content.decode()
    standing.refresh_from_db()
    assert standing.status == "active"  # asking changes nothing

    client.post(url, {"action": "stop_shift", "standing": str(standing.public_id)})

    standing.refresh_from_db()
    assert standing.status == "cancelled"
    assert active_shift_ids(person) == {made[0].pk}
    cancelled = Booking.objects.filter(person=person, status="cancelled")
    assert cancelled.count() == 3
    assert (
        OutboxMessage.objects.filter(booking__in=cancelled, purpose="booking_cancelled").count()
        == 3
    )

    # A new meeting later is not booked for them.
    shifts.sync(event)
    assert active_shift_ids(person) == {made[0].pk}


def test_coordinators_see_every_meeting_on_the_roster(client, django_user_model):
    from tests.events.bookings.helpers.admin import login, text, url

    event = circle(weeks=2)
    first, second = meeting_shifts(event)
    outcome = ask_every_meeting(first)
    booking_service.confirm(outcome.booking.pk)
    once = shifts.sign_up(
        second,
        name="Yusuf",
        email="yusuf@example.org",
        confirmations=second.requirement_list,
    )
    booking_service.confirm(once.booking.pk)
    login(client, django_user_model, "coordinator")

    page = text(client.get(url("shift_roster", second.pk)))

    zara_row = page.split("Zara", 1)[1].split("</th>", 1)[0]
    yusuf_row = page.split("Yusuf", 1)[1].split("</th>", 1)[0]
    assert "Every meeting" in zara_row
    assert "Every meeting" not in yusuf_row


def test_a_forgotten_person_is_booked_on_nothing_more():
    from events.bookings.services import retention

    event = circle(weeks=2)
    outcome = ask_every_meeting(meeting_shifts(event)[0])
    booking_service.confirm(outcome.booking.pk)

    retention.anonymise(outcome.booking.person_id)

    assert StandingShift.objects.get().status == "cancelled"


def test_removing_the_shift_from_the_page_ends_the_commitment():
    event = circle(weeks=2)
    outcome = ask_every_meeting(meeting_shifts(event)[0])
    booking_service.confirm(outcome.booking.pk)

    factories.republish(event, shifts=[])

    assert StandingShift.objects.get().status == "cancelled"
    assert not active_shift_ids(outcome.booking.person)
