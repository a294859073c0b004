"""Public listings: the filter set, and grouping occurrences by day and into a month grid.

Every list is one indexed query over the Occurrence table with its related rows joined, so
the number of queries does not grow with the number of events.
"""

import calendar
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

import django_filters
import django_filters.fields
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Count, F, OuterRef, Q, Subquery, Window
from django.db.models.functions import RowNumber, TruncDate
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from events.calendar.models import (
    AccessFeature,
    AttendanceMode,
    CampaignPage,
    EventKind,
    EventPage,
    Occurrence,
    languages,
)
from events.calendar.models.translated_pages import in_reader_language
from events.calendar.services import listing_choices
from events.core.services import editorial_stamp, fragments, restrictions

MONTH_CELL_LIMIT = 4


def public_occurrences(paths=None):
    """Occurrences of live events with what a listing shows, in start order. An event behind
    a view restriction (its own or an ancestor's) is not public, so it is not listed.
    ``paths``: the restricted paths, when the caller has read them already."""
    paths = restrictions.restricted_paths() if paths is None else paths
    public = EventPage.objects.live().filter(restrictions.outside(paths))
    return (
        Occurrence.objects.filter(event__in=public.values("pk"))
        .select_related("event", "event__kind", "venue")
        .defer("event__body")
        .order_by("start", "pk")
    )


# What an event card, a month cell and an occurrence's address read of a listed
# occurrence's event (templates/components/event_occurrence_card.html, with_urls,
# calendar_tags.card_values): a list reads up to a hundred rows, and building each event
# with its other fifty-odd columns (text, dates, registration rules) was most of the cost.
CARD_COLUMNS = (
    *("id", "event", "recurrence_id", "start", "end", "all_day", "cancelled", "moved"),
    *("venue", "note", "key"),
    # The page's address and language: get_url, in_reader_language, content_lang.
    *("event__path", "event__depth", "event__translation_key", "event__locale", "event__live"),
    *("event__url_path", "event__slug", "event__content_type", "event__alias_of"),
    # The card's words and state; whether it repeats (its occurrence's own address).
    *("event__title", "event__summary", "event__status", "event__time_zone", "event__kind"),
    *("event__attendance_mode", "event__rrule", "event__repeat", "event__repeat_source_dates"),
)


def for_cards(queryset):
    """``queryset`` (public occurrences) reading only what cards and cells show."""
    return queryset.only(*CARD_COLUMNS)


def modes_matching(mode):
    """The attendance modes a "how to take part" choice finds.

    "Online" means "I can join from home" and "in person" means "I can go there", so a
    hybrid event answers both; "hybrid" finds only events offering both.
    """
    if mode in (AttendanceMode.ONLINE, AttendanceMode.IN_PERSON):
        return [mode, AttendanceMode.HYBRID]
    return [mode]


def kind_exists(slug):
    return EventKind.objects.filter(slug=slug).exists()


def partner_exists(slug):
    return partner_choices().filter(slug=slug).exists()


def partner_choices():
    """Partners for the filter. The model is reached through the organiser field: partners
    is a room above the calendar, so the calendar does not import it."""
    return EventPage._meta.get_field("organiser").related_model.objects.order_by("name")


def language_filter_choices(selected=""):
    """The languages of live events (by primary subtag, e.g. "es" for "es" and "es-MX"),
    named in the reader's language, and the chosen one even when no event has it."""
    tags = listing_choices.remembered(
        "languages",
        lambda: EventPage.objects.live().order_by().values_list("language", flat=True).distinct(),
    )
    codes = {languages.primary(tag) for tag in tags if languages.is_known(tag)}
    choices = sorted(
        ((code, languages.language_name(code)) for code in codes), key=lambda c: c[1].casefold()
    )
    if selected and languages.is_known(selected):
        selected = languages.canonical(selected)
        if selected not in codes:
            choices.append((selected, languages.language_name(selected)))
    return choices


def matching_languages(tag):
    """Events in a language (RFC 4647 basic filtering): "es" finds "es" and "es-MX"."""
    return Q(event__language__iexact=tag) | Q(event__language__istartswith=f"{tag}-")


class LanguageSelect(forms.Select):
    """Offers the languages events are in; asked only when the form is drawn, so the API
    and the feeds, which only read the value, make no query for it."""

    def format_value(self, value):
        # "ES" as typed is the option "es".
        values = super().format_value(value)
        return [languages.canonical(v) if languages.is_known(v) else v for v in values]

    def optgroups(self, name, value, attrs=None):
        selected = value[0] if value and value[0] else ""
        self.choices = [("", gettext("Any language")), *language_filter_choices(selected)]
        return super().optgroups(name, value, attrs)


class LanguageField(forms.CharField):
    widget = LanguageSelect

    def to_python(self, value):
        value = super().to_python(value).strip()
        if not value:
            return ""
        if not languages.is_known(value):
            raise ValidationError(
                _("Choose a language from the list, or give a language code such as “es”."),
                code="invalid_language",
            )
        return languages.canonical(value)


class RememberedChoiceIterator(django_filters.fields.ModelChoiceIterator):
    """The options as (slug, label) pairs kept by ``listing_choices``: no query to draw
    them. A chosen value is still checked against the queryset."""

    def _pairs(self):
        field = self.field
        return listing_choices.remembered(
            self.queryset.model._meta.label,
            lambda: [
                (field.prepare_value(o), str(field.label_from_instance(o))) for o in self.queryset
            ],
        )

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        yield from self._pairs()

    def __len__(self):
        return len(self._pairs()) + (self.field.empty_label is not None)

    def __bool__(self):
        return self.field.empty_label is not None or bool(self._pairs())


class RememberedChoiceField(django_filters.fields.ModelChoiceField):
    iterator = RememberedChoiceIterator


class RememberedChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = RememberedChoiceField


class LanguageFilter(django_filters.CharFilter):
    field_class = LanguageField


def local_midnight(day):
    return timezone.make_aware(datetime.combine(day, time(0)))


class DateInput(forms.DateInput):
    input_type = "date"


class OccurrenceFilter(django_filters.FilterSet):
    """The filters of the public calendar; each combination is a plain GET URL."""

    q = django_filters.CharFilter(label=_("Search"), method="filter_text")
    campaign = RememberedChoiceFilter(
        label=_("Campaign"),
        field_name="event__campaign",
        to_field_name="slug",
        queryset=CampaignPage.objects.live().in_source_language().order_by("-start_date"),
        empty_label=_("Any campaign"),
    )
    kind = RememberedChoiceFilter(
        label=_("Kind of event"),
        field_name="event__kind",
        to_field_name="slug",
        queryset=EventKind.objects.all(),
        empty_label=_("Any kind"),
    )
    partner = RememberedChoiceFilter(
        label=_("Partner"),
        method="filter_partner",
        to_field_name="slug",
        queryset=lambda request: partner_choices(),
        empty_label=_("Any partner"),
    )
    language = LanguageFilter(label=_("Language"), method="filter_language")
    mode = django_filters.ChoiceFilter(
        label=_("How to take part"),
        choices=AttendanceMode.choices,
        method="filter_mode",
        empty_label=_("In person or online"),
    )
    access = django_filters.MultipleChoiceFilter(
        label=_("Access needs"),
        choices=AccessFeature.choices,
        method="filter_access",
        widget=forms.CheckboxSelectMultiple,
    )
    from_date = django_filters.DateFilter(
        label=_("From"), method="filter_from", widget=DateInput(format="%Y-%m-%d")
    )
    to_date = django_filters.DateFilter(
        label=_("To"), method="filter_to", widget=DateInput(format="%Y-%m-%d")
    )

    class Meta:
        model = Occurrence
        fields = []

    def filter_text(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(event__title__icontains=value)
            | Q(event__summary__icontains=value)
            | Q(event__kind__name__icontains=value)
            | Q(venue__area__icontains=value)
        )

    def filter_partner(self, queryset, name, value):
        # Organiser or co-host, as a subquery so an event is never listed twice.
        hosted = EventPage.objects.filter(Q(organiser=value) | Q(co_hosts=value))
        return queryset.filter(event__in=hosted.values("pk"))

    def filter_language(self, queryset, name, value):
        return queryset.filter(matching_languages(value))

    def filter_mode(self, queryset, name, value):
        return queryset.filter(event__attendance_mode__in=modes_matching(value))

    def filter_access(self, queryset, name, values):
        for value in values:
            queryset = queryset.filter(**{f"venue__{value}": True})
        return queryset

    def filter_from(self, queryset, name, value):
        return queryset.filter(end__gte=local_midnight(value))

    def filter_to(self, queryset, name, value):
        if value == date.max:  # no day after it to stop at; every meeting starts before
            return queryset
        return queryset.filter(start__lt=local_midnight(value + timedelta(days=1)))

    def is_filtered(self):
        if not self.is_bound:
            return False
        self.form.is_valid()
        return any(value not in (None, "", [], ()) for value in self.form.cleaned_data.values())


def apply_filters(data, queryset=None):
    """Return (filter set, filtered queryset); invalid values are ignored and reported.
    The filter set is a ``Filters``: the queryset is filtered only when the query names
    a filter."""
    found = Filters(data, queryset)
    return found, found.qs


class Filters:
    """The listing filters of one query, each part built only when something asks for
    it. Building the FilterSet (a deep copy of every filter, a form class made anew) was
    half of a plain list's time, and a list whose pieces are kept needs only to know
    whether it is filtered: that answer is kept under the editorial stamp (it depends on
    the query and the choices on offer), and the form and the filtered queryset are
    built when a kept piece is drawn afresh. A query that names no filter (the plain
    list, a page number alone) leaves the queryset as it is."""

    def __init__(self, data, queryset=None):
        self.data = data
        self.is_bound = bool(data)
        self._queryset = queryset
        self._asked = sorted(
            (name, list(data.getlist(name)) if hasattr(data, "getlist") else data[name])
            for name in (data or ())
            if name in OccurrenceFilter.base_filters
        )

    @cached_property
    def _base(self):
        return self._queryset if self._queryset is not None else public_occurrences()

    @cached_property
    def filterset(self):
        return OccurrenceFilter(self.data or None, queryset=self._base)

    @property
    def form(self):
        return self.filterset.form

    @cached_property
    def qs(self):
        return self.filterset.qs if self._asked else self._base

    def is_filtered(self):
        if not self._asked:
            return False
        return editorial_stamp.kept_here(
            fragments.key_for("is-filtered", self._asked),
            lambda: self.filterset.is_filtered(),
            room="filters",
        )


def upcoming(queryset, now=None):
    return queryset.filter(end__gte=now or timezone.now())


def past(queryset, now=None):
    return queryset.filter(end__lt=now or timezone.now()).order_by("-start", "-pk")


def with_urls(occurrences, request=None):
    """Attach each occurrence's public URL (computed without extra queries per row); in
    another language than the source, events with a translation wear its words and
    address (one query)."""
    items = list(occurrences)
    shown = {}
    sources = {item.event_id: item.event for item in items}
    for event in in_reader_language(sources.values()):
        shown[event.pk] = event
    addresses = {}  # one page address per event: a series lists many of its occurrences
    for item in items:
        item.event = shown.get(item.event_id, item.event)
        if item.event_id not in addresses:
            addresses[item.event_id] = item.event.get_url(request)
        item.url = item.event.occurrence_url_from(addresses[item.event_id], item)
    return items


@dataclass
class Day:
    date: date
    occurrences: list = field(default_factory=list)


def group_by_day(occurrences, request=None):
    """Consecutive occurrences grouped by their local (site time zone) start date."""
    days = []
    for item in with_urls(occurrences, request):
        day = timezone.localtime(item.start).date()
        if not days or days[-1].date != day:
            days.append(Day(day))
        days[-1].occurrences.append(item)
    return days


@dataclass
class MonthCell:
    date: date
    in_month: bool
    occurrences: list = field(default_factory=list)
    more: int = 0


def month_grid(queryset, year, month, request=None, limit=MONTH_CELL_LIMIT):
    """Weeks (Monday first) of day cells; each cell shows up to ``limit`` occurrences.

    The database numbers each day's occurrences and counts the rest, so a busy month
    costs the same two queries and renders at most ``limit`` rows a day.
    """
    weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    first, last = weeks[0][0], weeks[-1][-1]
    rows = for_cards(queryset).filter(
        start__gte=local_midnight(first), start__lt=local_midnight(last + timedelta(days=1))
    )
    local_day = TruncDate("start", tzinfo=timezone.get_current_timezone())
    shown = list(
        rows.annotate(
            local_day=local_day,
            day_rank=Window(
                RowNumber(), partition_by=[local_day], order_by=[F("start").asc(), F("pk").asc()]
            ),
        ).filter(day_rank__lte=limit)
    )
    totals = dict(
        rows.order_by()
        .annotate(local_day=local_day)
        .values_list("local_day")
        .annotate(total=Count("pk"))
    )
    cells = {day: MonthCell(day, day.month == month) for week in weeks for day in week}
    for item in with_urls(shown, request):
        cell = cells.get(item.local_day)
        if cell is not None:
            cell.occurrences.append(item)
    for day, total in totals.items():
        if day in cells:
            cells[day].more = max(total - len(cells[day].occurrences), 0)
    return [[cells[day] for day in week] for week in weeks]


def month_is_empty(weeks):
    return not any(cell.occurrences for week in weeks for cell in week if cell.in_month)


def next_start_after_month(queryset, year, month):
    """Local start of the first occurrence after the given month (None when there is none).

    An empty month is no dead end: the month view says when the next events are.
    """
    following = date(year + month // 12, month % 12 + 1, 1)
    item = queryset.filter(start__gte=local_midnight(following)).order_by("start", "pk").first()
    return timezone.localtime(item.start) if item else None


def current_campaign(today=None):
    """The campaign running today, else the next one to start, else None: kept for the
    day under the editorial stamp (only an editor's change to pages or restrictions, or
    the date, changes the answer)."""
    today = today or timezone.localdate()
    return editorial_stamp.kept_shared(
        f"current-campaign:{today.isoformat()}", lambda: _current_campaign(today)
    )


def _current_campaign(today):
    """The running campaign that started first, else the next to start: one query, as
    every running one starts before every one still to come."""
    live = restrictions.public(CampaignPage.objects.live().in_source_language())
    return live.filter(end_date__gte=today).order_by("start_date", "pk").first()


def next_occurrences(limit=5, now=None, request=None):
    """The next meeting of each of the next ``limit`` events (a weekly group shows once).

    One query: an occurrence is listed only if it is its event's first upcoming one, so
    the database returns exactly ``limit`` rows however many meetings a busy series has
    (reading the next fifty and keeping the first of each event built fifty rows a
    request, and found fewer than ``limit`` events behind a daily series)."""
    now = now or timezone.now()
    first_of_its_event = (
        Occurrence.objects.filter(event=OuterRef("event_id"), end__gte=now)
        .order_by("start", "pk")
        .values("pk")[:1]
    )
    chosen = upcoming(for_cards(public_occurrences()), now).filter(pk=Subquery(first_of_its_event))
    return with_urls(chosen[:limit], request)
