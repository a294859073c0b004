"""A shift's stored title is English data; what a person reads about their booking names
it in the language they booked in: the event's live translation's title (and the
translated shift's role, when the translation's shift row has one), else the English
title, marked as English where it is HTML."""

import pytest
from django.core import mail as django_mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import formats, timezone, translation

from events.bookings.services import links, notices, reader_titles
from events.models import Booking, EventShift
from tests.events.bookings.helpers.shift_signup import event_with_shift, form_data, signup_url
from tests.events.translations import translate
from tests.support.demo_once import fresh, module_rows
from tests.support.outbox import deliver

pytestmark = pytest.mark.django_db

SPANISH_TITLE = "Feria de bienestar de primavera"


def _build_fair():
    event, shift = event_with_shift()
    spanish = translate(event, title=SPANISH_TITLE, slug="feria")
    return event, shift, spanish


# The fair with a shift and its live Spanish translation: built once for the module, read
# anew by each test that books on it; each test's bookings and changes are undone.
fair_rows = module_rows(_build_fair)


@pytest.fixture
def fair(fair_rows, db):
    """(event, shift, spanish) of the translated fair."""
    return fresh(fair_rows)


def _booked(prefix, fair=None):
    """A confirmed booking made at ``prefix`` ("/es" or ""), mail outbox emptied: on the
    translated ``fair``, or without one on an event of its own that has no translation."""
    if fair is None:
        event, shift = event_with_shift()
        return _booked_on(event, shift, prefix)
    event, shift, spanish = fair
    return _booked_on(event, shift, prefix, spanish)


def _booked_on(event, shift, prefix, spanish=None):
    Client().post(prefix + signup_url(event, shift), form_data())
    booking = Booking.objects.select_related("bookable", "person").get()
    booking.status = Booking.Status.CONFIRMED
    booking.confirmed_at = timezone.now()
    booking.save()
    deliver()
    django_mail.outbox.clear()
    return event, shift, spanish, booking


def _ics(message):
    (part,) = [a for a in message.attachments if a[0] == "invite.ics"]
    return part[1].replace("\r\n ", "")


def _mail(booking, purpose):
    notices.notify(booking, purpose, timezone.now(), about=":test")
    with translation.override("en-gb"):  # the worker's own language must not matter
        deliver()
    (message,) = django_mail.outbox
    return message, message.alternatives[0][0]


@pytest.mark.parametrize(
    "purpose", ["booking_confirmed", "booking_reminder", "booking_changed", "booking_cancelled"]
)
def test_a_spanish_booking_on_a_translated_event_reads_the_spanish_title(purpose, fair):
    _event, shift, _spanish, booking = _booked("/es", fair)
    if purpose == "booking_cancelled":
        Booking.objects.filter(pk=booking.pk).update(status=Booking.Status.CANCELLED)
        booking.refresh_from_db()

    message, html = _mail(booking, purpose)

    expected = f"Welcome desk: {SPANISH_TITLE}"
    assert expected in message.subject
    assert SPANISH_TITLE in message.body and shift.title not in message.body
    # The role is not translated (the translation's shift row holds the English words):
    # it is marked as English, the event's Spanish title is not.
    assert f'<span lang="en-GB">Welcome desk</span>: {SPANISH_TITLE}' in html
    assert f"SUMMARY;LANGUAGE=es:{expected}" in _ics(message)


def test_the_confirmation_link_mail_names_the_spanish_title_too(fair):
    event, shift, _spanish = fair
    Client().post("/es" + signup_url(event, shift), form_data())
    with translation.override("en-gb"):
        deliver()

    (message,) = django_mail.outbox
    assert SPANISH_TITLE in message.subject and SPANISH_TITLE in message.body


def test_an_english_booking_on_a_translated_event_is_unchanged(fair):
    _event, shift, _spanish, booking = _booked("", fair)

    message, html = _mail(booking, "booking_confirmed")

    assert message.subject == f"You are booked: {shift.title}"
    assert SPANISH_TITLE not in message.body + html
    assert 'lang="en-GB"' not in html
    assert f"SUMMARY:{shift.title}" in _ics(message)


def test_a_spanish_booking_on_an_untranslated_event_reads_english_marked_as_such():
    _event, shift, _spanish, booking = _booked("/es")

    message, html = _mail(booking, "booking_confirmed")

    assert shift.title in message.subject
    assert f'<span lang="en-GB">{shift.title}</span>' in html
    assert f"SUMMARY;LANGUAGE=en-GB:{shift.title}" in _ics(message)


def test_a_role_the_translation_translated_is_read_in_spanish(fair):
    _event, _shift, spanish, booking = _booked("/es", fair)
    EventShift.objects.filter(event=spanish).update(role="Mesa de bienvenida")

    message, html = _mail(booking, "booking_reminder")

    assert f"Mesa de bienvenida: {SPANISH_TITLE}" in message.subject
    assert f"<strong>Mesa de bienvenida: {SPANISH_TITLE}</strong>" in html


def test_a_draft_translation_is_not_read(fair):
    _event, shift, spanish, booking = _booked("/es", fair)
    spanish.unpublish()

    message, _html = _mail(booking, "booking_reminder")

    assert shift.title in message.subject and SPANISH_TITLE not in message.body


def test_one_query_in_spanish_none_in_english(fair):
    _event, _shift, _spanish, booking = _booked("/es", fair)
    bookable = booking.bookable

    with translation.override("en-gb"), CaptureQueriesContext(connection) as english:
        reader_titles.for_bookables([bookable])
    with translation.override("es"), CaptureQueriesContext(connection) as spanish:
        titles = reader_titles.for_bookables([bookable])

    assert len(english) == 0
    assert len(spanish) == 1
    assert titles[bookable.pk].text == f"Welcome desk: {SPANISH_TITLE}"


def test_the_sign_ups_page_in_spanish_names_the_spanish_title(client, fair):
    _event, shift, _spanish, booking = _booked("/es", fair)
    with translation.override("es"):
        url = reverse("events:my_bookings", args=[links.manage_token(booking.person)])

    body = client.get(url).content.decode()

    assert url.startswith("/es/")
    assert f'<span lang="en-GB">Welcome desk</span>: {SPANISH_TITLE}' in body
    assert shift.title not in body


def test_the_sign_ups_page_in_english_is_unchanged(client, fair):
    _event, shift, _spanish, booking = _booked("", fair)
    url = reverse("events:my_bookings", args=[links.manage_token(booking.person)])

    body = client.get(url).content.decode()

    assert shift.title in body and SPANISH_TITLE not in body


def test_wagtail_localize_copies_shift_rows_with_their_uid_and_english_role(client):
    """What a translation made with "Translate this page" holds: the shift rows are
    synchronised, not translated (EventShift is not translatable), with the source's uid,
    so the reader's title takes the source's role, marked as English."""
    from django.contrib.auth import get_user_model
    from wagtail.models import Locale

    from events.models import EventPage

    event, shift = event_with_shift()
    client.force_login(get_user_model().objects.create_superuser("ed", "e@example.org", "pw"))
    spanish = Locale.objects.get(language_code="es")
    client.post(
        reverse("wagtail_localize:submit_page_translation", args=[event.pk]),
        {"locales": [spanish.pk]},
    )
    translated = EventPage.objects.get(locale=spanish, translation_key=event.translation_key)
    translated.title = SPANISH_TITLE
    translated.save_revision().publish()

    (row,) = EventShift.objects.filter(event=translated)
    assert (row.uid, row.role) == (shift.uid, "Welcome desk")
    with translation.override("es"):
        title = reader_titles.for_bookable(shift)
    assert title.parts[0] == ("Welcome desk", "en-GB")
    assert title.text == f"Welcome desk: {SPANISH_TITLE}"


def test_a_registration_is_named_by_the_translated_title_and_a_spanish_day():
    from events.bookings.services import registrations
    from tests.events.bookings.helpers.registration import group, workshop

    one_off = workshop()
    translate(one_off, title="Taller de respiración tranquila", slug="taller")
    series = group()
    translate(series, title="Círculo de los martes", slug="circulo")
    single = registrations.registration_for(one_off, registrations.meeting(one_off), create=True)
    meeting = registrations.next_meeting(series)
    weekly = registrations.registration_for(series, meeting, create=True)

    with translation.override("es"):
        titles = reader_titles.for_bookables([single, weekly])
        day = timezone.localtime(meeting.start, series.zone)
        spanish_day = formats.date_format(day, "l j \\d\\e F \\d\\e Y")

    assert titles[single.pk].text == "Taller de respiración tranquila"
    assert titles[weekly.pk].text == f"Círculo de los martes, {spanish_day}"
    assert " de " in spanish_day and weekly.title.startswith("Tuesday circle, ")


def test_composing_a_spanish_mail_costs_one_query_more_than_an_english_one(fair):
    from events.bookings.services import mail
    from events.outbox.models import OutboxMessage

    def queries(prefix):
        django_mail.outbox.clear()
        OutboxMessage.objects.all().delete()
        Booking.objects.all().delete()
        _event, _shift, _spanish, booking = _booked_on(event, shift, prefix)
        notices.notify(booking, "booking_reminder", timezone.now(), about=":q")
        row = OutboxMessage.objects.select_related("booking__bookable", "booking__person").get(
            purpose="booking_reminder"
        )
        mail.compose(row)  # caches warmed (site settings, bodies) in this language
        with CaptureQueriesContext(connection) as captured:
            assert mail.compose(row) is not None
        return [query["sql"] for query in captured]

    event, shift, _spanish = fair

    english, spanish = queries(""), queries("/es")
    assert len(spanish) == len(english) + 1, spanish


def test_every_meeting_sign_ups_name_the_spanish_event_on_the_spanish_page(client):
    from events.bookings.services import booking as booking_service
    from events.bookings.services import shifts
    from tests.events.bookings.helpers.repeating import circle, meeting_shifts

    event = circle(weeks=2)
    translate(event, title="Círculo semanal", slug="circulo")
    first = meeting_shifts(event)[0]
    outcome = shifts.sign_up(
        first,
        every_meeting=True,
        name="Zara",
        email="zara@example.org",
        confirmations=first.requirement_list,
        now=timezone.now(),
    )
    booking_service.confirm(outcome.booking.pk)
    token = links.manage_token(outcome.booking.person)
    with translation.override("es"):
        spanish_url = reverse("events:my_bookings", args=[token])

    spanish = client.get(spanish_url).content.decode()
    english = client.get(reverse("events:my_bookings", args=[token])).content.decode()

    assert f"{first.role}: Círculo semanal</h3>" in spanish
    assert f"{first.role}: {event.title}</h3>" in english and "Círculo semanal" not in english


def test_the_calendar_download_and_private_feed_in_spanish_name_the_spanish_title(client, fair):
    _event, shift, _spanish, booking = _booked("/es", fair)
    person = booking.person
    args = [links.manage_token(person), booking.public_id]
    with translation.override("es"):
        download = reverse("events:booking_ics", args=args)
        feed = reverse("events:my_feed", args=[links.feed_token(person)])
    english_download = reverse("events:booking_ics", args=args)

    expected = f"SUMMARY;LANGUAGE=es:Welcome desk: {SPANISH_TITLE}"
    for url in (download, feed):
        assert url.startswith("/es/")
        assert expected in client.get(url).content.decode().replace("\r\n ", ""), url
    english = client.get(english_download).content.decode().replace("\r\n ", "")
    assert f"SUMMARY:{shift.title}\r\n" in english


def test_every_calendar_reader_reads_the_spanish_summary_with_its_language(fair):
    from datetime import timedelta

    from events.bookings.services import ics
    from tests.interop import readers

    _event, _shift, _spanish, booking = _booked("/es", fair)
    with translation.override("es"):
        title = reader_titles.for_bookable(booking.bookable)
        _method, body = ics.invitation(booking, title=title)

    start = booking.bookable.starts_at - timedelta(days=1)
    for name, reader in readers.READERS.items():
        seen = reader(body, start, start + timedelta(days=3))
        assert [s.summary for s in seen] == [f"Welcome desk: {SPANISH_TITLE}"], name


def test_the_spanish_confirmation_page_names_the_spanish_title(client, fair):
    event, shift, _spanish = fair
    client.post("/es" + signup_url(event, shift), form_data())
    booking = Booking.objects.get()
    with translation.override("es"):
        url = reverse("events:booking_confirm", args=[links.booking_token(booking)])

    body = client.get(url).content.decode()

    assert url.startswith("/es/")
    assert f'<h1><span lang="en-GB">Welcome desk</span>: {SPANISH_TITLE}</h1>' in body
