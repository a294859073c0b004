"""The ``when`` filter keeps its text per process: the key is everything the text is made
of, so a moved shift, another zone or another language never gets an old text."""

from datetime import UTC, datetime
from types import SimpleNamespace

from django.utils import translation

from events.bookings.services import mail
from events.templatetags.booking_tags import when


def bookable(start_hour, end_hour=13, time_zone="Europe/London"):
    return SimpleNamespace(
        starts_at=datetime(2027, 5, 8, start_hour, tzinfo=UTC),
        ends_at=datetime(2027, 5, 8, end_hour, tzinfo=UTC),
        time_zone=time_zone,
    )


def test_the_kept_text_is_the_one_mail_gives():
    shift = bookable(9)
    assert when(shift) == when(shift) == mail.format_when(shift)


def test_a_moved_shift_shows_its_new_times():
    assert "10:00 to 14:00" in when(bookable(9))
    assert "11:00 to 14:00" in when(bookable(10))  # start moved
    assert "11:00 to 15:00" in when(bookable(10, end_hour=14))  # end moved


def test_another_zone_shows_its_own_times():
    assert "10:00" in when(bookable(9))
    assert "11:00" in when(bookable(9, time_zone="Europe/Madrid"))


def test_each_language_gets_its_own_words():
    shift = bookable(9)
    english = when(shift)
    with translation.override("es"):
        spanish = when(shift)
    assert "Saturday" in english
    assert "sábado" in spanish.lower()
    assert when(shift) == english
