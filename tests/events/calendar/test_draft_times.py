"""A draft's new time stays in the draft: the live row keeps the times the public sees."""

from datetime import date, timedelta

import pytest

from events.models import EventPage
from tests.events import factories

pytestmark = pytest.mark.django_db


def test_saving_a_draft_revision_leaves_the_live_times_alone():
    page = factories.event()
    live_date, live_start, live_end = page.start_date, page.starts_at, page.ends_at
    draft = page.get_latest_revision_as_object()
    draft.start_date = date(2027, 5, 11)
    draft.save_revision()

    live = EventPage.objects.get(pk=page.pk)
    assert (live.start_date, live.starts_at, live.ends_at) == (live_date, live_start, live_end)
    live.get_latest_revision().publish()
    published = EventPage.objects.get(pk=page.pk)
    assert published.starts_at - live_start == timedelta(days=7)


def test_a_partial_save_of_the_times_still_updates_what_is_derived_from_them():
    page = factories.event()
    page.start_date = date(2027, 5, 11)
    page.save(update_fields=["start_date"])
    saved = EventPage.objects.get(pk=page.pk)
    assert saved.starts_at.date() == date(2027, 5, 11)
