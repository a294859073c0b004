"""Submissions never confirmed are forgotten after a while, with their never-published drafts."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone

from events import tasks
from events.models import EventPage, Submission
from events.submissions.services import expiry
from tests.events import factories

pytestmark = pytest.mark.django_db


def submitted(title, *, age_days, verified=False, published=False):
    page = factories.event(title=title, slug=title.lower().replace(" ", "-"), publish=published)
    submission = Submission.objects.create(
        page=page, submitter_name="Ada", submitter_email="ada@example.org"
    )
    created = timezone.now() - timedelta(days=age_days)
    Submission.objects.filter(pk=submission.pk).update(
        created_at=created, email_verified_at=created if verified else None
    )
    return page


def test_old_unconfirmed_submissions_go_with_their_drafts():
    factories.site_with_index()
    stale = submitted("Stale idea", age_days=15)
    fresh = submitted("Fresh idea", age_days=2)
    confirmed = submitted("Confirmed idea", age_days=40, verified=True)

    assert expiry.forget_unconfirmed() == 1

    assert not EventPage.objects.filter(pk=stale.pk).exists()
    assert set(Submission.objects.values_list("page_id", flat=True)) == {fresh.pk, confirmed.pk}
    assert EventPage.objects.filter(pk__in=[fresh.pk, confirmed.pk]).count() == 2


def test_an_event_an_editor_published_stays_without_the_submitters_details():
    factories.site_with_index()
    page = submitted("Published anyway", age_days=30, published=True)

    assert expiry.forget_unconfirmed() == 1

    assert EventPage.objects.get(pk=page.pk).live
    assert not Submission.objects.filter(submitter_email="ada@example.org").exists()


def test_the_age_is_a_setting_and_beat_runs_the_task_daily(settings):
    factories.site_with_index()
    submitted("Week old", age_days=7)
    settings.TAPESTRY_UNCONFIRMED_SUBMISSION_DAYS = 30
    tasks.forget_unconfirmed_submissions()
    assert Submission.objects.count() == 1
    settings.TAPESTRY_UNCONFIRMED_SUBMISSION_DAYS = 5
    tasks.forget_unconfirmed_submissions()
    assert Submission.objects.count() == 0


def test_beat_schedules_it():
    entry = settings.CELERY_BEAT_SCHEDULE["forget-unconfirmed-submissions"]
    assert entry["task"] == "events.tasks.forget_unconfirmed_submissions"
