"""Wagtail pages: the event index (listings), campaigns and events.

The pages hold content and presentation helpers; rules live in ``events.services``.
"""

import uuid
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo, available_timezones

from django import forms
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from modelcluster.fields import ParentalKey
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

import campaign.converters  # noqa: F401 (registers the <id:...> path converter)
from events.calendar import recurrence
from events.calendar.blocks import EventBodyBlock
from events.core.models.page_fields import ShareImageMixin, colour_field, hashtag_field, logo_field

INTRO_FEATURES = ["bold", "italic", "link", "ol", "ul"]
# Events and campaigns are shared as posts too, so their square and story cards are drawn
# ahead, with the link preview, after each publish.
ALL_CARD_LAYOUTS = ("landscape", "square", "story")


def default_time_zone():
    return settings.TIME_ZONE


def validate_time_zone(value):
    if value not in available_timezones():
        raise ValidationError(
            "%(value)s is not a time zone we know. Use a name like Europe/London.",
            params={"value": value},
        )


def validate_hours(value):
    """A list like '24, 1': positive numbers of hours, separated by commas."""
    try:
        hours = [float(part) for part in value.split(",") if part.strip()]
    except ValueError:
        hours = None
    if hours is None or any(hour <= 0 for hour in hours):
        raise ValidationError("Give hours as numbers separated by commas, e.g. '24, 1'.")


def time_zone_choices():
    return [(name, name) for name in sorted(available_timezones())]


class RegistrationMode(models.TextChoices):
    OFF = "off", "No registration"
    OPEN = "open", "Open: people register on this site"
    INVITE = "invite", "By invitation only (shows the registration notes)"


class AttendanceMode(models.TextChoices):
    IN_PERSON = "in_person", "In person"
    ONLINE = "online", "Online"
    HYBRID = "hybrid", "In person and online"


class EventStatus(models.TextChoices):
    SCHEDULED = "scheduled", "Scheduled"
    POSTPONED = "postponed", "Postponed"
    CANCELLED = "cancelled", "Cancelled"


class RepeatFrequency(models.TextChoices):
    NONE = "", "Does not repeat"
    DAILY = "DAILY", "Daily"
    WEEKLY = "WEEKLY", "Weekly"
    MONTHLY = "MONTHLY", "Monthly"
    YEARLY = "YEARLY", "Yearly"


class Weekday(models.TextChoices):
    MO = "MO", "Monday"
    TU = "TU", "Tuesday"
    WE = "WE", "Wednesday"
    TH = "TH", "Thursday"
    FR = "FR", "Friday"
    SA = "SA", "Saturday"
    SU = "SU", "Sunday"


class MonthlyPosition(models.IntegerChoices):
    FIRST = 1, "First"
    SECOND = 2, "Second"
    THIRD = 3, "Third"
    FOURTH = 4, "Fourth"
    LAST = -1, "Last"


class CalendarIdentity(models.Model):
    """What calendar clients need to recognise an entry across edits (see issue 5).

    ``ical_uid`` is set once at creation; ``sequence`` and ``last_material_change`` move
    only when ``events.calendar.services.changes`` sees a material change. None of them is taken
    from a revision: publishing an old revision must not rewind them.
    """

    ical_uid = models.CharField(max_length=64, editable=False, blank=True, db_index=True)
    sequence = models.PositiveIntegerField(default=0, editable=False)
    last_material_change = models.DateTimeField(null=True, blank=True, editable=False)
    material_fingerprint = models.CharField(max_length=64, blank=True, editable=False)

    exclude_fields_in_copy = [
        "ical_uid",
        "sequence",
        "last_material_change",
        "material_fingerprint",
    ]

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self.ical_uid:
            self.ical_uid = f"{uuid.uuid4()}@tapestry"
            update_fields = kwargs.get("update_fields")
            if update_fields is not None:
                kwargs["update_fields"] = [*update_fields, "ical_uid"]
        return super().save(*args, **kwargs)

    def with_content_json(self, content):
        obj = super().with_content_json(content)
        for field in self.exclude_fields_in_copy:
            setattr(obj, field, getattr(self, field))
        return obj


class EventIndexPage(RoutablePageMixin, Page):
    """The public calendar: upcoming list (default), month grid and past archive."""

    intro = RichTextField(features=INTRO_FEATURES, blank=True)
    page_size = models.PositiveSmallIntegerField(
        default=30, help_text="How many events each page of the list shows."
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("page_size")]

    parent_page_types = ["home.HomePage", "wagtailcore.Page"]
    subpage_types = ["events.CampaignPage", "events.EventPage"]
    max_count = 1

    class Meta:
        verbose_name = "event index page"

    @path("")
    def upcoming_view(self, request):
        from events import routes

        return routes.upcoming(request, self)

    @path("month/")
    @path("month/<id:year>/<id:month>/")
    def month_view(self, request, year=None, month=None):
        from events import routes

        return routes.month(request, self, year, month)

    @path("past/")
    def past_view(self, request):
        from events import routes

        return routes.past(request, self)


class CampaignPage(RoutablePageMixin, ShareImageMixin, CalendarIdentity, Page):
    """An awareness campaign: its programme, stories and volunteering in one place.

    In calendars it appears as an all-day umbrella entry spanning its date range. Its
    branding colours its share cards and those of its events and stories; ``toolkit/``
    lists ready-to-post cards.
    """

    theme = models.CharField(max_length=160, blank=True)
    start_date = models.DateField()
    end_date = models.DateField()
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    intro = RichTextField(features=INTRO_FEATURES, blank=True)
    body = StreamField(EventBodyBlock(), blank=True)
    story_tag = models.CharField(
        max_length=100,
        blank=True,
        help_text="Also list published stories tagged with this word.",
    )
    primary_colour = colour_field("primary colour")
    accent_colour = colour_field("accent colour")
    logo = logo_field()
    hashtag = hashtag_field()

    content_panels = [
        *Page.content_panels,
        FieldPanel("theme"),
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")], heading="Dates"),
        FieldPanel("hero_image"),
        FieldPanel("intro"),
        FieldPanel("body"),
        MultiFieldPanel(
            [InlinePanel("chosen_stories", label="Story"), FieldPanel("story_tag")],
            heading="Stories",
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("primary_colour"), FieldPanel("accent_colour")]),
                FieldPanel("logo"),
                FieldPanel("hashtag"),
            ],
            heading="Branding",
            help_text="Empty fields use the site's share card branding (Settings).",
        ),
    ]
    promote_panels = [*Page.promote_panels, FieldPanel("share_image")]
    search_fields = [*Page.search_fields, index.SearchField("theme"), index.SearchField("intro")]
    share_card_layouts = ALL_CARD_LAYOUTS

    parent_page_types = ["events.EventIndexPage", "home.HomePage"]
    subpage_types = ["events.EventPage"]

    class Meta:
        verbose_name = "campaign page"

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": "The campaign cannot end before it starts."})

    def get_feed_url(self, request=None):
        return reverse("events:campaign_feed", kwargs={"slug": self.slug})

    def is_current(self, today=None):
        today = today or timezone.localdate()
        return self.start_date <= today <= self.end_date

    def get_stories(self):
        """Chosen stories first (in the editor's order), then live stories with the tag."""
        chosen = [
            link.page.specific
            for link in self.chosen_stories.select_related("page")
            if link.page is not None and link.page.live
        ]
        seen = {page.pk for page in chosen}
        tagged = []
        if self.story_tag:
            # Stories and advocacy articles live in the home app, which events must not
            # import; look them up by name, and show nothing if that app is not there.
            for model_name in ("StoryPage", "ArticlePage"):
                try:
                    model = apps.get_model("home", model_name)
                except LookupError:
                    continue
                tagged += (
                    model.objects.live()
                    .public()
                    .filter(tags__name__iexact=self.story_tag)
                    .exclude(pk__in=seen)
                    .distinct()
                    .order_by("-first_published_at")[:12]
                )
            tagged = sorted(tagged, key=lambda page: page.first_published_at, reverse=True)[:12]
        return chosen + tagged

    def get_open_volunteer_shifts(self, request=None):
        """Shifts of this campaign's events that people can still sign up for."""
        from events import routes

        return routes.open_volunteer_shifts(self, request)

    def get_context(self, request, *args, **kwargs):
        from events import routes

        context = super().get_context(request, *args, **kwargs)
        context["programme"] = routes.campaign_programme(self, request)
        context["stories"] = self.get_stories()
        context["open_volunteer_shifts"] = self.get_open_volunteer_shifts(request)
        context["feed_url"] = self.get_feed_url(request)
        context["toolkit_url"] = self.toolkit_url(request)
        return context

    def toolkit_url(self, request=None):
        return (self.get_url(request) or "") + self.reverse_subpage("toolkit_view")

    def share_card_content(self, layout):
        from events import routes

        return routes.share_card_content(self, layout)

    @path("toolkit/")
    def toolkit_view(self, request):
        from events import routes

        return routes.campaign_toolkit(request, self)


class CampaignStory(Orderable):
    campaign = ParentalKey(CampaignPage, on_delete=models.CASCADE, related_name="chosen_stories")
    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+", null=True
    )

    panels = [FieldPanel("page")]

    class Meta(Orderable.Meta):
        verbose_name = "chosen story"


class EventPageForm(WagtailAdminPageForm):
    """Friendly recurrence inputs: weekdays as tick boxes, stored as RRULE parts."""

    repeat_weekdays = forms.MultipleChoiceField(
        choices=Weekday.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="On these days",
        help_text="Weekly: the days it meets. Monthly with a position: the day, e.g. Monday.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        stored = self.instance.repeat_weekdays or ""
        self.initial["repeat_weekdays"] = [day for day in stored.split(",") if day]
        if "time_zone" in self.fields:
            self.fields["time_zone"].widget = forms.Select(choices=time_zone_choices())

    def clean_repeat_weekdays(self):
        order = [value for value, _label in Weekday.choices]
        days = self.cleaned_data.get("repeat_weekdays") or []
        return ",".join(sorted(days, key=order.index))

    def is_valid(self):
        valid = super().is_valid()
        if valid:
            valid = self._check_meeting_dates()
        return valid

    def _check_meeting_dates(self):
        """Skipped and changed meetings must name a date the repeat actually gives."""
        instance = self.instance
        if not instance.rrule:
            last = instance.end_date or instance.start_date
            dates = {
                instance.start_date + timedelta(days=offset)
                for offset in range((last - instance.start_date).days + 1)
            }
        else:
            horizon = timezone.now() + timedelta(days=5 * 366)
            starts = recurrence.expand(
                instance.rrule, instance.local_start, instance.zone, window_end=horizon
            )
            dates = {start.date() for start in starts}
        ok = True
        for name, field in (("exceptions", "date"), ("overrides", "original_date")):
            for form in self.formsets[name].forms:
                data = getattr(form, "cleaned_data", None) or {}
                if data.get("DELETE") or not data.get(field):
                    continue
                if data[field] not in dates:
                    form.add_error(
                        field, "This is not one of the meeting dates of the repeat above."
                    )
                    ok = False
        return self._check_shifts(dates) and self._check_registration() and ok

    def _check_registration(self):
        """Places cannot drop below the people already registered for one meeting."""
        from events import routes

        data = self.cleaned_data
        ok = True
        opens, closes = data.get("registration_opens_at"), data.get("registration_closes_at")
        if opens and closes and closes <= opens:
            self.add_error("registration_closes_at", "Registration must close after it opens.")
            ok = False
        capacity = data.get("registration_capacity")
        held = routes.places_held(self.instance) if self.instance.pk else 0
        if capacity is not None and capacity < held:
            self.add_error(
                "registration_capacity",
                f"{held} people already hold a place, so there must be at least {held}.",
            )
            ok = False
        return ok

    def _check_shifts(self, dates):
        """Each shift fits its event, and keeps room for the volunteers already booked."""
        from events import routes

        held = routes.shift_seats_held(self.instance) if self.instance.pk else {}
        ok = True
        for form in self.formsets["shifts"].forms:
            data = getattr(form, "cleaned_data", None) or {}
            if data.get("DELETE") or not data:
                continue
            planned = form.instance
            try:
                routes.check_shift(self.instance, planned, dates)
            except routes.ShiftError as exc:
                form.add_error(exc.field, str(exc))
                ok = False
            taken = held.get(planned.uid, 0)
            if planned.capacity is not None and planned.capacity < taken:
                form.add_error(
                    "capacity",
                    f"{taken} volunteers already hold a place, so the capacity cannot go "
                    f"below {taken}.",
                )
                ok = False
        return ok


class EventPage(RoutablePageMixin, ShareImageMixin, CalendarIdentity, Page):
    """One event, or a series of meetings when it repeats."""

    kind = models.ForeignKey("events.EventKind", on_delete=models.PROTECT, related_name="events")
    campaign = models.ForeignKey(
        "events.CampaignPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
    )
    summary = models.TextField(max_length=300, help_text="One or two sentences for listings.")
    image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Optional picture shown on the event page. Its description is read out "
        "as the alt text, so describe what the picture shows.",
    )
    body = StreamField(EventBodyBlock(), blank=True)

    start_date = models.DateField()
    start_time = models.TimeField(null=True, blank=True, help_text="Empty for all-day events.")
    end_date = models.DateField(null=True, blank=True, help_text="Empty: the same day.")
    end_time = models.TimeField(null=True, blank=True)
    all_day = models.BooleanField(default=False)
    time_zone = models.CharField(
        max_length=64,
        default=default_time_zone,
        validators=[validate_time_zone],
        help_text="The time zone the times above are in, e.g. America/Toronto.",
    )
    # Derived from the local fields above on save: aware datetimes, stored in UTC.
    starts_at = models.DateTimeField(editable=False, null=True, db_index=True)
    ends_at = models.DateTimeField(editable=False, null=True)

    repeat = models.CharField(
        max_length=8, choices=RepeatFrequency.choices, blank=True, default=RepeatFrequency.NONE
    )
    repeat_interval = models.PositiveSmallIntegerField(
        default=1, help_text="1 = every week (or month...), 2 = every other one."
    )
    repeat_weekdays = models.CharField(max_length=27, blank=True)
    repeat_monthly_position = models.SmallIntegerField(
        choices=MonthlyPosition.choices,
        null=True,
        blank=True,
        help_text="Monthly only: e.g. 'First' with Monday ticked means the first Monday.",
    )
    repeat_until = models.DateField(null=True, blank=True, help_text="Last possible date.")
    repeat_count = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Or: stop after this many meetings."
    )
    rrule = models.CharField(
        max_length=200, blank=True, editable=False, help_text="RFC 5545 rule built from above."
    )

    attendance_mode = models.CharField(
        max_length=12, choices=AttendanceMode.choices, default=AttendanceMode.IN_PERSON
    )
    venue = models.ForeignKey(
        "events.Venue", null=True, blank=True, on_delete=models.PROTECT, related_name="events"
    )
    join_url = models.URLField("online join link", blank=True)
    address_after_registration = models.BooleanField(
        "share the address only after registration",
        default=False,
        help_text="The public sees only the area. Use for support-group meetings.",
    )
    join_link_after_registration = models.BooleanField(
        "share the join link only after registration",
        default=False,
        help_text="The public never sees the link. Use for support-group meetings.",
    )
    cost = models.CharField(max_length=80, blank=True, help_text="Empty means free.")
    language = models.CharField(max_length=60, default="English")
    registration_notes = models.TextField(blank=True)
    status = models.CharField(
        max_length=10, choices=EventStatus.choices, default=EventStatus.SCHEDULED
    )
    status_reason = models.CharField(
        max_length=300, blank=True, help_text="Shown on the page when postponed or cancelled."
    )
    volunteers_may_overlap = models.BooleanField(
        default=False,
        help_text="Let one person sign up for shifts here that overlap each other or others.",
    )
    reminder_hours = models.CharField(
        max_length=40,
        blank=True,
        help_text="Hours before a shift to remind volunteers, e.g. '48, 3'. Empty: the default.",
    )
    registration_mode = models.CharField(
        "registration",
        max_length=8,
        choices=RegistrationMode.choices,
        default=RegistrationMode.OFF,
    )
    registration_capacity = models.PositiveIntegerField(
        "places",
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text="How many people can come (to each meeting, for a repeating event). "
        "Empty: no limit.",
    )
    registration_opens_at = models.DateTimeField(
        "registration opens", null=True, blank=True, help_text="Empty: open now."
    )
    registration_closes_at = models.DateTimeField(
        "registration closes",
        null=True,
        blank=True,
        help_text="Empty: when it starts (each meeting, for a repeating event).",
    )
    registration_reminder_hours = models.CharField(
        "attendee reminders",
        max_length=40,
        blank=True,
        validators=[validate_hours],
        help_text="Hours before the start to remind people who registered, e.g. '48, 2'. "
        "Empty: the default (a day and an hour before).",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("kind"),
        FieldPanel("campaign"),
        FieldPanel("summary"),
        FieldPanel("image"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("start_time")]),
                FieldRowPanel([FieldPanel("end_date"), FieldPanel("end_time")]),
                FieldPanel("all_day"),
                FieldPanel("time_zone"),
            ],
            heading="When",
        ),
        MultiFieldPanel(
            [
                FieldPanel("repeat"),
                FieldPanel("repeat_interval"),
                FieldPanel("repeat_weekdays"),
                FieldPanel("repeat_monthly_position"),
                FieldRowPanel([FieldPanel("repeat_until"), FieldPanel("repeat_count")]),
                InlinePanel("exceptions", label="Skipped date", heading="Skipped dates"),
                InlinePanel("overrides", label="Changed meeting", heading="Changed meetings"),
            ],
            heading="Repeats",
        ),
        MultiFieldPanel(
            [
                FieldPanel("attendance_mode"),
                FieldPanel("venue"),
                FieldPanel("join_url"),
                FieldPanel("address_after_registration"),
                FieldPanel("join_link_after_registration"),
            ],
            heading="Where",
        ),
        MultiFieldPanel(
            [FieldPanel("cost"), FieldPanel("language"), FieldPanel("registration_notes")],
            heading="Taking part",
        ),
        MultiFieldPanel([FieldPanel("status"), FieldPanel("status_reason")], heading="Status"),
        MultiFieldPanel(
            [
                InlinePanel("shifts", label="Shift", heading="Shifts"),
                FieldPanel("volunteers_may_overlap"),
                FieldPanel("reminder_hours"),
            ],
            heading="Volunteer shifts",
        ),
        MultiFieldPanel(
            [
                FieldPanel("registration_mode"),
                FieldPanel("registration_capacity"),
                FieldRowPanel(
                    [FieldPanel("registration_opens_at"), FieldPanel("registration_closes_at")]
                ),
                FieldPanel("registration_reminder_hours"),
            ],
            heading="Registration",
            help_text="For a repeating event, people register for one meeting or for every "
            "meeting until they cancel; the places are per meeting.",
        ),
    ]
    promote_panels = [*Page.promote_panels, FieldPanel("share_image")]
    search_fields = [*Page.search_fields, index.SearchField("summary")]
    share_card_layouts = ALL_CARD_LAYOUTS

    base_form_class = EventPageForm
    parent_page_types = ["events.EventIndexPage", "events.CampaignPage"]
    subpage_types = []

    class Meta:
        verbose_name = "event page"

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        from events.calendar.models import campaign_tree

        # An event placed under a campaign page is part of it unless the editor chose one.
        if campaign_tree.default_campaign(self) and kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = [*kwargs["update_fields"], "campaign"]
        if self.start_date and (self.all_day or self.start_time):
            self.starts_at = recurrence.localise(self.local_start, self.zone)
            self.ends_at = recurrence.localise(self.local_end, self.zone)
            try:
                self.rrule = recurrence.rule_from_page(self)
            except recurrence.RecurrenceError:
                self.rrule = ""
            update_fields = kwargs.get("update_fields")
            if update_fields is not None:
                kwargs["update_fields"] = [*update_fields, "starts_at", "ends_at", "rrule"]
        return super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        errors = {}
        if not self.all_day and self.start_time is None:
            errors["start_time"] = "Give a start time, or tick 'all day'."
        if self.time_zone and self.time_zone not in available_timezones():
            errors["time_zone"] = "Choose a time zone from the list."
        if not errors and self.start_date and self.local_end < self.local_start:
            errors["end_time"] = "The event cannot end before it starts."
        if self.attendance_mode != AttendanceMode.ONLINE and self.venue_id is None:
            errors["venue"] = "Choose a venue for an event that meets in person."
        if self.status != EventStatus.SCHEDULED and not self.status_reason.strip():
            errors["status_reason"] = "Say briefly why, so people know what is happening."
        if errors:
            raise ValidationError(errors)
        try:
            self.rrule = recurrence.rule_from_page(self)
            if self.rrule:
                recurrence.check_first_occurrence(
                    self.rrule, self.local_start, self.zone, all_day=self.all_day
                )
        except recurrence.RecurrenceError as exc:
            raise ValidationError({exc.field or "repeat": str(exc)}) from exc

    # Local wall-clock values --------------------------------------------------------

    @property
    def zone(self):
        return ZoneInfo(self.time_zone)

    @property
    def local_start(self):
        """Naive local wall-clock start."""
        return datetime.combine(self.start_date, time(0) if self.all_day else self.start_time)

    @property
    def local_end(self):
        """Naive local wall-clock end (exclusive midnight for all-day events)."""
        end_date = self.end_date or self.start_date
        if self.all_day:
            return datetime.combine(end_date + timedelta(days=1), time(0))
        return datetime.combine(end_date, self.end_time or self.start_time)

    @property
    def is_recurring(self):
        return bool(self.rrule)

    @property
    def is_private_address(self):
        return self.address_after_registration

    # Presentation helpers -------------------------------------------------------------

    def share_card_content(self, layout):
        from events import routes

        return routes.share_card_content(self, layout)

    def get_feed_url(self, request=None):
        return reverse("events:event_feed", kwargs={"page_id": self.pk})

    def get_occurrence_feed_url(self, occurrence):
        return reverse("events:occurrence_feed", kwargs={"page_id": self.pk, "key": occurrence.key})

    def get_occurrence_url(self, occurrence, request=None):
        if not self.is_recurring:
            return self.get_url(request)
        return self.get_url(request) + self.reverse_subpage(
            "occurrence_view", kwargs={"key": occurrence.key}
        )

    @cached_property
    def upcoming_occurrences(self):
        return list(self.occurrences.filter(end__gte=timezone.now()).select_related("venue")[:12])

    @path("")
    def event_view(self, request):
        from events import routes

        return routes.event_detail(request, self)

    @path("volunteer/<id:shift_id>/")
    def shift_signup(self, request, shift_id):
        from events import routes

        return routes.shift_signup(request, self, shift_id)

    @path("volunteer/<id:shift_id>/sent/")
    def shift_signup_sent(self, request, shift_id):
        from events import routes

        return routes.shift_signup_sent(request, self, shift_id)

    @path("register/")
    def register_view(self, request):
        from events import routes

        return routes.register(request, self)

    @path("register/sent/")
    def register_sent_view(self, request):
        from events import routes

        return routes.register_sent(request, self)

    @path("occurrences/<str:key>/register/")
    def occurrence_register_view(self, request, key):
        from events import routes

        return routes.register(request, self, key)

    @path("occurrences/<str:key>/")
    def occurrence_view(self, request, key):
        from events import routes

        occurrence = self.occurrences.select_related("venue").filter(key=key).first()
        if occurrence is None:
            raise Http404("No such meeting")
        return routes.event_detail(request, self, occurrence)


class EventException(Orderable):
    """A date on which a repeating event does not happen at all (EXDATE)."""

    event = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="exceptions")
    date = models.DateField(help_text="The local date of the meeting to skip.")

    panels = [FieldPanel("date")]

    class Meta(Orderable.Meta):
        verbose_name = "skipped date"


class OccurrenceOverride(Orderable):
    """One meeting of a series that is cancelled, moved to another time, or another place."""

    event = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="overrides")
    original_date = models.DateField(help_text="The local date the meeting was planned for.")
    cancelled = models.BooleanField(default=False, help_text="Keep it listed, marked as cancelled.")
    new_date = models.DateField(null=True, blank=True)
    new_start_time = models.TimeField(null=True, blank=True)
    new_end_time = models.TimeField(null=True, blank=True)
    venue = models.ForeignKey(
        "events.Venue", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    note = models.CharField(max_length=200, blank=True, help_text="Shown with this meeting.")

    panels = [
        FieldPanel("original_date"),
        FieldPanel("cancelled"),
        FieldRowPanel(
            [FieldPanel("new_date"), FieldPanel("new_start_time"), FieldPanel("new_end_time")]
        ),
        FieldPanel("venue"),
        FieldPanel("note"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "changed meeting"


VOLUNTEER_PROMISE = (
    "<p>No account needed: give your name and email address, and we send you a link to "
    "confirm. You can cancel with one click from any of our emails.</p>"
)
VOLUNTEER_NEXT_STEPS = (
    "<ol><li>Choose a shift and fill in the short form.</li>"
    "<li>Confirm with the link we email you.</li>"
    "<li>We remind you the day before and tell you where to go and who to ask for.</li></ol>"
)


class VolunteeringPage(Page):
    """Every open volunteer shift, across events and campaigns, with filters."""

    intro = RichTextField(features=INTRO_FEATURES, blank=True)
    promise = RichTextField(
        features=INTRO_FEATURES,
        default=VOLUNTEER_PROMISE,
        help_text="What people do not need (an account) and how they can cancel.",
    )
    next_steps = RichTextField(
        features=INTRO_FEATURES,
        default=VOLUNTEER_NEXT_STEPS,
        help_text="What happens after someone signs up.",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("promise"),
        FieldPanel("next_steps"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["home.HomePage", "wagtailcore.Page"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = "volunteering page"

    def get_context(self, request, *args, **kwargs):
        from events import routes

        context = super().get_context(request, *args, **kwargs)
        form, cards = routes.volunteering(request)
        context["filter_form"] = form
        context["is_filtered"] = form.is_filtered()
        context["shift_cards"] = cards
        return context
