"""The coordinators' admin in tests: booking people in, logging in, reading pages."""

from datetime import timedelta

from django.contrib.auth.models import Group
from django.urls import reverse

from events.bookings.services import booking as booking_service
from events.models import Booking

PASSWORD = "pw-for-tests-1"


def book(shift, name, *, confirm=True, **fields):
    # Signed up a week before the shift, while sign-up was open.
    now = shift.starts_at - timedelta(days=7)
    outcome = booking_service.sign_up(
        shift.pk,
        name=name,
        email=f"{name.lower()}@example.org",
        confirmations=shift.requirement_list,
        now=now,
        **fields,
    )
    if confirm and outcome.booking.status == Booking.Status.PENDING:
        booking_service.confirm(outcome.booking.pk, now=now)
    return Booking.objects.get(pk=outcome.booking.pk)


def login(client, django_user_model, kind):
    if kind == "anonymous":
        return None
    if kind == "superuser":
        user = django_user_model.objects.create_superuser("root", password=PASSWORD)
    else:
        user = django_user_model.objects.create_user(kind, password=PASSWORD)
        group = {"editor": "Editors", "coordinator": "Volunteer coordinators"}[kind]
        user.groups.add(Group.objects.get(name=group))
    client.force_login(user)
    return user


def url(name, *args, **query):
    path = reverse(f"events_admin:{name}", args=args)
    if query:
        path += "?" + "&".join(f"{key}={value}" for key, value in query.items())
    return path


def booking_of(bookable, name):
    """Someone's booking of a shift or registration, by their name."""
    return Booking.objects.get(bookable_id=bookable.pk, person__name=name)


def text(response):
    return response.content.decode() if not response.streaming else b"".join(response).decode()


def messages_on(response):
    return [str(message) for message in response.context["messages"]]
