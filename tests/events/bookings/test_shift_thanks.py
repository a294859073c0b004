"""The thank-you mail the morning after a shift: through the outbox, exactly once, only to
volunteers who came; and the no-show count on the roster."""

from datetime import timedelta

import pytest
from django.utils import timezone

from events.bookings.services import booking as booking_service
from events.bookings.services import mail, thanks
from events.models import Booking, OutboxMessage
from tests.events.bookings.helpers.admin import booking_of
from tests.events.bookings.helpers.campaign import this_months_campaign, walk_shift
from tests.support.demo_once import fresh, module_rows

pytestmark = pytest.mark.django_db


def _build_yesterday():
    """Yesterday's shift: Xiomara came, Vesna did not, Umar's attendance was not recorded."""
    started_shift = walk_shift(this_months_campaign())
    started_shift.capacity = 4
    started_shift.save()
    for name in ("Vesna", "Umar"):
        booking_service.add_by_hand(
            started_shift.pk, name=name, email=f"{name.lower()}@example.org"
        )
    Booking.objects.filter(pk=booking_of(started_shift, "Xiomara").pk).update(attendance="attended")
    Booking.objects.filter(pk=booking_of(started_shift, "Vesna").pk).update(attendance="no_show")
    return started_shift


# In this month's campaign (tests/events/bookings/conftest.py), built once for the module:
# each test reads its own copy and its writes are undone.
yesterday_rows = module_rows(_build_yesterday)


@pytest.fixture
def yesterday(yesterday_rows, db):
    return fresh(yesterday_rows)


def thanks_rows():
    return OutboxMessage.objects.filter(purpose="shift_thanks")


def test_thanks_go_once_and_only_to_those_who_came(yesterday):
    assert thanks.schedule() == 1
    assert thanks.schedule() == 0  # the morning task ran twice (or was retried)

    (row,) = thanks_rows()
    assert (row.recipient, row.booking_id) == (
        "xiomara@example.org",
        booking_of(yesterday, "Xiomara").pk,
    )
    message = mail.compose(row)
    assert message.subject == "Thank you for volunteering: Marshal: Recovery walk"
    assert "Thank you for volunteering" in message.body


def test_no_thanks_before_the_next_morning_or_for_old_shifts(yesterday):
    # The evening of the shift itself: it is not yet the next morning.
    assert thanks.schedule(now=yesterday.ends_at + timedelta(hours=1)) == 0
    # A week later (the feature just switched on): too long ago to thank now.
    assert thanks.schedule(now=yesterday.ends_at + timedelta(days=7)) == 0
    assert not thanks_rows().exists()


def test_an_undone_check_in_takes_the_thanks_back(yesterday):
    thanks.schedule()
    row = thanks_rows().get()
    xiomara = booking_of(yesterday, "Xiomara")
    Booking.objects.filter(pk=xiomara.pk).update(attendance="")

    assert not mail.PURPOSES["shift_thanks"].still_owed(
        row, Booking.objects.get(pk=xiomara.pk), timezone.now()
    )


def test_the_beat_task_schedules_the_thanks(yesterday, settings):
    from events import tasks

    assert settings.CELERY_BEAT_SCHEDULE["thank-volunteers"]["task"] == (
        "events.tasks.thank_volunteers"
    )
    tasks.thank_volunteers()
    assert thanks_rows().count() == 1
