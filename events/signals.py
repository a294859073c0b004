"""Queue share cards for drawing when a page is published.

Any published page whose class defines ``share_card_content(layout)`` gets its cards drawn
by a Celery task after the publishing transaction commits. The page class may name the
layouts it wants in ``share_card_layouts``; link previews only need the landscape one.
"""

from functools import partial

from django.db import transaction
from django.dispatch import receiver
from wagtail.signals import page_published

from events.services import share_card_store
from events.tasks import render_share_card

DEFAULT_LAYOUTS = ("landscape",)


@receiver(page_published, dispatch_uid="events.queue_share_cards")
def queue_share_cards(sender, instance, **kwargs):
    if not share_card_store.supports_cards(instance):
        return
    layouts = getattr(instance, "share_card_layouts", DEFAULT_LAYOUTS)
    for arguments in share_card_store.task_arguments(instance, layouts):
        transaction.on_commit(partial(render_share_card.delay, *arguments))
