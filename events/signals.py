"""Share cards follow their page: drawn after publishing, removed when it goes away.

Any published page whose class defines ``share_card_content(layout)`` gets its cards drawn
by a Celery task after the publishing transaction commits. The page class may name the
layouts it wants in ``share_card_layouts``; link previews only need the landscape one.
Unpublishing or deleting a page deletes its cards, so a withdrawn story's title does not
stay reachable at a card URL; so does putting it (or an ancestor) behind a view
restriction, and restricted pages get no cards drawn at all.
"""

import functools

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from events.core.services import editorial_stamp
from events.sharing.services import share_card_store
from events.tasks import render_share_card

DEFAULT_LAYOUTS = ("landscape",)


@receiver(page_published, dispatch_uid="events.queue_share_cards")
def queue_share_cards(sender, instance, **kwargs):
    if not share_card_store.supports_cards(instance) or share_card_store.is_restricted(instance):
        return
    layouts = getattr(instance, "share_card_layouts", DEFAULT_LAYOUTS)
    for arguments in share_card_store.task_arguments(instance, layouts):
        transaction.on_commit(functools.partial(render_share_card.delay, *arguments))


@receiver(page_unpublished, dispatch_uid="events.forget_share_cards_unpublished")
def forget_unpublished_cards(sender, instance, **kwargs):
    share_card_store.forget(instance.content_type_id, instance.pk)


@receiver(post_save, sender=PageViewRestriction, dispatch_uid="events.forget_restricted_cards")
def forget_restricted_cards(sender, instance, raw=False, **kwargs):
    if raw:
        return
    pages = Page.objects.descendant_of(instance.page, inclusive=True)
    for content_type_id, page_id in pages.values_list("content_type_id", "pk"):
        share_card_store.forget(content_type_id, page_id)


@receiver(post_delete, sender=Page, dispatch_uid="events.forget_share_cards_deleted")
def forget_deleted_cards(sender, instance, **kwargs):
    # Sent for the Page row of every deleted page; content_type names its own class.
    share_card_store.forget(instance.content_type_id, instance.pk)


# What every page reads and editors rarely change (the page tree, sites, site settings,
# view restrictions, locales; the listing filter's kinds and partners; the venues the
# access filters look at) is kept under the editorial stamp: any change to one of them
# replaces it.
for name, signal in (
    ("published", page_published),
    ("unpublished", page_unpublished),
    ("moved", post_page_move),
):
    signal.connect(editorial_stamp.renew, dispatch_uid=f"events.editorial_stamp.{name}")


def _renew_on_row_change(sender, **kwargs):
    if issubclass(sender, _editorial_models()):
        editorial_stamp.renew()


@functools.cache
def _editorial_models():
    from django.apps import apps
    from wagtail.contrib.settings.models import BaseSiteSetting
    from wagtail.images import get_image_model
    from wagtail.models import Locale, Site

    return (
        Page,
        Site,
        Locale,
        PageViewRestriction,
        BaseSiteSetting,
        apps.get_model("events", "EventKind"),
        apps.get_model("events", "Partner"),
        apps.get_model("events", "Venue"),
        # Its description is a picture's alternative text on a kept page.
        get_image_model(),
    )


# Connected for every sender: a Page's signals are sent with its own class (EventPage,
# StoryPage, ...), and settings are subclasses too; the check is one issubclass a save.
post_save.connect(_renew_on_row_change, dispatch_uid="events.editorial_stamp.saved")
post_delete.connect(_renew_on_row_change, dispatch_uid="events.editorial_stamp.deleted")


# The places stamp (kept lists of shifts): every seat or capacity change renews it when it
# locks its bookable (events.bookings.services.booking); a booking or a bookable saved or
# deleted anywhere else (the admin, erasure, a page's shifts removed) renews it too.
def _renew_places_on_row_change(sender, **kwargs):
    if issubclass(sender, _places_models()):
        editorial_stamp.renew_places()


@functools.cache
def _places_models():
    from events.bookings.models import Bookable, Booking

    return (Booking, Bookable)


post_save.connect(_renew_places_on_row_change, dispatch_uid="events.places_stamp.saved")
post_delete.connect(_renew_places_on_row_change, dispatch_uid="events.places_stamp.deleted")


# Publishing: occurrences and feed fragments follow event and campaign pages. Wired by
# connect(), called from EventsConfig.ready().


def _on_published(sender, instance, **kwargs):
    from events import publishing

    publishing.page_published(instance)


def _on_unpublished(sender, instance, **kwargs):
    from events import publishing

    publishing.page_unpublished(instance)


def _on_moved(sender, instance, **kwargs):
    from events import publishing

    publishing.page_moved(instance)


def _on_venue_saved(sender, instance, created, raw=False, **kwargs):
    if raw or created:
        return
    from events import publishing

    publishing.venue_changed(instance)


def _on_kind_saved(sender, instance, created, raw=False, **kwargs):
    if raw or created:
        return
    from events import publishing

    publishing.kind_changed(instance)


def connect():
    from events.calendar.models import CampaignPage, EventKind, EventPage, Venue

    for model in (EventPage, CampaignPage):
        page_published.connect(_on_published, sender=model, dispatch_uid=f"events-pub-{model}")
        page_unpublished.connect(
            _on_unpublished, sender=model, dispatch_uid=f"events-unpub-{model}"
        )
    # Moves and slug changes can happen to any ancestor of an event.
    post_page_move.connect(_on_moved, dispatch_uid="events-page-moved")
    page_slug_changed.connect(_on_moved, dispatch_uid="events-slug-changed")
    post_save.connect(_on_venue_saved, sender=Venue, dispatch_uid="events-venue-saved")
    post_save.connect(_on_kind_saved, sender=EventKind, dispatch_uid="events-kind-saved")
