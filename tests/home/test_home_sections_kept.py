"""The home page's hero, welcome, current campaign and latest stories are kept rendered
under the editorial stamp, per day and per listed stories' versions and comment counts:
what an editor, a moderator or the date changes shows on the very next request (the page
cache is off in the tests)."""

from datetime import datetime, time, timedelta

import pytest
import time_machine
from django.utils import timezone

from events.core.services import fragments
from home.models import Comment
from tests.events import factories
from tests.home import shared_story
from tests.home.conftest import add_story
from tests.support.kept_fragments import watch_calls

# The story index, its author and category and a published story, built once for the
# module (tests/home/shared_story.py); the fixtures not named here are built per test.
index, story, story_rows = shared_story.index, shared_story.story, shared_story.story_rows

pytestmark = pytest.mark.django_db


@pytest.fixture
def drawn(monkeypatch):
    return watch_calls(monkeypatch, fragments, "render_parts")


def home_html(client):
    response = client.get("/")
    assert response.status_code == 200
    return response.content.decode()


def test_a_second_visit_draws_nothing_again(client, story, drawn, django_assert_max_num_queries):
    first = home_html(client)
    # The page's row and the listed stories' versions and comment counts.
    with django_assert_max_num_queries(2):
        second = home_html(client)

    assert "Finding my people" in first
    assert first == second
    assert len(drawn) == 1  # both parts, drawn together


def test_an_approved_comment_shows_in_its_card_on_the_next_request(client, story):
    assert "No thoughts yet" in home_html(client)

    Comment.objects.create(
        page=story, name="Reader", body="Thank you", status=Comment.Status.APPROVED
    )

    assert "1 thought" in home_html(client)


def test_a_new_story_shows_on_the_next_request(client, index, story):
    home_html(client)

    add_story(index, "Walking together")

    assert "Walking together" in home_html(client)


def test_a_campaign_is_happening_now_from_its_first_day(client, home):
    """Control: without the day in the key, "Coming soon" stays (checked)."""
    index = factories.site_with_index()
    first_day = timezone.localdate() + timedelta(days=3)
    factories.campaign(index, start_date=first_day, end_date=first_day + timedelta(days=10))
    evening = timezone.make_aware(datetime.combine(first_day - timedelta(days=1), time(23, 50)))
    with time_machine.travel(evening, tick=False) as clock:
        before = home_html(client)
        clock.move_to(evening + timedelta(minutes=20))
        after = home_html(client)

    assert "Coming soon" in before and "Happening now" not in before
    assert "Happening now" in after
