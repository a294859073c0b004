"""Every open volunteer shift across events and campaigns, and the volunteering filters.

A shift is listed while its event is live and public and people can still sign up or join
its waiting list. Filters are a plain GET form, so each combination is a shareable URL.
"""

from datetime import timedelta

from django import forms
from django.db.models import F, Min, Q
from django.db.models.functions import Coalesce, Least
from django.db.models.lookups import GreaterThan
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events.bookings.models import Shift
from events.bookings.services import kept_shifts
from events.bookings.services.shifts import (
    CARD_FIELDS,
    cards,
    page_of_cards,
    page_of_cards_until,
)
from events.calendar.services.listing import local_midnight
from events.core.services import editorial_stamp, fragments, restrictions
from events.core.widgets import LongSelect

# Shifts a page of the volunteering list shows.
PAGE_SIZE = 20

# What a shift card reads of its event (events/includes/shift_cards.html, shifts.cards):
# its title and what its address is made of. The list counts every listed shift beside
# the page (pagination), so the database sorts and counts whole rows: with the event's
# every column (body, rules, notes) and its venue and campaign joined, a row was ~12 kB
# and a thousand shifts took ~20 ms to list; a card needs a few hundred bytes of it.
EVENT_CARD_COLUMNS = (
    *("event__title", "event__path", "event__depth", "event__translation_key"),
    *("event__locale", "event__live", "event__url_path", "event__slug"),
    *("event__content_type", "event__alias_of"),
)


def _card_columns():
    return (*CARD_FIELDS, *EVENT_CARD_COLUMNS)


class DateInput(forms.DateInput):
    input_type = "date"


class VolunteerFilterForm(forms.Form):
    from_date = forms.DateField(
        label=_("From"), required=False, widget=DateInput(format="%Y-%m-%d")
    )
    to_date = forms.DateField(label=_("To"), required=False, widget=DateInput(format="%Y-%m-%d"))
    role = forms.ChoiceField(label=_("Role"), required=False, widget=LongSelect)
    places = forms.BooleanField(label=_("Only shifts with places left"), required=False)
    step_free = forms.BooleanField(label=_("Step-free access"), required=False)

    def __init__(self, *args, roles=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.roles = list(roles)
        # Given as a callable: Django normalises a list of choices when it is set, a
        # millisecond per hundred roles on every request, while the options are only
        # drawn when the kept form is drawn afresh (booking_tags.shift_filters).
        self.fields["role"].choices = self._role_choices

    def _role_choices(self):
        return [("", _("Any role")), *((role, role) for role in self.roles)]

    def is_filtered(self):
        return self.is_bound and self.is_valid() and any(self.cleaned_data.values())


def listable(now, paths=None):
    """Shifts the public may sign up (or queue) for, decided in SQL so a list's cost does
    not grow with the number of shifts: the exact rules of ``state()`` ("open" or "full",
    never "not_open" or "closed") and of the view restrictions (no shift of an event under
    a restricted page), with the confirmed places counted in the same query."""
    paths = restrictions.restricted_paths() if paths is None else paths
    return (
        Shift.objects.current()
        .with_public_seats()
        .filter(event__live=True, ends_at__gt=now)
        # state(): "not_open" before opens_at, "closed" from closes_at (else the start).
        .filter(Q(opens_at__isnull=True) | Q(opens_at__lte=now))
        .alias(sign_up_ends=Coalesce("closes_at", "starts_at"))
        .filter(sign_up_ends__gt=now)
        .filter(restrictions.outside(paths, prefix="event__"))
        .select_related("event")
        .only(*_card_columns())
        .order_by("starts_at", "sort_order", "pk")
    )


def roles(now=None):
    """The roles of the shifts listed now, for the role filter's choices (a role only a
    private event uses is never offered). Kept under the editorial stamp, which every
    change to a shift row renews (they change on publish and in the daily sync), until
    the clock could change them: the first listed shift's sign-up closing, or the first
    one not yet open opening."""
    now = now or timezone.now()
    return editorial_stamp.kept_shared_until("volunteer-roles", lambda: _read_roles(now), now)


def _read_roles(now):
    """(roles, until): distinct values read in SQL, and when the next shift may leave
    or join the list (a conservative moment: it ignores view restrictions)."""
    found = sorted(listable(now).order_by().values_list("role", flat=True).distinct())
    sign_up_ends = Coalesce("closes_at", "starts_at")
    moments = (
        Shift.objects.current()
        .filter(event__live=True, ends_at__gt=now)
        .aggregate(
            leaves=Min(Least(sign_up_ends, "ends_at"), filter=GreaterThan(sign_up_ends, now)),
            opens=Min("opens_at", filter=Q(opens_at__gt=now)),
        )
    )
    return found, min((moment for moment in moments.values() if moment), default=None)


def matching(*, from_date=None, to_date=None, role="", places=False, step_free=False, now=None):
    """The listable shifts the filters select, soonest first, as a query (not yet read)."""
    now = now or timezone.now()
    shifts = listable(now)
    if from_date:
        shifts = shifts.filter(ends_at__gte=local_midnight(from_date))
    if to_date:
        shifts = shifts.filter(starts_at__lt=local_midnight(to_date + timedelta(days=1)))
    if role:
        shifts = shifts.filter(role=role)
    if places:
        shifts = shifts.filter(seats_taken__lt=F("capacity"))
    if step_free:
        # A shift happens at its event's venue; an online-only event has none to reach.
        shifts = shifts.filter(event__venue__step_free=True)
    return shifts


def open_shifts(*, now=None, request=None, **filters):
    """Every shift card people can still sign up for (or queue for), soonest first."""
    now = now or timezone.now()
    return cards(matching(now=now, **filters), now, request)


def for_campaign(campaign, *, now=None, request=None, limit=None, restricted_paths=None):
    """The first ``limit`` (all when None) listed shifts of the campaign's events as cards,
    soonest first: the volunteering list's rules, so both show the same shifts."""
    return for_campaign_until(
        campaign, now=now, request=request, limit=limit, restricted_paths=restricted_paths
    )[0]


def for_campaign_until(campaign, *, now=None, request=None, limit=None, restricted_paths=None):
    """(cards, until): ``for_campaign()`` and the moment the clock next changes them (None:
    no such moment), for a list drawn from them and kept while they stand."""
    now = now or timezone.now()
    paths = None if restricted_paths is None else sorted(restricted_paths)
    listed, until = kept_shifts.rows_until(
        "campaign",
        (campaign.pk, paths),
        lambda: listable(now, restricted_paths).filter(event__campaign=campaign),
        now,
        limit=limit,
    )
    return cards(listed, now, request), until


def page_of_campaign_shifts(campaign, page_number, *, now=None, request=None, per_page=None):
    """One page of a campaign's listed shifts (its "every shift" sub-page)."""
    now = now or timezone.now()
    return page_of_cards(
        "campaign", (campaign.pk,), lambda: listable(now).filter(event__campaign=campaign),
        page_number, per_page or PAGE_SIZE, now=now, request=request,
    )  # fmt: skip


def _form(data, now):
    """The filter form and the filter values to apply (invalid ones are reported, ignored)."""
    form = VolunteerFilterForm(data or None, roles=roles(now))
    values = {}
    if form.is_bound and form.is_valid():
        values = form.cleaned_data
    elif form.is_bound:
        values = {name: form.cleaned_data.get(name) for name in form.cleaned_data}
    return form, values


def page_of_shifts(data, *, now=None, request=None, per_page=PAGE_SIZE):
    """(form, page) for the volunteering page: one page of the matching shifts, soonest
    first."""
    now = now or timezone.now()
    form, values = _form(data, now)
    return form, _page_until(data, values, now, request, per_page)[0]


def _page_until(data, values, now, request, per_page):
    return page_of_cards_until(
        "volunteering", sorted(values.items()), lambda: matching(now=now, **values),
        (data or {}).get("page"), per_page, now=now, request=request,
    )  # fmt: skip


def kept_list(data, *, request, draw, now=None, per_page=PAGE_SIZE):
    """(form, list) for the volunteering page: the filter form, and its list of shifts as
    ``draw(page, filtered=..., query=..., path=...)`` draws it from one page of the
    matching shifts (``query``: the query as asked without its page number, for the page
    links; ``path``: the page's own, for a link to every shift).

    Drawing the list (the cards' rows, states and addresses, the count, the page links)
    was a fifth of the page's time, though it changes only when its rows do. So it is kept
    in this process as drawn, as its rows are (``kept_shifts``): under the editorial and
    places stamps and until the clock next changes the page, per host (an address on
    another site is written out in full), language, path and query as asked. ``draw``
    gets no request: nothing per reader can be kept."""
    now = now or timezone.now()
    form, values = _form(data, now)
    filtered = form.is_filtered()
    others = data.copy()  # a QueryDict: the query as asked
    number = others.pop("page", [None])[-1]
    query = others.urlencode()

    def draw_now():
        page, until = _page_until(data, values, now, request, per_page)
        return draw(page, filtered=filtered, query=query, path=request.path), until

    shown = (sorted(values.items()), filtered, number, per_page, query)
    key = fragments.key_for("volunteering:list", (request.get_host(), request.path, *shown))
    drawn = editorial_stamp.kept_here_until(key, draw_now, now, room="lists", also=("places",))
    return form, drawn
