"""A new submission: guards, a draft event page where it belongs, and the signed link.

Nothing is published here. The page waits as a draft until the submitter follows the link
(``review.confirm``); only then does it go to moderation, or live for a trusted partner.
"""

import hashlib
import hmac

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.coreutils import find_available_slug

from campaign.organisation import organisation_name
from events.calendar.models import CampaignPage, EventIndexPage, EventPage
from events.core.services import ratelimit
from events.outbox.services import outbox
from events.submissions.models import Submission
from events.submissions.services import details, links, text

SUPPORT_GROUP_KINDS = ("support",)  # a kind whose slug contains this is a support group


class Refused(Exception):
    """The submission was refused; ``message`` is kind and safe to show."""

    def __init__(self, message, field=None):
        super().__init__(message)
        self.message = message
        self.field = field


def parent_for(site, campaign=None):
    """Where a submitted event goes: under its campaign page, else the events index."""
    if campaign is not None:
        return campaign
    if site is None:
        return None
    return EventIndexPage.objects.descendant_of(site.root_page, inclusive=True).first()


def open_campaigns():
    return CampaignPage.objects.live().in_source_language().order_by("-start_date")


def is_support_group(kind, ticked=False):
    return ticked or any(word in (kind.slug or "") for word in SUPPORT_GROUP_KINDS)


def address_key(email):
    """A keyed hash of an address, to count its submissions without storing it twice."""
    key = settings.SECRET_KEY.encode()
    return hmac.new(
        key, f"submitter:{email.strip().casefold()}".encode(), hashlib.sha256
    ).hexdigest()


def check_rate(sender, email):
    """Refuse a client or an address over the limit, counting both."""
    limit, window = getattr(settings, "TAPESTRY_EVENT_SUBMISSION_RATE_LIMIT", (5, 60 * 60))
    by_client = ratelimit.allow("event-submission", sender, limit=limit, window_seconds=window)
    by_address = ratelimit.allow(
        "event-submission-address", address_key(email), limit=limit, window_seconds=window
    )
    if not (by_client and by_address):
        minutes = max(1, window // 60)
        raise Refused(
            ngettext(
                "You have sent several events in a short time. Please wait "
                "%(minutes)s minute and try again; nothing you wrote has been lost.",
                "You have sent several events in a short time. Please wait "
                "%(minutes)s minutes and try again; nothing you wrote has been lost.",
                minutes,
            )
            % {"minutes": minutes}
        )


def submit(
    parent,
    values,
    *,
    submitter_name,
    submitter_email,
    organiser_name="",
    organiser_website="",
    support_group=False,
    sender="",
):
    """Save the event as a draft page under ``parent`` and mail the submitter's link.

    Raises ``Refused`` (rate limit) or ``details.InvalidEvent`` (values that do not make an
    event); nothing is saved then.
    """
    check_rate(sender, submitter_email)
    with transaction.atomic():
        page = EventPage(live=False, title=text.single_line(values["title"]) or "Event")
        organiser = text.single_line(f"{organiser_name} {organiser_website}")
        details.apply(page, {**values, "organiser": organiser})
        # Support groups: the address and join link go only to people who registered.
        if is_support_group(page.kind, support_group):
            page.address_after_registration = True
            page.join_link_after_registration = True
        page.slug = find_available_slug(parent, slugify(page.title)[:60] or "event")
        parent.add_child(instance=page)
        page.save_revision(log_action=True)
        submission = Submission.objects.create(
            page=page,
            submitter_name=text.single_line(submitter_name)[:120],
            submitter_email=submitter_email.strip(),
            organiser_name=text.single_line(organiser_name)[:120],
            organiser_website=organiser_website,
        )
        mail_link(submission)
    return submission


def mail_link(submission):
    """Owe the submitter their link (confirm, then edit), in the caller's transaction."""
    url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(
        "events:submission_confirm", args=[links.token(submission)]
    )
    title = submission.page.title
    site = organisation_name()
    # Composed in the language of the request that sent the event.
    paragraphs = [
        _("Hello %(name)s,") % {"name": submission.submitter_name},
        _("Thank you for sending your event “%(title)s” to %(site)s.")
        % {"title": title, "site": site},
        _(
            "Please open this link and press the button to confirm your address. Nothing is "
            "shown on the site before you do:"
        )
        + f"\n{url}",
        _("Keep this mail: the same link lets you change or cancel your event later."),
        _("If you did not send this event, ignore this mail and nothing will be published."),
    ]
    body = "\n\n".join(paragraphs) + "\n"
    subject = _("Please confirm your event: %(title)s") % {"title": title}
    outbox.schedule(
        outbox.Mail(
            recipient=submission.submitter_email,
            recipient_name=text.single_line(submission.submitter_name),
            purpose="notice",
            target_key=f"submission:{submission.pk}:{submission.token_version}",
            payload={"subject": subject, "body": body},
        )
    )
