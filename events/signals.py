"""Wire Wagtail's and Django's signals to the publishing service (EventsConfig.ready)."""

from django.db.models.signals import post_save
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move


def _on_published(sender, instance, **kwargs):
    from events.services import publishing

    publishing.page_published(instance)


def _on_unpublished(sender, instance, **kwargs):
    from events.services import publishing

    publishing.page_unpublished(instance)


def _on_moved(sender, instance, **kwargs):
    from events.services import publishing

    publishing.page_moved(instance)


def _on_venue_saved(sender, instance, created, raw=False, **kwargs):
    if raw or created:
        return
    from events.services import publishing

    publishing.venue_changed(instance)


def _on_kind_saved(sender, instance, created, raw=False, **kwargs):
    if raw or created:
        return
    from events.services import publishing

    publishing.kind_changed(instance)


def connect():
    from events.models import CampaignPage, EventKind, EventPage, Venue

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
