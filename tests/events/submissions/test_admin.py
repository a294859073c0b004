"""Editors see submitted events in the admin and may choose the partner, never add one."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from events.models import Submission
from tests.events import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, index):
    user = get_user_model().objects.create_superuser("root", "root@example.org", "x")
    client.force_login(user)
    return client


def test_editors_list_submissions_and_choose_a_partner(admin_client, library):
    page = factories.event(publish=False, title="Book swap")
    submission = Submission.objects.create(
        page=page, submitter_name="Ada", submitter_email="ada@example.org"
    )
    listing = admin_client.get(reverse("wagtailsnippets_events_submission:list"))
    assert listing.status_code == 200
    assert "Book swap" in listing.content.decode()

    edit = reverse("wagtailsnippets_events_submission:edit", args=[submission.pk])
    assert admin_client.get(edit).status_code == 200
    response = admin_client.post(edit, {"partner": library.pk})
    assert response.status_code == 302
    submission.refresh_from_db()
    assert submission.partner == library
    assert submission.submitter_email == "ada@example.org"  # not editable here


def test_nobody_adds_a_submission_by_hand(admin_client):
    response = admin_client.get(reverse("wagtailsnippets_events_submission:add"))
    assert response.status_code in (302, 403)
    assert not Submission.objects.exists()
