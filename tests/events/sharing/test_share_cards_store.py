"""Stored share cards: drawn once per content, reused, pruned, served by hash, and rendered
by the Celery task or, failing that, on the first request."""

import io
import threading

import pytest
from celery import current_app
from django.contrib.contenttypes.models import ContentType
from django.core.files.images import ImageFile
from django.db import connection
from django.utils import timezone
from PIL import Image
from wagtail.images import get_image_model

from events import tasks
from events.models import Heartbeat, ShareCard
from events.sharing.services import card_hashing, share_card_store
from home import demo
from home.models import HomePage
from tests.events.cardkit import sample_content

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def thing(db):
    """Any model instance can have cards; a heartbeat row is the smallest one at hand."""
    return Heartbeat.objects.create(name="anything", last_seen=timezone.now())


class Titles:
    """A content builder whose title the test can change, counting its calls."""

    def __init__(self, title="First title"):
        self.title = title

    def __call__(self, obj, layout):
        return sample_content(title=self.title)


def stored_files(media):
    return sorted(path.name for path in media.rglob("*") if path.is_file())


def test_first_call_draws_and_stores_the_card(thing, media):
    card = share_card_store.get_or_render(thing, "landscape", Titles())

    assert card.pk is not None
    assert card.layout == "landscape"
    assert (card.width, card.height) == (1200, 630)
    assert card.content_object == thing
    expected = card_hashing.content_hash(sample_content(title="First title"), "landscape")
    assert card.content_hash == expected
    assert stored_files(media) == [f"{expected}.png"]
    with card.image.open("rb") as handle:
        assert handle.read(8) == b"\x89PNG\r\n\x1a\n"


def test_same_content_reuses_the_stored_card(thing, media, django_assert_max_num_queries):
    builder = Titles()
    first = share_card_store.get_or_render(thing, "landscape", builder)

    with django_assert_max_num_queries(1):
        again = share_card_store.get_or_render(thing, "landscape", builder)

    assert again.pk == first.pk
    assert ShareCard.objects.count() == 1
    assert len(stored_files(media)) == 1


def test_changed_content_makes_a_new_card_and_removes_the_old_one(
    thing, media, django_capture_on_commit_callbacks
):
    builder = Titles()
    old = share_card_store.get_or_render(thing, "landscape", builder)
    builder.title = "Second title"

    with django_capture_on_commit_callbacks(execute=False) as pending:
        new = share_card_store.get_or_render(thing, "landscape", builder)
        # The old file stays until the row's deletion is committed.
        assert len(stored_files(media)) == 2
    for callback in pending:
        callback()

    assert new.content_hash != old.content_hash
    assert list(ShareCard.objects.values_list("pk", flat=True)) == [new.pk]
    assert stored_files(media) == [f"{new.content_hash}.png"]


def test_layouts_are_stored_side_by_side(thing):
    builder = Titles()
    for layout in ("landscape", "square", "story"):
        share_card_store.get_or_render(thing, layout, builder)

    sizes = {card.layout: (card.width, card.height) for card in ShareCard.objects.all()}
    assert sizes == {"landscape": (1200, 630), "square": (1080, 1080), "story": (1080, 1920)}


def test_card_url_draws_on_first_request_when_the_task_has_not_run(thing):
    builder = Titles()
    assert share_card_store.card_url(thing, "landscape", builder, render_if_missing=False) is None

    url = share_card_store.card_url(thing, "landscape", builder)

    card = ShareCard.objects.get()
    assert url == f"/cards/{card.content_hash}.png"
    assert share_card_store.card_url(thing, "landscape", builder, render_if_missing=False) == url


def test_card_url_is_one_query_once_the_card_exists(thing, django_assert_max_num_queries):
    builder = Titles()
    share_card_store.get_or_render(thing, "landscape", builder)

    with django_assert_max_num_queries(1):
        share_card_store.card_url(thing, "landscape", builder)


def test_hash_url_serves_the_png_with_immutable_cache_headers(client, thing):
    card = share_card_store.get_or_render(thing, "landscape", Titles())

    response = client.get(card.get_absolute_url())

    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Cache-Control"] == "public, max-age=31536000, immutable"
    assert response["ETag"] == f'"{card.content_hash}"'
    with card.image.open("rb") as handle:
        assert b"".join(response.streaming_content) == handle.read()
    assert "Set-Cookie" not in response


def test_conditional_request_answers_not_modified(client, thing):
    card = share_card_store.get_or_render(thing, "landscape", Titles())

    response = client.get(card.get_absolute_url(), HTTP_IF_NONE_MATCH=f'"{card.content_hash}"')

    assert response.status_code == 304
    assert response["Cache-Control"] == "public, max-age=31536000, immutable"


def test_webp_cards_are_served_as_webp(client, thing):
    card = share_card_store.get_or_render(thing, "square", Titles(), image_format="webp")

    response = client.get(card.get_absolute_url())

    assert card.get_absolute_url().endswith(".webp")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/webp"


@pytest.mark.parametrize(
    "path",
    [
        "/cards/" + "0" * 64 + ".png",  # well formed, unknown
        "/cards/" + "0" * 63 + ".png",  # too short
        "/cards/" + "0" * 64 + ".gif",  # not a card format
        "/cards/../../etc/passwd.png",
    ],
)
def test_unknown_or_malformed_card_urls_are_404(client, path):
    assert client.get(path).status_code == 404


def test_a_card_whose_file_was_lost_is_404_not_500(client, thing):
    card = share_card_store.get_or_render(thing, "landscape", Titles())
    card.image.storage.delete(card.image.name)

    assert client.get(card.get_absolute_url()).status_code == 404


def test_post_to_a_card_url_is_refused(client, thing):
    card = share_card_store.get_or_render(thing, "landscape", Titles())

    assert client.post(card.get_absolute_url()).status_code == 405


def test_objects_without_card_content_are_refused_clearly(thing):
    with pytest.raises(TypeError, match="share_card_content"):
        share_card_store.get_or_render(thing, "landscape")


# The Celery task and the publish hook -------------------------------------------------------


@pytest.fixture
def home_with_cards(monkeypatch, db):
    """The home page, taught to describe its card the way story and event pages will."""

    def share_card_content(self, layout):
        return sample_content(title=self.title, kind="Campaign")

    monkeypatch.setattr(HomePage, "share_card_content", share_card_content, raising=False)
    monkeypatch.setattr(HomePage, "share_card_layouts", ("landscape", "square"), raising=False)
    return demo.load_home_page(log=lambda message: None)


def test_task_draws_the_card_for_the_object_it_is_given(home_with_cards):
    content_type = ContentType.objects.get_for_model(HomePage)

    tasks.render_share_card(content_type.pk, home_with_cards.pk, "landscape")
    tasks.render_share_card(content_type.pk, home_with_cards.pk, "landscape")  # idempotent

    card = ShareCard.objects.get()
    assert card.content_object == home_with_cards
    assert card.content_hash == card_hashing.content_hash(
        home_with_cards.share_card_content("landscape"), "landscape"
    )


def test_task_loads_pages_as_their_own_class(home_with_cards):
    generic = ContentType.objects.get(app_label="wagtailcore", model="page")

    tasks.render_share_card(generic.pk, home_with_cards.pk, "square")

    assert ShareCard.objects.get().layout == "square"


def test_task_does_nothing_for_a_deleted_object_or_one_without_cards(thing):
    content_type = ContentType.objects.get_for_model(Heartbeat)

    tasks.render_share_card(content_type.pk, thing.pk + 1000, "landscape")
    tasks.render_share_card(content_type.pk, thing.pk, "landscape")

    assert not ShareCard.objects.exists()


@pytest.fixture
def eager_celery():
    previous = current_app.conf.task_always_eager
    current_app.conf.task_always_eager = True
    yield
    current_app.conf.task_always_eager = previous


def test_publishing_a_page_queues_its_cards_after_commit(
    home_with_cards, eager_celery, django_capture_on_commit_callbacks
):
    home_with_cards.title = "Welcome, everyone"
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        home_with_cards.save_revision().publish()

    assert len(callbacks) >= 2
    cards = {card.layout: card for card in ShareCard.objects.all()}
    assert set(cards) == {"landscape", "square"}
    expected = card_hashing.content_hash(
        sample_content(title="Welcome, everyone", kind="Campaign"), "landscape"
    )
    assert cards["landscape"].content_hash == expected


def test_publishing_a_page_without_card_content_queues_nothing(
    db, eager_celery, django_capture_on_commit_callbacks
):
    home = demo.load_home_page(log=lambda message: None)

    with django_capture_on_commit_callbacks(execute=True):
        home.save_revision().publish()

    assert not ShareCard.objects.exists()


# Concurrency on a real database -------------------------------------------------------------


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_processes_drawing_the_same_card_store_it_once(media):
    thing = Heartbeat.objects.create(name="raced", last_seen=timezone.now())
    builder = Titles("Raced title")
    barrier = threading.Barrier(4)
    results, errors = [], []

    def draw():
        try:
            barrier.wait(timeout=10)
            results.append(share_card_store.get_or_render(thing, "landscape", builder).pk)
        except Exception as exc:  # surfaced below with the other threads' results
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=draw) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    assert ShareCard.objects.count() == 1
    assert set(results) == {ShareCard.objects.get().pk}
    assert len(stored_files(media)) == 1


def test_a_card_that_cannot_be_drawn_leaves_the_page_without_one_not_broken(thing, caplog):
    def broken(obj, layout):
        raise RuntimeError("the builder tripped")

    assert share_card_store.card_url(thing, "landscape", broken) is None

    assert "could not draw the landscape share card" in caplog.text
    assert not ShareCard.objects.exists()


def test_unpublishing_a_page_deletes_its_cards_and_files(
    home_with_cards, media, django_capture_on_commit_callbacks
):
    share_card_store.get_or_render(home_with_cards, "landscape")
    share_card_store.get_or_render(home_with_cards, "square")
    assert len(stored_files(media)) == 2

    home_with_cards.refresh_from_db()
    assert home_with_cards.live
    with django_capture_on_commit_callbacks(execute=True):
        home_with_cards.unpublish()

    assert not ShareCard.objects.exists()
    assert stored_files(media) == []


def test_deleting_a_page_deletes_its_cards(home_with_cards, django_capture_on_commit_callbacks):
    share_card_store.get_or_render(home_with_cards, "landscape")
    other = share_card_store.get_or_render(
        Heartbeat.objects.create(name="keep", last_seen=timezone.now()), "landscape", Titles()
    )

    with django_capture_on_commit_callbacks(execute=True):
        home_with_cards.delete()

    assert list(ShareCard.objects.all()) == [other]


def test_an_uploaded_override_image_is_used_instead_of_drawing(thing):
    upload = io.BytesIO()
    Image.new("RGB", (1600, 900), (30, 90, 120)).save(upload, format="PNG")
    image = get_image_model().objects.create(
        title="Our own card", file=ImageFile(upload, name="our-card.png")
    )
    thing.share_card_override = image

    url = share_card_store.card_url(thing, "landscape", Titles())

    rendition = image.get_rendition("fill-1200x630")
    assert url == rendition.url
    assert (rendition.width, rendition.height) == (1200, 630)
    assert not ShareCard.objects.exists()


def test_each_language_keeps_its_own_current_card(thing, media):
    from django.utils import translation

    with translation.override("en-gb"):
        english = share_card_store.get_or_render(thing, "landscape", Titles("A calm walk"))
    with translation.override("es"):
        spanish = share_card_store.get_or_render(thing, "landscape", Titles("Un paseo tranquilo"))

    # Drawing the Spanish card did not prune the English one (another language's row).
    assert {card.language for card in ShareCard.objects.all()} == {"en-gb", "es"}
    assert english.content_hash != spanish.content_hash
    with translation.override("en-gb"):
        assert share_card_store.lookup(thing, "landscape", Titles("A calm walk")) == english
        # A new English title replaces the English card only.
        share_card_store.get_or_render(thing, "landscape", Titles("A calmer walk"))
    assert ShareCard.objects.filter(language="es").get() == spanish
    assert ShareCard.objects.filter(language="en-gb").count() == 1
