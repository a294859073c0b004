"""Demo content for a local Mental Health Awareness Month. Safe to load again and again.

Each loader compares what is stored with what it would write and saves only differences,
so a second run creates no revisions and changes nothing.
"""

from datetime import date
from io import BytesIO
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from PIL import Image as PILImage
from wagtail.images.models import Image
from wagtail.models import Page, Site

from events.demo_images import demo_image
from home.blocks import StoryBodyBlock
from home.models import (
    ArticlePage,
    Author,
    Comment,
    ContentPage,
    HomePage,
    SiteSettings,
    StoryCategory,
    StoryIndexPage,
    StoryPage,
)
from home.services.comments import fingerprint as comment_fingerprint

HOME = {
    "title": "Home",
    "hero_heading": "Mental Health Awareness Month: you are not on your own",
    "hero_text": (
        "Throughout May, the Riverside Recovery Network opens its doors: free workshops, "
        "peer support groups, walks by the river and stories from people who have been there."
    ),
    "hero_link_text": "",
    "intro": (
        "<p>Riverside Recovery Network is a group of neighbours, peer supporters and local "
        "charities. Everything this month is free, and you can take part as much or as "
        "little as feels right.</p>"
        "<ul><li>Come to a workshop, or just listen.</li>"
        "<li>Join a support group where people talk openly and nobody judges.</li>"
        '<li><a href="/volunteer/">Volunteer for a few hours</a> at the welcome desk or on '
        "a walk.</li></ul>"
    ),
    "search_description": (
        "Free workshops, peer support groups and community events for Mental Health "
        "Awareness Month in Riverside."
    ),
}

SETTINGS = {
    "organisation_name": "Riverside Recovery Network",
    "tagline": "Community support for mental health, all year round",
    "contact_email": "hello@riverside-recovery.example",
    "footer_text": (
        "Riverside Recovery Network is a volunteer-led community group. We are not an "
        "emergency service: if you are in danger right now, call your local emergency number."
    ),
}


def _differs(obj, values):
    return any(getattr(obj, field) != value for field, value in values.items())


@transaction.atomic
def load_home_page(log):
    """Make a published HomePage the root of the default site."""
    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        # Wagtail's installer leaves a plain "Welcome" page at slug "home"; replace it.
        for child in root.get_children().filter(slug="home").exact_type(Page):
            child.delete()
        home = root.add_child(instance=HomePage(slug="home", live=False, **HOME))
        home.save_revision().publish()
        log("Created the home page.")
    elif _differs(home, HOME):
        for field, value in HOME.items():
            setattr(home, field, value)
        home.save_revision().publish()
        log("Updated the home page.")

    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost", root_page=home, is_default_site=True, site_name="Tapestry"
        )
        log("Created the default site.")
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.save()
        log("Pointed the default site at the home page.")
    sync_site_address(Site.objects.get(is_default_site=True), log)
    return home


def sync_site_address(site, log):
    """The Site record carries the run's one address, so pages' full URLs match the mails'."""
    parts = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    hostname = parts.hostname or "localhost"
    port = parts.port or (443 if parts.scheme == "https" else 80)
    if (site.hostname, site.port) != (hostname, port):
        site.hostname, site.port = hostname, port
        site.save()
        log(f"Set the site address to {hostname}:{port}.")


def load_site_settings(site, log):
    # Wagtail's dashboard greets editors with the Site record's name.
    if site.site_name != SETTINGS["organisation_name"]:
        site.site_name = SETTINGS["organisation_name"]
        site.save()
    site_settings = SiteSettings.for_site(site)
    if _differs(site_settings, SETTINGS):
        for field, value in SETTINGS.items():
            setattr(site_settings, field, value)
        site_settings.save()
        log("Wrote the site settings.")


# The demo admin's mail (comments to moderate, stories shared) lands in var/mail/.
ADMIN_EMAIL = "editor@riverside-recovery.example"


def ensure_admin(username, password, log):
    """A superuser for trying the admin locally; only a missing email is filled in later."""
    User = get_user_model()
    existing = User.objects.filter(username=username).first()
    if existing is not None:
        if not existing.email:
            existing.email = ADMIN_EMAIL
            existing.save(update_fields=["email"])
            log(f"Gave the admin user {username!r} an email address.")
        return
    User.objects.create_superuser(username=username, email=ADMIN_EMAIL, password=password)
    log(f"Created the admin user {username!r}.")


def load_site(log=print):
    """The home page and site settings: what every later part of the demo hangs from."""
    load_home_page(log)
    site = Site.objects.get(is_default_site=True)
    load_site_settings(site, log)


# --- Stories and articles ---------------------------------------------------------------
# Everything below is original writing for the demo. Organisations, addresses and people
# are invented; web addresses use the reserved .example domain.

STORY_SETTINGS = {
    "disclaimer": (
        "<p>Stories and articles on this site share lived experience and general "
        "information. They are not medical advice and cannot replace care from a qualified "
        "professional. If you are worried about your mental health, talk to your doctor or "
        "a service you trust. If you are in danger right now, call your local emergency "
        "number.</p>"
    ),
    "crisis_banner_enabled": True,
    "crisis_banner_text": (
        "Struggling right now? You deserve support today. If you are in danger, call your "
        "local emergency number."
    ),
    "crisis_banner_phone": "",
    "crisis_banner_url": "https://riverside-recovery.example/get-help-now",
    "crisis_banner_link_text": "Ways to get help today",
}

CATEGORIES = [
    ("Recovery", "recovery", "Living well, setbacks and small steps forward."),
    ("Peer support", "peer-support", "People with lived experience supporting each other."),
    ("Community", "community", "Neighbourhoods, groups and the places where we belong."),
    ("Advocacy", "advocacy", "Why things need to change, and how we can change them."),
]

AUTHOR = {
    "name": "Morgan Ellis",
    "credential": (
        "Peer support volunteer. Writes from lived experience; not a licensed clinician."
    ),
    "bio": (
        "Morgan has volunteered with Riverside Recovery Network for six years, first as a "
        "walk leader and now as a coordinator for the Tuesday evening peer group."
    ),
}

DEMO_IMAGE_TITLE = "Demo: soft river-coloured gradient"
DEMO_IMAGE_DESCRIPTION = "A soft abstract gradient in river greens and blues."

INDEX = {
    "title": "Stories",
    "slug": "stories",
    "intro": (
        "<p>Shared experiences from people in our community, and articles about why "
        "connection matters for mental health. Take your time; read as much or as little "
        "as you like.</p>"
    ),
    "show_in_menus": True,
}


def _p(text):
    return {"type": "paragraph", "value": f"<p>{text}</p>"}


def _h(text, level="h2"):
    return {"type": "heading", "value": {"text": text, "level": level}}


def _points(points, heading=""):
    return {"type": "key_points", "value": {"heading": heading, "points": points}}


def _resource(name, url, description):
    return {
        "type": "resource",
        "value": {"name": name, "url": url, "description": description, "phone": ""},
    }


ARTICLE = {
    "title": "Why community matters in mental-health recovery",
    "slug": "why-community-matters",
    "intro": (
        "Treatment and self-care matter. But recovery rarely happens alone: being known, "
        "welcomed and useful to others is part of getting well, and staying well."
    ),
    "categories": ["community", "advocacy", "peer-support"],
    "tags": ["community", "peer support", "belonging"],
    "body": [
        _p(
            "Ask people what helped them through a hard stretch with their mental health, "
            "and the answers are often surprisingly ordinary: a neighbour who kept knocking, "
            "a group that met every Thursday, a friend who did not need things explained. "
            "Professional care can be essential. Yet the hours between appointments are "
            "lived at home, at work and in the street, and that is where community does its "
            "quiet work."
        ),
        _h("Isolation makes everything heavier"),
        _p(
            "When we feel low or anxious, pulling away from people can feel like the only "
            "option. Cancelling plans saves energy and avoids awkward questions. Over time, "
            "though, isolation tends to feed the very feelings that caused it. Fewer "
            "conversations mean fewer chances to have our worries gently challenged, and "
            "fewer reminders that we matter to someone."
        ),
        _points(
            [
                "Loneliness and poor mental health often travel together, each making the "
                "other worse.",
                "Small, regular contact can matter more than occasional big gestures.",
                "Feeling useful to others is a powerful antidote to feeling like a burden.",
            ],
            heading="In short",
        ),
        _h("What a supportive community offers"),
        _p(
            "A good community does not fix anyone. It offers somewhere to be, people to be "
            "with, and a sense that our story is not unusual or shameful. In our network we "
            "see the same few ingredients again and again:"
        ),
        _h("Belonging without conditions", "h3"),
        _p(
            "People can come along on a good day or a bad one. Nobody has to explain a "
            "diagnosis, and nobody is asked to perform being well."
        ),
        _h("Hope you can see", "h3"),
        _p(
            "Meeting someone who has been through something similar and is doing all right "
            "now can be more convincing than any leaflet. Peer supporters are not experts in "
            "medicine; they are experts in their own experience, and that is the point."
        ),
        _h("Structure and purpose", "h3"),
        _p(
            "A regular walk, a volunteering shift or a shared meal gives the week a shape. "
            "Having a small role, such as putting the kettle on or welcoming newcomers, "
            "helps people rebuild confidence step by step."
        ),
        {
            "type": "pull_quote",
            "value": {
                "quote": "Nobody asked me to explain myself. They just saved me a seat.",
                "attribution": "A member of the Tuesday evening group",
            },
        },
        _h("How to find your people"),
        _p(
            "Reaching out is hard, especially at first. These steps have helped others "
            "in our community:"
        ),
        _points(
            [
                "Start small: one activity, once, with permission to leave early.",
                "Bring a friend, or ask the organiser to meet you at the door.",
                "Look for groups built around doing something together, not only talking.",
                "Give it three visits before you decide whether it is for you.",
                "If a group does not feel right, that is about the fit, not about you.",
            ],
            heading="Practical first steps",
        ),
        _h("Organisations that can help"),
        _p(
            "These are example organisations for this demo site. A real campaign would list "
            "local services here, checked regularly by the editors."
        ),
        _resource(
            "Riverside Peer Support Circle (example)",
            "https://peer-circle.riverside-recovery.example/",
            "Free weekly peer groups led by trained volunteers with lived experience.",
        ),
        _resource(
            "Open Door Listening Line (example)",
            "https://open-door-listening.example/",
            "A confidential listening service for anyone who needs to talk, by phone or chat.",
        ),
        _resource(
            "Carers Together Network (example)",
            "https://carers-together.example/",
            "Support and meet-ups for family members and friends who care for someone.",
        ),
        _h("A note on crisis support"),
        _p(
            "Community is not a substitute for urgent help. If you or someone you know is in "
            "immediate danger, call your local emergency number or go to the nearest "
            "emergency department."
        ),
        {
            "type": "call_to_action",
            "value": {
                "page": "HOME",
                "label": "See what is on this month",
                "text": "Workshops, walks and peer groups are free and open to everyone.",
            },
        },
    ],
}

STORIES = [
    {
        "title": "The walking group that got me out of the house",
        "slug": "the-walking-group",
        "storyteller_name": "Priya",
        "intro": (
            "After months of hardly leaving my flat, a Saturday walk by the river became "
            "the one thing in my week I did not cancel."
        ),
        "categories": ["recovery", "community"],
        "tags": ["walking", "belonging"],
        "body": [
            _p(
                "Last winter I stopped answering messages. It was not a decision, exactly. "
                "Each day it simply felt easier to stay in, and each day staying in made the "
                "next one a little harder."
            ),
            _p(
                "My sister found a leaflet for a walking group and offered to come with me "
                "the first time. I nearly turned back at the bridge. A volunteer called Dee "
                "noticed, walked beside me at the back, and talked about her allotment for "
                "forty minutes. She did not ask me a single question about how I was, and I "
                "will always be grateful for that."
            ),
            {
                "type": "pull_quote",
                "value": {
                    "quote": "I did not have to be better to belong there.",
                    "attribution": "Priya",
                },
            },
            _p(
                "I still have bad weeks. The difference is that now people notice when I am "
                "not there, and someone sends a message that says: no pressure, we missed "
                "you. That sentence has brought me back more than once."
            ),
        ],
    },
    {
        "title": "Learning to say \u201cme too\u201d",
        "slug": "learning-to-say-me-too",
        "storyteller_name": "",
        "intro": (
            "For years I thought I was the only one who felt this way. A peer group showed "
            "me otherwise, and then asked me to help the next newcomer."
        ),
        "categories": ["peer-support", "recovery"],
        "tags": ["peer support", "hope"],
        "body": [
            _p(
                "I went to my first peer support meeting expecting a room full of people "
                "who had it all worked out. Instead there were eight people on mismatched "
                "chairs, a tin of biscuits, and a lot of honesty."
            ),
            _p(
                "When a man my age described lying awake replaying every conversation of "
                "the day, I actually laughed, because I had never heard anyone say it out "
                "loud. It was the first time I had said \u201cme too\u201d in years."
            ),
            _points(
                [
                    "You can just listen for as long as you like.",
                    "What is said in the room stays in the room.",
                    "Nobody gives advice unless you ask for it.",
                ],
                heading="What I wish I had known before my first meeting",
            ),
            _p(
                "Two years on, I help welcome new people. I am not a professional, and I "
                "say so. What I can offer is a seat, a cup of tea, and the proof that "
                "things can change."
            ),
        ],
    },
]

COMMENTS = [
    # (page slug, name, body, status)
    (
        "why-community-matters",
        "Alex",
        "The point about feeling useful really landed for me. Volunteering on the welcome "
        "desk did more for my confidence than I expected.",
        "approved",
    ),
    (
        "why-community-matters",
        "Sunita",
        "Thank you for including carers. Looking after my dad, I forgot I needed people too.",
        "approved",
    ),
    (
        "the-walking-group",
        "Dee",
        "It was a joy to walk with you, Priya. See you on Saturday!",
        "approved",
    ),
    (
        "the-walking-group",
        "Tom",
        "Is the walk suitable for someone who uses a walking stick?",
        "pending",
    ),
    (
        "learning-to-say-me-too",
        "Anonymous",
        "Reading this made me think I might try a group. Thank you for writing it.",
        "pending",
    ),
]


def _strip_ids(data):
    """Stream data without block ids (and list items unwrapped), for comparing content."""
    if isinstance(data, list):
        return [_strip_ids(item) for item in data]
    if isinstance(data, dict):
        if set(data) <= {"type", "value", "id"} and data.get("type") == "item":
            return _strip_ids(data["value"])
        return {key: _strip_ids(value) for key, value in data.items() if key != "id"}
    return data


def _resolve_pages(body, pages):
    """Fill in page references (written as names such as "HOME") with page ids."""
    resolved = []
    for block in body:
        value = block["value"]
        if block["type"] == "call_to_action":
            value = {**value, "page": pages[value["page"]].pk}
        resolved.append({"type": block["type"], "value": value})
    return resolved


def load_story_snippets(log):
    categories = {}
    for name, slug, description in CATEGORIES:
        category, created = StoryCategory.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description}
        )
        if created:
            log(f"Created the category {name!r}.")
        elif (category.name, category.description) != (name, description):
            category.name, category.description = name, description
            category.save()
            log(f"Updated the category {name!r}.")
        categories[slug] = category

    author = Author.objects.filter(name=AUTHOR["name"]).first()
    if author is None:
        author = Author.objects.create(**AUTHOR)
        log(f"Created the author {author.name!r}.")
    elif _differs(author, AUTHOR):
        for field, value in AUTHOR.items():
            setattr(author, field, value)
        author.save()
        log(f"Updated the author {author.name!r}.")
    return categories, author


# Each story gets its own drawn scene (events.demo_images), as a charity's would.
STORY_SCENES = {
    "the-walking-group": "park-walk",
    "learning-to-say-me-too": "lamp-lit-room",
}


def load_demo_image(log):
    """An original, generated picture, so that cards and social previews have an image."""
    image = Image.objects.filter(title=DEMO_IMAGE_TITLE).first()
    if image is None:
        picture = PILImage.linear_gradient("L").resize((1600, 900))
        green = PILImage.new("RGB", picture.size, (47, 102, 82))
        blue = PILImage.new("RGB", picture.size, (197, 224, 230))
        buffer = BytesIO()
        PILImage.composite(green, blue, picture).save(buffer, "PNG")
        image = Image.objects.create(
            title=DEMO_IMAGE_TITLE,
            description=DEMO_IMAGE_DESCRIPTION,
            file=ImageFile(buffer, name="demo-gradient.png"),
        )
        log("Created the demo image.")
    return image


def _save_story_page(parent, model, spec, extra, log):
    """Create or update one story/article page; publish a revision only when it changed."""
    fields = {
        "title": spec["title"],
        "intro": spec["intro"],
        **{k: spec[k] for k in ("storyteller_name",) if k in spec},
        **extra,
    }
    body = spec["body"]
    page = model.objects.child_of(parent).filter(slug=spec["slug"]).first()
    categories = {c.slug for c in spec["categories_objects"]}
    tags = set(spec["tags"])
    if page is None:
        page = model(slug=spec["slug"], live=False, **fields)
        page.body = StoryBodyBlock().to_python(body)
        parent.add_child(instance=page)
        page.categories.set(spec["categories_objects"])
        page.tags.set(list(tags))
        page.save_revision().publish()
        log(f"Created {page._meta.verbose_name} {page.title!r}.")
        return page
    same_body = _strip_ids(page.body.get_prep_value()) == _strip_ids(
        StoryBodyBlock().get_prep_value(StoryBodyBlock().to_python(body))
    )
    same_categories = {c.slug for c in page.categories.all()} == categories
    same_tags = {t.name for t in page.tags.all()} == tags
    if _differs(page, fields) or not (same_body and same_categories and same_tags) or not page.live:
        for field, value in fields.items():
            setattr(page, field, value)
        if not same_body:
            page.body = StoryBodyBlock().to_python(body)
        page.categories.set(spec["categories_objects"])
        page.tags.set(list(tags))
        page.save_revision().publish()
        log(f"Updated {page._meta.verbose_name} {page.title!r}.")
    return page


def load_comments(pages, log):
    for slug, name, body, status in COMMENTS:
        page = pages[slug]
        fingerprint = comment_fingerprint(page.pk, "demo", body)
        comment = Comment.objects.filter(page=page, fingerprint=fingerprint).first()
        if comment is None:
            Comment.objects.create(
                page=page,
                name=name,
                body=body,
                status=status,
                fingerprint=fingerprint,
                # Demo comments are not news to anyone: no notice mail for them.
                moderators_notified_at=timezone.now(),
            )
            log(f"Created a comment by {name} ({status}).")
        elif (comment.name, comment.status) != (name, status):
            comment.name, comment.status = name, status
            comment.save()
            log(f"Updated the comment by {name}.")


@transaction.atomic
def load_stories(log=print):
    """The story index, an advocacy article, two personal stories and some comments."""
    site = Site.objects.get(is_default_site=True)
    story_settings = SiteSettings.for_site(site)
    if _differs(story_settings, STORY_SETTINGS):
        for field, value in STORY_SETTINGS.items():
            setattr(story_settings, field, value)
        story_settings.save()
        log("Wrote the story settings (disclaimer, crisis banner).")

    home = site.root_page.specific
    index = StoryIndexPage.objects.child_of(home).filter(slug=INDEX["slug"]).first()
    fields = {k: v for k, v in INDEX.items() if k != "slug"}
    if index is None:
        index = StoryIndexPage(slug=INDEX["slug"], live=False, **fields)
        home.add_child(instance=index)
        index.save_revision().publish()
        log("Created the story index.")
    elif _differs(index, fields):
        for field, value in fields.items():
            setattr(index, field, value)
        index.save_revision().publish()
        log("Updated the story index.")

    categories, author = load_story_snippets(log)
    image = load_demo_image(log)
    pages = {"HOME": home}
    for spec in STORIES:
        spec = {**spec, "categories_objects": [categories[s] for s in spec["categories"]]}
        scene = (
            demo_image(STORY_SCENES[spec["slug"]], log) if spec["slug"] in STORY_SCENES else image
        )
        pages[spec["slug"]] = _save_story_page(index, StoryPage, spec, {"image": scene}, log)
    article = {
        **ARTICLE,
        "body": _resolve_pages(ARTICLE["body"], pages),
        "categories_objects": [categories[s] for s in ARTICLE["categories"]],
    }
    pages[ARTICLE["slug"]] = _save_story_page(
        index, ArticlePage, article, {"author": author, "image": demo_image("tea-table", log)}, log
    )
    load_comments(pages, log)
    return index


# --- Privacy notice and accessibility statement -----------------------------------------
# Original text for this audience. The periods come from the settings the retention
# service obeys, so the notice cannot promise something the code does not do.

TRUST_REVIEWED = date(2026, 11, 30)


def _privacy_body():
    days = settings.TAPESTRY_RETENTION_DAYS
    link_days = settings.TAPESTRY_LINK_MAX_AGE_DAYS
    email = SETTINGS["contact_email"]
    return [
        _points(
            [
                "We only ask for what we need to run an event or a shift.",
                f"We delete your name, contact details and anything you told us about your "
                f"needs {days} days after the last thing you booked has ended.",
                "You can delete them yourself sooner, at any time, from your sign-ups page.",
                "We never sell your details, and this site has no tracking or advertising.",
            ],
            heading="In short",
        ),
        _h("Who we are"),
        _p(
            "Riverside Recovery Network is a volunteer-led community group. We decide what "
            "happens to the details you give us on this site, and we are responsible for "
            f'looking after them. You can reach us at <a href="mailto:{email}">{email}</a>.'
        ),
        _h("What we keep, and why"),
        _h("When you volunteer for a shift or register for an event", "h3"),
        _p(
            "Your name and email address, so that we can confirm your place, send reminders "
            "and tell you if plans change. If you volunteer, you may also give a phone "
            "number, used only on the day if something changes at short notice."
        ),
        _p(
            "Anything you tell us that would help you take part, such as access needs. This "
            "can be information about your health, so only tell us what you are comfortable "
            "sharing and what we need to make arrangements. It is never required."
        ),
        _p(
            "We also note when you ticked the consent box and which wording you agreed to, "
            "which requirements of a shift you confirmed, and whether you came, so that we "
            "know how many people each event reaches."
        ),
        _h("When you comment on a story", "h3"),
        _p(
            "The display name and comment you write, and your email address if you choose to "
            "give one. The email address is never shown; only our moderators can see it, and "
            "only to reply to you. Every comment is read by a moderator before it appears."
        ),
        _h("When you share your story", "h3"),
        _p(
            "Your story, its title, the name you would like shown (if any) and when you "
            "agreed to us publishing it. Nothing is published until an editor has read it."
        ),
        _h("Every time you send a form", "h3"),
        _p(
            "A scrambled code made from your connection's address, used only to slow down "
            "floods of automated messages. It cannot be turned back into the address."
        ),
        _h("Calendar subscriptions", "h3"),
        _p(
            "Subscribing to our calendar tells us nothing about you. Your private calendar "
            "of your own sign-ups works from a secret link in your email."
        ),
        _h("Who sees it"),
        _points(
            [
                "Volunteer coordinators see the names, contact details and needs of the "
                "people on their shifts.",
                "Event organisers see the names and needs of the people who registered.",
                "Moderators see comments, and editors see stories people have shared.",
                "Our email provider passes on the messages we send you, and nothing else.",
            ]
        ),
        _p(
            "Nobody else. We do not sell, swap or share your details. This site sets no "
            "tracking cookies and loads nothing from other websites, so nobody else learns "
            "that you visited."
        ),
        _h("How long we keep it"),
        _points(
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
        _p(
            "When we delete your details we keep only numbers: how many places were booked "
            "and how many people came, with no name attached."
        ),
        _h("How to delete your details"),
        _p(
            "Every email about a booking has a link to your sign-ups page. On that page, "
            '"Delete my details" cancels your places and deletes your name, contact details '
            "and needs straight away. If you no longer have the email, "
            '<a href="/my-bookings/">ask for your links again</a>: we send them only to your '
            "own address."
        ),
        _p(
            f'For anything else, email <a href="mailto:{email}">{email}</a>. You can ask to '
            "see what we hold about you, to correct it or to delete it, and we will reply "
            "within a month. If you are unhappy with how we have handled your details, you "
            "can complain to the data protection regulator where you live."
        ),
    ]


def _accessibility_body():
    email = SETTINGS["contact_email"]
    return [
        _p(
            "This statement applies to the Riverside Recovery Network website. We want as "
            "many people as possible to be able to use it. For example, you should be able to:"
        ),
        _points(
            [
                "change colours, contrast levels and fonts using your browser or device",
                "zoom in up to 400% without the text spilling off the screen",
                "get around the whole site using just a keyboard or speech recognition",
                "listen to the whole site using a screen reader",
                "read every page at a narrow phone width without scrolling sideways",
            ]
        ),
        _p("We have also tried to keep the language of the site as simple as we can."),
        _h("How accessible this website is"),
        _p("We know some parts of this website are not fully accessible:"),
        _points(
            [
                "videos embedded from other websites may not have captions",
                "the images people share on social media contain text; the same words are "
                "always on the page as well",
            ]
        ),
        _h("Feedback and contact information"),
        _p(
            "If you need anything on this website in a different format, such as large "
            "print, easy read or a phone call instead of a form, email "
            f'<a href="mailto:{email}">{email}</a>. We will reply within 5 working days.'
        ),
        _h("Reporting accessibility problems with this website"),
        _p(
            "We are always looking to improve. If you find a problem that is not listed on "
            f'this page, or think we are not meeting the requirements, email <a href="mailto:'
            f'{email}">{email}</a>.'
        ),
        _h("Enforcement procedure"),
        _p(
            "If you are not happy with how we respond to your complaint, you can contact the "
            "equality advice service or the body that enforces accessibility rules where you "
            "live."
        ),
        _h("Technical information about this website's accessibility"),
        _p(
            "Riverside Recovery Network is committed to making its website accessible. We "
            "aim to meet the Web Content Accessibility Guidelines (WCAG) version 2.2 at level "
            "AA."
        ),
        _h("Compliance status", "h3"),
        _p(
            "This website is partially compliant with WCAG 2.2 level AA, because of the "
            "exceptions listed below."
        ),
        _h("Non-accessible content", "h3"),
        _points(
            [
                "Embedded videos from other websites may lack captions, failing success "
                "criterion 1.2.2 (captions, prerecorded). We ask editors to link to a "
                "captioned version or add a transcript.",
                "Share images contain text, failing success criterion 1.4.5 (images of "
                "text). They are only for social media; every word is on the page too.",
            ]
        ),
        _h("What we are doing to improve accessibility"),
        _p(
            "Every change to the site is checked automatically for accessibility problems "
            "and valid HTML before it goes live, and we test new pages with a keyboard and a "
            "screen reader."
        ),
        _h("Preparation of this accessibility statement"),
        _p(
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
        elif _differs(page, fields) or _strip_ids(page.body.get_prep_value()) != body:
            for field, value in fields.items():
                setattr(page, field, value)
            page.body = body
            page.save_revision().publish()
            log(f"Updated the page {spec['title']!r}.")
        if getattr(site_settings, f"{spec['setting']}_id") != page.pk:
            setattr(site_settings, spec["setting"], page)
            site_settings.save()
            log(f"Chose {spec['title']!r} in the site settings.")
