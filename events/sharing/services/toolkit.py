"""A campaign's social media toolkit: ready-to-post cards and words for each public page.

The campaign and each of its live, public, upcoming events get a square (feeds) and a
story (full-screen) card and a suggested post. Cards are the stored ones (drawn by the
publish task); any still missing are drawn on this request. Private details never reach
a post: places go through ``card_content.event_where`` (area only when the address is
shared after registration) and join links are never mentioned.
"""

import logging
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from events.calendar.models import EventPage, EventStatus, Occurrence
from events.sharing.services import (
    branding,
    card_content,
    card_types,
    share_card_store,
    share_card_thumbs,
)

logger = logging.getLogger(__name__)

LAYOUTS = (
    ("square", gettext_lazy("Square, for feeds")),
    ("story", gettext_lazy("Tall, for stories")),
)


@dataclass(frozen=True)
class ToolkitCard:
    layout: str
    label: str
    url: str
    width: int
    height: int
    filename: str
    content_type: str
    alt: str
    # Small WebP copies shown on the page; the link and download stay the full card.
    thumb_url: str = ""
    thumb_srcset: str = ""
    thumb_width: int = 0
    thumb_height: int = 0

    @property
    def format_name(self):
        return self.filename.rsplit(".", 1)[-1].upper()


@dataclass(frozen=True)
class ToolkitEntry:
    page: object
    kind: str
    post_text: str
    cards: tuple


def campaign_events(campaign, now=None):
    """Live, public events of the campaign (named or placed under it) that still have a
    meeting ahead, soonest first. Cancelled events are not promoted."""
    now = now or timezone.now()
    upcoming = Occurrence.objects.filter(event=OuterRef("pk"), end__gte=now, cancelled=False)
    under = EventPage.objects.descendant_of(campaign).values("pk")
    return (
        EventPage.objects.live()
        .public()
        .filter(Q(campaign=campaign) | Q(pk__in=under))
        .exclude(status=EventStatus.CANCELLED)
        .filter(Exists(upcoming))
        .select_related("kind", "venue")
        .order_by("starts_at", "pk")
    )


def _sentence(text):
    text = " ".join((text or "").split())
    return text if not text or text[-1] in ".!?" else text + "."


def campaign_post(campaign, url, hashtag):
    parts = [
        _sentence(f"{campaign.title}, {card_content.campaign_dates(campaign)}"),
        _sentence(campaign.theme),
        _("Stories, events and ways to take part: %(url)s") % {"url": url},
        hashtag,
    ]
    return " ".join(part for part in parts if part)


def event_post(event, url, hashtag):
    content = card_content.for_event(event)
    details = ", ".join(part for part in (content.when, content.where) if part)
    parts = [
        _sentence(
            _("Join us: %(title)s (%(kind)s)") % {"title": event.title, "kind": event.kind.name}
        ),
        _sentence(details),
        _("Details and how to take part: %(url)s") % {"url": url},
        hashtag,
    ]
    return " ".join(part for part in parts if part)


def _thumbnail(card, page, layout):
    small = share_card_thumbs.WIDTHS[0]
    try:
        srcset = share_card_thumbs.srcset(card)
    except Exception:
        # Without a thumbnail the page shows the full card, as it did before.
        logger.exception("could not draw the %s thumbnail for page %s", layout, page.pk)
        return {}
    return {
        "thumb_url": share_card_thumbs.url_for(card, small),
        "thumb_srcset": srcset,
        "thumb_width": small,
        "thumb_height": share_card_thumbs.height_for(card, small),
    }


def cards_for(request, page, content):
    cards = []
    for layout, label in LAYOUTS:
        try:
            card = share_card_store.get_or_render(page, layout, lambda obj, name: content)
        except Exception:
            # One broken image (say, an unreadable logo) must not take the page down.
            logger.exception("could not draw the %s card for page %s", layout, page.pk)
            continue
        cards.append(
            ToolkitCard(
                layout=layout,
                label=label,
                url=card.get_absolute_url(),
                width=card.width,
                height=card.height,
                filename=f"{page.slug}-{layout}.{card.extension}",
                content_type=card_types.FORMATS[card.extension],
                alt=card_types.alt_text(content),
                **_thumbnail(card, page, layout),
            )
        )
    return tuple(cards)


def entries(request, campaign):
    """The toolkit's entries: the campaign first, then its events."""
    hashtag = branding.hashtag_text(branding.brand_for(campaign, campaign).hashtag)
    items = [
        ToolkitEntry(
            page=campaign,
            kind=_("Campaign"),
            post_text=campaign_post(campaign, request.build_absolute_uri(campaign.url), hashtag),
            cards=cards_for(request, campaign, card_content.for_page(campaign)),
        )
    ]
    for event in campaign_events(campaign):
        # The cards are drawn in the source language (see card_content.for_page); the
        # suggested post is in the reader's.
        content = card_content.for_page(event)
        url = request.build_absolute_uri(event.url)
        items.append(
            ToolkitEntry(
                page=event,
                kind=event.kind.name,
                post_text=event_post(event, url, hashtag),
                cards=cards_for(request, event, content),
            )
        )
    return items
