"""Wire Wagtail's page signals to the publishing service. Connected in EventsConfig.ready."""

from django.db.models.signals import post_save
from wagtail.signals import page_published, page_unpublished


def _on_published(sender, instance, **kwargs):
    from events.services import publishing

    publishing.page_published(instance)


def _on_unpublished(sender, instance, **kwargs):
    from events.services import publishing

    publishing.page_unpublished(instance)


def _on_venue_saved(sender, instance, created, raw=False, **kwargs):
    if raw or created:
        return
    from events.services import publishing

    publishing.venue_changed(instance)


def connect():
    from events.models import CampaignPage, EventPage, Venue

    for model in (EventPage, CampaignPage):
        page_published.connect(_on_published, sender=model, dispatch_uid=f"events-pub-{model}")
        page_unpublished.connect(
            _on_unpublished, sender=model, dispatch_uid=f"events-unpub-{model}"
        )
    post_save.connect(_on_venue_saved, sender=Venue, dispatch_uid="events-venue-saved")
