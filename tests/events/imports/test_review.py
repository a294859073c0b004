"""Editors review imported changes: the difference field by field, approve or reject."""

from datetime import UTC, datetime

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from events.calendar.models import EventPage, Occurrence
from events.imports.models import ImportChange, ImportedItem
from events.imports.services import review, sync
from tests.events.imports.conftest import import_source
from tests.events.imports.ics import feed, vevent
from tests.support.demo_once import fresh, module_rows

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)
CIRCLE = vevent("circle-1@partner.example", "Peer support circle", location="Willow Hall")
RENAMED = vevent(
    "circle-1@partner.example",
    "Peer support circle (renamed)",
    location="Willow Hall",
    sequence="1",
)


def member_of(django_user_model, group_name):
    user = django_user_model.objects.create_user(
        group_name.lower(), f"{group_name.lower()}@mail.example", "a-long-enough-password"
    )
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def moderator(django_user_model):
    return member_of(django_user_model, "Moderators")


@pytest.fixture
def editor(django_user_model):
    return member_of(django_user_model, "Editors")


def _pull_new_event():
    source = import_source(name="Riverside Mind calendar")
    sync.read_feed(source, feed(CIRCLE), NOW)
    return ImportChange.objects.get()


# An untrusted source's new event (a draft and its pending change), pulled once for the
# module; each test's decisions on it, and what they publish or delete, are undone.
new_event_rows = module_rows(_pull_new_event)


@pytest.fixture
def new_event(new_event_rows, db):
    return fresh(new_event_rows)


def page():
    return EventPage.objects.get(pk=ImportedItem.objects.get().page_id)


def test_approving_a_new_event_publishes_it(new_event, moderator):
    review.approve(new_event.pk, moderator)
    new_event.refresh_from_db()
    assert (new_event.state, new_event.decided_by) == ("applied", moderator)
    assert page().live and Occurrence.objects.filter(event=page()).count() == 1


def test_approving_a_change_applies_the_proposed_values(new_event, moderator):
    review.approve(new_event.pk, moderator)
    sync.read_feed(new_event.source, feed(RENAMED), NOW)
    change = ImportChange.objects.get(state="pending")
    assert page().title == "Peer support circle"
    review.approve(change.pk, moderator)
    assert page().title == "Peer support circle (renamed)"
    assert page().live_revision.user == moderator


def test_rejecting_a_change_keeps_the_page_and_is_not_proposed_again(new_event, moderator):
    review.approve(new_event.pk, moderator)
    sync.read_feed(new_event.source, feed(RENAMED), NOW)
    change = ImportChange.objects.get(state="pending")
    review.reject(change.pk, moderator)
    assert page().title == "Peer support circle"
    sync.read_feed(new_event.source, feed(RENAMED), NOW)
    assert not ImportChange.objects.filter(state="pending").exists()


def test_rejecting_a_new_event_removes_its_draft_for_good(new_event, moderator):
    review.reject(new_event.pk, moderator)
    assert not EventPage.objects.exists()
    sync.read_feed(new_event.source, feed(CIRCLE), NOW)
    sync.read_feed(new_event.source, feed(RENAMED), NOW)
    assert not EventPage.objects.exists()
    assert not ImportChange.objects.filter(state="pending").exists()


def test_only_people_who_may_publish_decide(new_event, editor):
    assert review.pending_for(editor) == []
    with pytest.raises(review.ReviewError, match="may not publish"):
        review.approve(new_event.pk, editor)
    with pytest.raises(review.ReviewError):
        review.reject(new_event.pk, editor)
    new_event.refresh_from_db()
    assert new_event.state == "pending" and not page().live


def test_a_change_is_decided_once(new_event, moderator):
    review.approve(new_event.pk, moderator)
    with pytest.raises(review.ReviewError, match="already decided"):
        review.reject(new_event.pk, moderator)
    assert page().live


# The admin view ---------------------------------------------------------------------------


def test_the_review_page_lists_the_difference_per_source(new_event, moderator, client):
    client.force_login(moderator)
    response = client.get(reverse("imports_admin:review"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Riverside Mind calendar" in html
    assert "New event: Peer support circle" in html
    assert '<th scope="row">Title</th><td>—</td><td>Peer support circle</td>' in html


def test_approve_and_reject_through_the_admin(new_event, moderator, client):
    client.force_login(moderator)
    response = client.post(reverse("imports_admin:approve", args=[new_event.pk]), follow=True)
    assert response.status_code == 200
    assert "Published: Peer support circle" in response.content.decode()
    assert page().live
    response = client.post(reverse("imports_admin:reject", args=[new_event.pk]), follow=True)
    assert "already decided" in response.content.decode()


def test_an_editor_without_publishing_sees_nothing_and_cannot_approve(new_event, editor, client):
    client.force_login(editor)
    html = client.get(reverse("imports_admin:review")).content.decode()
    assert "Nothing awaits review" in html
    response = client.post(reverse("imports_admin:approve", args=[new_event.pk]), follow=True)
    assert "may not publish" in response.content.decode()
    assert not page().live


def test_deciding_needs_a_post(new_event, moderator, client):
    client.force_login(moderator)
    assert client.get(reverse("imports_admin:approve", args=[new_event.pk])).status_code == 405


def test_an_unknown_change_is_a_message_not_a_500(moderator, client, db):
    client.force_login(moderator)
    response = client.post(reverse("imports_admin:approve", args=[999999]), follow=True)
    assert response.status_code == 200
    assert "no longer exists" in response.content.decode()


def test_the_dashboard_names_failing_sources(make_source, django_user_model, client):
    admin = django_user_model.objects.create_superuser("admin", "a@mail.example", "pw-long-enough")
    make_source(name="Broken calendar", consecutive_failures=5, disabled_at=NOW, last_error="500")
    client.force_login(admin)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Broken calendar" in html and "switched off" in html
