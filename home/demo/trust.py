"""The privacy notice and accessibility statement, chosen in the site settings.

Original text for this audience. The periods come from the settings the retention service
obeys, so the notice cannot promise something the code does not do.
"""

from datetime import date

from django.conf import settings
from django.db import transaction
from wagtail.models import Site

from campaign.demo_loading import differs
from home.demo.changes import strip_ids
from home.demo.site import SETTINGS
from home.demo.writing import heading, key_points, paragraph
from home.models import ContentPage, SiteSettings

TRUST_REVIEWED = date(2026, 11, 30)


def _privacy_body():
    days = settings.TAPESTRY_RETENTION_DAYS
    link_days = settings.TAPESTRY_LINK_MAX_AGE_DAYS
    email = SETTINGS["contact_email"]
    return [
        key_points(
            [
                "We only ask for what we need to run an event or a shift.",
                f"We delete your name, contact details and anything you told us about your "
                f"needs {days} days after the last thing you booked has ended.",
                "You can delete them yourself sooner, at any time, from your sign-ups page.",
                "We never sell your details, and this site has no tracking or advertising.",
            ],
            heading="In short",
        ),
        heading("Who we are"),
        paragraph(
            "Riverside Recovery Network is a volunteer-led community group. We decide what "
            "happens to the details you give us on this site, and we are responsible for "
            f'looking after them. You can reach us at <a href="mailto:{email}">{email}</a>.'
        ),
        heading("What we keep, and why"),
        heading("When you volunteer for a shift or register for an event", "h3"),
        paragraph(
            "Your name and email address, so that we can confirm your place, send reminders "
            "and tell you if plans change. If you volunteer, you may also give a phone "
            "number, used only on the day if something changes at short notice."
        ),
        paragraph(
            "Anything you tell us that would help you take part, such as access needs. This "
            "can be information about your health, so only tell us what you are comfortable "
            "sharing and what we need to make arrangements. It is never required."
        ),
        paragraph(
            "We also note when you ticked the consent box and which wording you agreed to, "
            "which requirements of a shift you confirmed, and whether you came, so that we "
            "know how many people each event reaches."
        ),
        heading("When you comment on a story", "h3"),
        paragraph(
            "The display name and comment you write, and your email address if you choose to "
            "give one. The email address is never shown; only our moderators can see it, and "
            "only to reply to you. Every comment is read by a moderator before it appears."
        ),
        heading("When you share your story", "h3"),
        paragraph(
            "Your story, its title, the name you would like shown (if any) and when you "
            "agreed to us publishing it. Nothing is published until an editor has read it."
        ),
        heading("Every time you send a form", "h3"),
        paragraph(
            "A scrambled code made from your connection's address, used only to slow down "
            "floods of automated messages. It cannot be turned back into the address."
        ),
        heading("Calendar subscriptions", "h3"),
        paragraph(
            "Subscribing to our calendar tells us nothing about you. Your private calendar "
            "of your own sign-ups works from a secret link in your email."
        ),
        heading("Who sees it"),
        key_points(
            [
                "Volunteer coordinators see the names, contact details and needs of the "
                "people on their shifts.",
                "Event organisers see the names and needs of the people who registered.",
                "Moderators see comments, and editors see stories people have shared.",
                "Our email provider passes on the messages we send you, and nothing else.",
            ]
        ),
        paragraph(
            "Nobody else. We do not sell, swap or share your details. This site sets no "
            "tracking cookies and loads nothing from other websites, so nobody else learns "
            "that you visited."
        ),
        heading("How long we keep it"),
        key_points(
            [
                f"Names, email addresses, phone numbers and access needs: until {days} days "
                "after the last shift or event you booked has ended. Then they are deleted "
                "automatically.",
                f"What you told us about your needs for one event: {days} days after that "
                "event, even if you keep booking others.",
                f"Links in our emails stop working after {link_days} days.",
                "Comments and shared stories: while they are on the site. Ask us and we will "
                "remove them.",
            ]
        ),
        paragraph(
            "When we delete your details we keep only numbers: how many places were booked "
            "and how many people came, with no name attached."
        ),
        heading("How to delete your details"),
        paragraph(
            "Every email about a booking has a link to your sign-ups page. On that page, "
            '"Delete my details" cancels your places and deletes your name, contact details '
            "and needs straight away. If you no longer have the email, "
            '<a href="/my-bookings/">ask for your links again</a>: we send them only to your '
            "own address."
        ),
        paragraph(
            f'For anything else, email <a href="mailto:{email}">{email}</a>. You can ask to '
            "see what we hold about you, to correct it or to delete it, and we will reply "
            "within a month. If you are unhappy with how we have handled your details, you "
            "can complain to the data protection regulator where you live."
        ),
    ]


def _accessibility_body():
    email = SETTINGS["contact_email"]
    return [
        paragraph(
            "This statement applies to the Riverside Recovery Network website. We want as "
            "many people as possible to be able to use it. For example, you should be able to:"
        ),
        key_points(
            [
                "change colours, contrast levels and fonts using your browser or device",
                "zoom in up to 400% without the text spilling off the screen",
                "get around the whole site using just a keyboard or speech recognition",
                "listen to the whole site using a screen reader",
                "read every page at a narrow phone width without scrolling sideways",
            ]
        ),
        paragraph("We have also tried to keep the language of the site as simple as we can."),
        heading("How accessible this website is"),
        paragraph("We know some parts of this website are not fully accessible:"),
        key_points(
            [
                "videos embedded from other websites may not have captions",
                "the images people share on social media contain text; the same words are "
                "always on the page as well",
            ]
        ),
        heading("Feedback and contact information"),
        paragraph(
            "If you need anything on this website in a different format, such as large "
            "print, easy read or a phone call instead of a form, email "
            f'<a href="mailto:{email}">{email}</a>. We will reply within 5 working days.'
        ),
        heading("Reporting accessibility problems with this website"),
        paragraph(
            "We are always looking to improve. If you find a problem that is not listed on "
            f'this page, or think we are not meeting the requirements, email <a href="mailto:'
            f'{email}">{email}</a>.'
        ),
        heading("Enforcement procedure"),
        paragraph(
            "If you are not happy with how we respond to your complaint, you can contact the "
            "equality advice service or the body that enforces accessibility rules where you "
            "live."
        ),
        heading("Technical information about this website's accessibility"),
        paragraph(
            "Riverside Recovery Network is committed to making its website accessible. We "
            "aim to meet the Web Content Accessibility Guidelines (WCAG) version 2.2 at level "
            "AA."
        ),
        heading("Compliance status", "h3"),
        paragraph(
            "This website is partially compliant with WCAG 2.2 level AA, because of the "
            "exceptions listed below."
        ),
        heading("Non-accessible content", "h3"),
        key_points(
            [
                "Embedded videos from other websites may lack captions, failing success "
                "criterion 1.2.2 (captions, prerecorded). We ask editors to link to a "
                "captioned version or add a transcript.",
                "Share images contain text, failing success criterion 1.4.5 (images of "
                "text). They are only for social media; every word is on the page too.",
            ]
        ),
        heading("What we are doing to improve accessibility"),
        paragraph(
            "Every change to the site is checked automatically for accessibility problems "
            "and valid HTML before it goes live, and we test new pages with a keyboard and a "
            "screen reader."
        ),
        heading("Preparation of this accessibility statement"),
        paragraph(
            f"This statement was prepared on {TRUST_REVIEWED.day} {TRUST_REVIEWED:%B %Y}. "
            "The website was last tested on the same day by our volunteers, using "
            "automated checks on every page and manual checks with a keyboard, a screen "
            "reader and 400% zoom, on a phone and a computer."
        ),
    ]


def trust_pages():
    return [
        {
            "setting": "privacy_page",
            "slug": "privacy",
            "title": "Privacy notice",
            "intro": (
                "What we keep about you when you volunteer, book a place, comment or share "
                "your story, who sees it, how long we keep it and how to delete it."
            ),
            "body": _privacy_body(),
        },
        {
            "setting": "accessibility_page",
            "slug": "accessibility",
            "title": "Accessibility statement",
            "intro": (
                "How accessible this website is, what we know does not work well yet, and "
                "how to tell us about a problem or ask for a different format."
            ),
            "body": _accessibility_body(),
        },
    ]


@transaction.atomic
def load_trust_pages(log=print):
    """The privacy notice and accessibility statement, chosen in the site settings."""
    site = Site.objects.get(is_default_site=True)
    home = site.root_page.specific
    site_settings = SiteSettings.for_site(site)
    for spec in trust_pages():
        fields = {
            "title": spec["title"],
            "intro": spec["intro"],
            "last_reviewed": TRUST_REVIEWED,
        }
        body = spec["body"]
        page = ContentPage.objects.child_of(home).filter(slug=spec["slug"]).first()
        if page is None:
            page = ContentPage(slug=spec["slug"], live=False, body=body, **fields)
            home.add_child(instance=page)
            page.save_revision().publish()
            log(f"Created the page {spec['title']!r}.")
        elif differs(page, fields) or strip_ids(page.body.get_prep_value()) != body:
            for field, value in fields.items():
                setattr(page, field, value)
            page.body = body
            page.save_revision().publish()
            log(f"Updated the page {spec['title']!r}.")
        if getattr(site_settings, f"{spec['setting']}_id") != page.pk:
            setattr(site_settings, spec["setting"], page)
            site_settings.save()
            log(f"Chose {spec['title']!r} in the site settings.")
