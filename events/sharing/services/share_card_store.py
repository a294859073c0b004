"""Share cards stored like image renditions: drawn once per content, reused, served by hash.

How a card reaches a reader:

1. After a page (or any object) is published, the ``render_share_card`` Celery task draws
   its cards in the background: :func:`render_for` → :func:`get_or_render`.
2. Building the page's meta tags calls :func:`card_url`. When a card for the current
   content exists, that is one indexed query; when the task has not run yet, the card is
   drawn there and then (the synchronous fallback), so the first reader never sees a
   missing image.
3. ``/cards/<hash>.<ext>`` serves the stored file with a one-year ``immutable`` cache
   header: the hash changes whenever the content does, so a URL never goes stale.

What goes on a card comes from a *content builder*: a callable taking the object and the
layout name and returning a :class:`~events.sharing.services.card_types.CardContent`. By default
it is the object's own ``share_card_content(layout)`` method, so a page model opts in by
defining that one method. Nothing here imports a page model.
"""

import logging

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction

from events.core.models.reader_language import reader_language
from events.sharing.models import ShareCard
from events.sharing.services import card_hashing, card_layouts, share_cards

logger = logging.getLogger(__name__)

DEFAULT_FORMAT = "png"
# A page may offer an uploaded image (a Wagtail image field) to use instead of its card.
OVERRIDE_ATTRIBUTE = "share_card_override"


def default_content_builder(obj, layout):
    builder = getattr(obj, "share_card_content", None)
    if builder is None:
        raise TypeError(f"{type(obj).__name__} has no share_card_content(layout) method")
    return builder(layout)


def supports_cards(obj):
    return callable(getattr(obj, "share_card_content", None))


def is_restricted(obj):
    """True for a page behind a Wagtail view restriction (its own or an ancestor's). Such
    pages get no cards: a card URL is public, and its text would tell what the page says."""
    restrictions = getattr(obj, "get_view_restrictions", None)
    return restrictions is not None and restrictions().exists()


def _specific(obj):
    """Wagtail pages as their own class (which defines the card), anything else as is."""
    specific = getattr(obj, "specific", None)
    return specific if specific is not None else obj


def _content(obj, layout, content_builder):
    builder = content_builder or default_content_builder
    return builder(obj, card_layouts.get_layout(layout).name)


def _rows(obj, layout):
    """The object's cards of ``layout`` in the active language (cards in other languages
    are other rows, kept and pruned on their own)."""
    content_type = ContentType.objects.get_for_model(obj, for_concrete_model=False)
    return ShareCard.objects.filter(
        content_type=content_type, object_id=obj.pk, layout=layout, language=reader_language()
    )


def lookup(obj, layout="landscape", content_builder=None, image_format=DEFAULT_FORMAT):
    """The stored card for the object's current content, or None. Never draws."""
    obj, layout = _specific(obj), card_layouts.get_layout(layout)
    content = _content(obj, layout, content_builder)
    digest = card_hashing.content_hash(content, layout, image_format)
    return _rows(obj, layout.name).filter(content_hash=digest).first()


def get_or_render(obj, layout="landscape", content_builder=None, image_format=DEFAULT_FORMAT):
    """The card for the object's current content, drawing and storing it if needed.

    Safe to call from several processes at once: the unique constraint lets one row win
    and the others return it. Cards of the same object and layout with an older hash are
    deleted (with their files) once the new one is stored.
    """
    obj, layout = _specific(obj), card_layouts.get_layout(layout)
    content = _content(obj, layout, content_builder)
    digest = card_hashing.content_hash(content, layout, image_format)
    rows = _rows(obj, layout.name)
    existing = rows.filter(content_hash=digest).first()
    if existing is not None:
        return existing

    result = share_cards.render_card(content, layout, image_format)
    card = ShareCard(
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
        object_id=obj.pk,
        layout=layout.name,
        language=reader_language(),
        content_hash=digest,
        width=layout.width,
        height=layout.height,
    )
    card.image.save(f"{digest}.{image_format}", ContentFile(result.image_bytes), save=False)
    try:
        with transaction.atomic():
            card.save()
    except IntegrityError:
        # Another worker stored the same card first: keep theirs, drop our file.
        card.image.delete(save=False)
        return rows.get(content_hash=digest)
    prune(obj, layout.name, keep=digest)
    return card


def prune(obj, layout, keep):
    """Delete the object's cards of ``layout`` other than the one with hash ``keep``."""
    for stale in _rows(obj, layout).exclude(content_hash=keep):
        delete_card(stale)


def delete_card(card):
    """Remove a card row and its file (the file only after the row is gone for good)."""
    storage, name, digest = card.image.storage, card.image.name, card.content_hash
    card.delete()
    transaction.on_commit(lambda: storage.delete(name) if name else None)
    transaction.on_commit(lambda: _forget_thumbnails(digest))


def _forget_thumbnails(digest):
    from events.sharing.services import share_card_thumbs

    share_card_thumbs.forget(digest)


def override_url(obj, layout="landscape"):
    """The editor's own image, when the object has one in ``share_card_override`` (a
    Wagtail image), cropped to the layout around its focal point; else None."""
    image = getattr(_specific(obj), OVERRIDE_ATTRIBUTE, None)
    if image is None:
        return None
    layout = card_layouts.get_layout(layout)
    return image.get_rendition(f"fill-{layout.width}x{layout.height}").url


def card_url(obj, layout="landscape", content_builder=None, *, render_if_missing=True):
    """The path of the object's current card, for OpenGraph and Twitter meta tags.

    An image the editor uploaded to override the card wins. Otherwise falls back to
    drawing the card now when the background task has not stored it yet; with
    ``render_if_missing=False`` returns None instead.
    """
    if is_restricted(obj):
        return None
    try:
        uploaded = override_url(obj, layout)
        if uploaded:
            return uploaded
        card = lookup(obj, layout, content_builder)
        if card is None and render_if_missing:
            card = get_or_render(obj, layout, content_builder)
    except Exception:
        # A page must still render without its preview image; the task retries later.
        logger.exception("could not draw the %s share card for %r", layout, obj)
        return None
    return card.get_absolute_url() if card else None


def forget(content_type_id, object_id):
    """Delete every card of an object, e.g. when its page is unpublished or deleted, so a
    withdrawn story's title is not left reachable at its card URL."""
    for card in ShareCard.objects.filter(content_type_id=content_type_id, object_id=object_id):
        delete_card(card)


def load_object(content_type_id, object_id):
    """The object a task was given, as its most specific class, or None if it is gone."""
    try:
        content_type = ContentType.objects.get_for_id(content_type_id)
    except ContentType.DoesNotExist:
        return None
    model = content_type.model_class()
    if model is None:
        return None
    obj = model._default_manager.filter(pk=object_id).first()
    return None if obj is None else _specific(obj)


def render_for(content_type_id, object_id, layout):
    """What the Celery task does: load the object and make sure its card exists."""
    obj = load_object(content_type_id, object_id)
    if obj is None or not supports_cards(obj) or is_restricted(obj):
        logger.debug(
            "no share card for %s:%s (gone, private or has no card content)",
            content_type_id,
            object_id,
        )
        return None
    return get_or_render(obj, layout)


def task_arguments(obj, layouts=("landscape",)):
    """``(content_type_id, object_id, layout)`` tuples for the render task, one per layout."""
    content_type = ContentType.objects.get_for_model(_specific(obj), for_concrete_model=False)
    return [(content_type.pk, obj.pk, card_layouts.get_layout(name).name) for name in layouts]


def find_by_hash(content_hash, extension):
    """The stored card to serve for a hash URL, or None."""
    return (
        ShareCard.objects.filter(content_hash=content_hash, image__endswith=f".{extension}")
        .order_by("pk")
        .first()
    )
