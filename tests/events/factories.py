"""Small builders for event tests: a site with an event index, venues, kinds and events."""

from datetime import date, time

from events.models import CampaignPage, EventIndexPage, EventKind, EventPage, Venue
from home import demo as home_demo
from tests.support.indexing import indexed_once
from tests.support.wagtail_tree import ensure_base_tree


def quiet(message):
    return None


# The index site_with_index() last returned, with what it was checked for: the test module,
# the database and the site's address. Each test runs in a transaction rolled back
# afterwards, so the next test in the module starts from the same rows and need not check
# them again. A transactional test commits and empties the tables: it forgets the index
# (tests/conftest.py), as does the start of each module.
_built = {}


def forget_site():
    _built.clear()


def checking_site_for(module):
    """Called before each test: the tree is checked in full again in another module."""
    if _built.get("module") != module:
        _built.clear()
        _built["module"] = module


def site_with_index():
    """The default site: a published home page with the "What's on" index below it.

    The whole tree, the site record and its settings rows are checked (and put right) once
    per test module; later calls in the module's rolled-back tests find the index they
    returned before (one query), unless it was deleted or the database or the site's
    address changed."""
    from django.conf import settings
    from django.db import connection

    from tests.support.indexing import in_rolled_back_test

    if not in_rolled_back_test():
        # Committed rows (a transactional test, a build outside a test): check them all.
        forget_site()
        return _build_site_with_index()
    checked = (connection.settings_dict["NAME"], settings.WAGTAILADMIN_BASE_URL)
    if _built.get("checked") == checked:
        index = EventIndexPage.objects.filter(pk=_built["index"]).first()
        if index is not None:
            return index
    index = _build_site_with_index()
    _built.update(checked=checked, index=index.pk)
    return index


@indexed_once()
def _build_site_with_index():
    ensure_base_tree()
    home = home_demo.load_home_page(quiet)
    index = EventIndexPage.objects.first()
    if index is None:
        index = home.add_child(instance=EventIndexPage(title="What's on", slug="whats-on"))
        index.save_revision().publish()
    site_settings_rows()
    return index


def site_settings_rows():
    """The default site's settings rows, as Wagtail creates them on a site's first request:
    creating one is an editorial change (it replaces the editorial stamp), which would
    otherwise make each test's second request read everything kept afresh."""
    from wagtail.contrib.settings.models import BaseSiteSetting
    from wagtail.contrib.settings.registry import registry
    from wagtail.models import Site

    site = Site.objects.filter(is_default_site=True).first()
    if site is not None:
        for model in registry:
            if issubclass(model, BaseSiteSetting):
                model.for_site(site)


def kind(name="Workshop", slug=None):
    slug = slug or name.lower().replace(" ", "-")
    return EventKind.objects.get_or_create(slug=slug, defaults={"name": name})[0]


def venue(**fields):
    values = {
        "name": "Willow Community Hall",
        "address": "12 Mill Lane\nRiverside RV1 2AB",
        "area": "Riverside town centre",
        "latitude": "51.501000",
        "longitude": "-0.120000",
        "step_free": True,
        "hearing_loop": True,
        "access_notes": "Ramp at the side door.",
    }
    values.update(fields)
    return Venue.objects.create(**values)


@indexed_once()
def event(parent=None, *, publish=True, exceptions=(), overrides=(), shifts=(), **fields):
    """Create (and by default publish) an event page; returns the fresh live page."""
    parent = parent or site_with_index()
    values = {
        "title": "Calm breathing workshop",
        "summary": "A gentle introduction to breathing exercises.",
        "start_date": date(2027, 5, 4),
        "start_time": time(18, 30),
        "end_time": time(20, 0),
        "time_zone": "Europe/London",
        "attendance_mode": "in_person",
    }
    values.update(fields)
    if "kind" not in values:
        values["kind"] = kind()
    if values["attendance_mode"] != "online" and "venue" not in values:
        values["venue"] = venue()
    page = EventPage(live=False, **in_parents_locale(parent, values))
    for exception_date in exceptions:
        page.exceptions.add(page.exceptions.model(date=exception_date))
    for override in overrides:
        page.overrides.add(page.overrides.model(**override))
    for shift in shifts:
        page.shifts.add(page.shifts.model(**shift))
    parent.add_child(instance=page)
    if publish:
        # add_child() has just validated the page (full_clean): the revision of the same
        # fields need not check them again.
        publish_built(page)
    return EventPage.objects.get(pk=page.pk)


def publish_built(page):
    """Publish a page a factory has just built, through Wagtail's own publish (its signals,
    and with them everything the project does on a publish), with no entry in the page's
    history: no test reads a built page's history, and the entry costs four queries of
    the ninety that building and publishing an event takes. ``republish`` (an editor's
    edit) keeps it."""
    page.save_revision(clean=False).publish(log_action=False)


def in_parents_locale(parent, values):
    """``values`` with the parent's locale unless they name one: Wagtail gives a new page
    its parent's locale, and told it here does not read the parent again to find it."""
    if "locale" in values or "locale_id" in values:
        return values
    return {**values, "locale_id": parent.locale_id}


def shift(**fields):
    """The fields of one shift row on an event page (for ``event(shifts=[...])``)."""
    return {
        "role": "Welcome desk",
        "start_time": time(9, 30),
        "end_time": time(12, 0),
        "capacity": 2,
        "requirements": "I am 18 or over",
        **fields,
    }


@indexed_once()
def campaign(parent=None, **fields):
    parent = parent or site_with_index()
    values = {
        "title": "Mental Health Awareness Month 2027",
        "slug": "mham-2027",
        "theme": "Small steps together",
        "start_date": date(2027, 5, 1),
        "end_date": date(2027, 5, 31),
    }
    values.update(fields)
    page = CampaignPage(live=False, **in_parents_locale(parent, values))
    parent.add_child(instance=page)
    publish_built(page)  # validated by add_child(), as in event()
    return CampaignPage.objects.get(pk=page.pk)


@indexed_once()
def republish(page, **changes):
    """Edit the latest revision as an editor would and publish it."""
    page = page.get_latest_revision_as_object()
    for field, value in changes.items():
        setattr(page, field, value)
    page.save_revision().publish()
    return type(page).objects.get(pk=page.pk)


def many_events(
    parent, count, *, start, weekly_count=None, kinds=None, venues=None, prefix="generated"
):
    """Quickly add ``count`` live events (no revisions) and materialise their occurrences.

    For query-count tests and benchmarks: spread over days from ``start``, cycling kinds,
    venues and attendance modes so every join in a listing is exercised.
    """

    from django.db.models.signals import post_save
    from modelsearch.signal_handlers import post_save_signal_handler

    from events.calendar.services import occurrences

    kinds = kinds or [kind("Workshop"), kind("Support group", "support-group")]
    venues = venues or [venue(), venue(name="Oak Hall", area="Eastfield", quiet_room=True)]
    modes = ["in_person", "online", "hybrid"]
    # Search indexing is not what these tests measure, and on PostgreSQL's database search
    # backend each insert rescans the index table (quadratic for a thousand pages).
    post_save.disconnect(post_save_signal_handler, sender=EventPage)
    try:
        _add_many(parent, count, start, weekly_count, kinds, venues, modes, prefix)
    finally:
        post_save.connect(post_save_signal_handler, sender=EventPage)
    occurrences.refresh_all()


def _add_many(parent, count, start, weekly_count, kinds, venues, modes, prefix):
    from datetime import timedelta

    for number in range(count):
        day = start + timedelta(days=number % 28)
        values = {
            "title": f"{prefix.capitalize()} event {number}",
            "slug": f"{prefix}-{number}",
            "summary": "Generated for a test.",
            "kind": kinds[number % len(kinds)],
            "venue": venues[number % len(venues)],
            "attendance_mode": modes[number % len(modes)],
            "join_url": "https://meet.example/x",
            "start_date": day,
            "start_time": time(9 + number % 10, 0),
            "end_time": time(10 + number % 10, 0),
        }
        if weekly_count:
            values.update(
                repeat="WEEKLY",
                repeat_weekdays=["MO", "TU", "WE", "TH", "FR", "SA", "SU"][day.weekday()],
                repeat_count=weekly_count,
            )
        parent.add_child(instance=EventPage(live=True, **values))
