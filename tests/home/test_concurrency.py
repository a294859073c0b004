"""Real PostgreSQL: two moderator notices running at once announce each comment once."""

import threading

import pytest
from django.db import connection

from home import demo
from home.models import Comment, StoryIndexPage
from home.services import comments as comment_service
from tests.home.conftest import add_story
from tests.support.wagtail_tree import ensure_base_tree


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_notices_send_one_mail(django_user_model, monkeypatch):
    ensure_base_tree()
    home = demo.load_home_page(log=lambda message: None)
    index = home.add_child(instance=StoryIndexPage(title="Stories", slug="stories"))
    story = add_story(index, "Busy page")
    django_user_model.objects.create_superuser("boss", "boss@mail.example", "pw")
    for number in range(3):
        Comment.objects.create(page=story, name="R", body=f"B{number}", fingerprint=str(number))

    first_is_sending = threading.Event()
    second_is_done = threading.Event()
    sent = []

    def slow_send(message, recipients, *, about):
        # The first notice holds its row locks while "sending"; the second runs meanwhile.
        sent.append(message.subject)
        first_is_sending.set()
        assert second_is_done.wait(timeout=30)

    monkeypatch.setattr("home.mail.send", slow_send)
    results = {}

    def run(name):
        try:
            results[name] = comment_service.notify_moderators()
        finally:
            connection.close()

    first = threading.Thread(target=run, args=("first",))
    first.start()
    assert first_is_sending.wait(timeout=30)
    second = threading.Thread(target=run, args=("second",))
    second.start()
    second.join(timeout=30)
    second_is_done.set()
    first.join(timeout=30)

    assert results == {"first": 3, "second": 0}
    assert len(sent) == 1
    assert not Comment.objects.filter(moderators_notified_at__isnull=True).exists()
