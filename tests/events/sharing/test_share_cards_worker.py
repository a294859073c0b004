"""End to end with a real Celery worker: the render task draws and stores a card."""

import uuid

import pytest
from celery import Celery
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from events.models import Heartbeat, ShareCard
from events.sharing.services import card_hashing
from tests.support import share_card_models
from tests.support.worker import celery_worker

pytestmark = pytest.mark.worker


def embedded_client(var_dir):
    """A client of the broker the worker uses when no URL is given: var/celery's SQLite file."""
    (var_dir / "celery").mkdir(parents=True, exist_ok=True)
    return Celery("probe", broker=f"sqla+sqlite:///{var_dir / 'celery' / 'broker.sqlite3'}")


@pytest.mark.django_db(transaction=True)
def test_a_real_worker_draws_and_stores_the_card(tmp_path, monkeypatch):
    share_card_models.install(Heartbeat, monkeypatch)
    thing = Heartbeat.objects.create(name="carded", last_seen=timezone.now())
    media = tmp_path / "media"
    queue = f"test-{uuid.uuid4().hex}"
    client = embedded_client(tmp_path)
    content_type = ContentType.objects.get_for_model(Heartbeat)

    with celery_worker(
        tmp_path,
        queue=queue,
        include=[share_card_models.__name__],
        extra_env={"MEDIA_ROOT": str(media), share_card_models.MODEL_VARIABLE: "events.Heartbeat"},
    ) as worker:
        client.send_task(
            "events.tasks.render_share_card",
            args=[content_type.pk, thing.pk, "landscape"],
            queue=queue,
        )
        card = worker.wait_for(lambda: ShareCard.objects.first(), timeout=60)

    expected = card_hashing.content_hash(thing.share_card_content("landscape"), "landscape")
    assert card.content_hash == expected
    assert card.content_object == thing
    assert (media / card.image.name).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
