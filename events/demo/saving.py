"""Create-or-update helpers that compare what is stored and save only the differences."""

from campaign.demo_loading import differs
from events.calendar.models import EventKind, EventPage, Venue
from events.demo.programme import KINDS, VENUES
from events.demo.volunteering import SHIFT_FIELDS


def load_kinds(log):
    kinds = {}
    for slug, name, description in KINDS:
        kind, created = EventKind.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description}
        )
        if created:
            log(f"Created the event kind {name!r}.")
        kinds[slug] = kind
    return kinds


def load_venues(log):
    venues = {}
    for key, values in VENUES.items():
        venue = Venue.objects.filter(name=values["name"]).first()
        wanted = dict(values)
        if venue is None:
            venue = Venue.objects.create(**wanted)
            log(f"Created the venue {venue.name!r}.")
        else:
            venue.refresh_from_db()
            current = {
                field: str(getattr(venue, field))
                if field in ("latitude", "longitude")
                else getattr(venue, field)
                for field in wanted
            }
            expected = {
                field: str(value) if field in ("latitude", "longitude") else value
                for field, value in wanted.items()
            }
            if current != expected:
                for field, value in wanted.items():
                    setattr(venue, field, value)
                venue.save()
                log(f"Updated the venue {venue.name!r}.")
        venues[key] = venue
    return venues


def _children_state(rows, fields):
    return sorted(tuple(getattr(row, field) for field in fields) for row in rows)


EXCEPTION_FIELDS = ["date"]
OVERRIDE_FIELDS = [
    "original_date",
    "cancelled",
    "new_date",
    "new_start_time",
    "new_end_time",
    "venue_id",
    "note",
]


def ensure_page(parent, model, slug, values, *, log, exceptions=None, overrides=None, shifts=None):
    """Create or update (with one published revision) a page below ``parent``."""
    page = model.objects.child_of(parent).filter(slug=slug).first()
    wanted_exceptions = [{"date": d} for d in (exceptions or [])]
    wanted_overrides = overrides or []
    wanted_shifts = shifts or []
    if page is None:
        page = model(slug=slug, live=False, **values)
        for row in wanted_exceptions:
            page.exceptions.add(page.exceptions.model(**row))
        for row in wanted_overrides:
            page.overrides.add(page.overrides.model(**row))
        for row in wanted_shifts:
            page.shifts.add(page.shifts.model(**row))
        parent.add_child(instance=page)
        page.save_revision().publish()
        log(f"Created the page {page.title!r}.")
        return model.objects.get(pk=page.pk)

    changed = differs(page, values) or page.has_unpublished_changes or not page.live
    if model is EventPage:
        want_ex = _children_state(
            [page.exceptions.model(**row) for row in wanted_exceptions], EXCEPTION_FIELDS
        )
        want_ov = _children_state(
            [page.overrides.model(**row) for row in wanted_overrides], OVERRIDE_FIELDS
        )
        have_ex = _children_state(page.exceptions.all(), EXCEPTION_FIELDS)
        have_ov = _children_state(page.overrides.all(), OVERRIDE_FIELDS)
        want_sh = _children_state([page.shifts.model(**row) for row in wanted_shifts], SHIFT_FIELDS)
        have_sh = _children_state(page.shifts.all(), SHIFT_FIELDS)
        changed = changed or want_ex != have_ex or want_ov != have_ov or want_sh != have_sh
    if not changed:
        return page
    for field, value in values.items():
        setattr(page, field, value)
    if model is EventPage:
        page.exceptions.set([page.exceptions.model(**row) for row in wanted_exceptions])
        page.overrides.set([page.overrides.model(**row) for row in wanted_overrides])
        if want_sh != have_sh:
            page.shifts.set([page.shifts.model(**row) for row in wanted_shifts])
    page.save_revision().publish()
    log(f"Updated the page {page.title!r}.")
    return model.objects.get(pk=page.pk)
