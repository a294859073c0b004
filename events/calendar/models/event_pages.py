"""Event pages, one-off or repeating, with their skipped and changed meetings.

The pages hold content and presentation helpers; rules live in the rooms' services.
"""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

import campaign.converters  # noqa: F401 (registers the <id:...> path converter)
from events.calendar import handover, recurrence
from events.calendar.blocks import EventBodyBlock
from events.calendar.models import languages
from events.calendar.models.calendar_identity import CalendarIdentity
from events.calendar.models.choices import (
    ALL_CARD_LAYOUTS,
    AttendanceMode,
    EventStatus,
    MonthlyPosition,
    RegistrationMode,
    RepeatFrequency,
    default_time_zone,
)
from events.calendar.models.event_page_form import EventPageForm
from events.calendar.models.site_roots import SiteRootsOnceMixin
from events.calendar.models.source_panels import SourceOwnedPanel
from events.calendar.models.translated_pages import ReadsSourceLogisticsMixin, SourcePageManager
from events.calendar.models.validators import validate_hours, validate_time_zone
from events.calendar.models.view_restrictions import RestrictionsOnceMixin
from events.core.models.page_fields import ShareImageMixin
from events.core.models.reader_language import ReaderLanguageUrlMixin
from events.core.services import editorial_stamp
from events.core.time_zones import known_time_zones

# The fields the stored start, end and rule are derived from (see EventPage.save).
TIME_SOURCES = frozenset(
    {
        "start_date",
        "start_time",
        "end_date",
        "end_time",
        "all_day",
        "time_zone",
        "repeat",
        "repeat_interval",
        "repeat_weekdays",
        "repeat_monthly_position",
        "repeat_until",
        "repeat_count",
    }
)


class EventPage(
    RestrictionsOnceMixin,
    SiteRootsOnceMixin,
    ReadsSourceLogisticsMixin,
    ReaderLanguageUrlMixin,
    RoutablePageMixin,
    ShareImageMixin,
    CalendarIdentity,
    Page,
):
    """One event, or a series of meetings when it repeats."""

    translated_text_fields = (
        "summary",
        "body",
        "cost",
        "language_notes",
        "registration_notes",
        "status_reason",
    )
    objects = SourcePageManager()
    # The rows its page's article, share card and JSON-LD show beside its own: read in one
    # query when the article is drawn (events.routes), not with every request's page row
    # (joining them all took the planner longer than reading them).
    shown_related = ("kind", "venue", "campaign__locale", "image", "organiser__logo")
    # Its share card names its next meeting (events.templatetags.share_tags).
    share_card_follows_clock = True

    kind = models.ForeignKey("events.EventKind", on_delete=models.PROTECT, related_name="events")
    campaign = models.ForeignKey(
        "events.CampaignPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
    )
    organiser = models.ForeignKey(
        "events.Partner",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="organised_events",
        help_text=_("The partner organisation that runs it. Empty: the campaign team."),
    )
    co_hosts = ParentalManyToManyField(
        "events.Partner", blank=True, related_name="co_hosted_events"
    )
    summary = models.TextField(max_length=300, help_text=_("One or two sentences for listings."))
    image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Optional picture shown on the event page. Its description is read out "
            "as the alt text, so describe what the picture shows."
        ),
    )
    body = StreamField(EventBodyBlock(), blank=True)

    start_date = models.DateField()
    start_time = models.TimeField(null=True, blank=True, help_text=_("Empty for all-day events."))
    end_date = models.DateField(null=True, blank=True, help_text=_("Empty: the same day."))
    end_time = models.TimeField(null=True, blank=True)
    all_day = models.BooleanField(default=False)
    time_zone = models.CharField(
        max_length=64,
        default=default_time_zone,
        validators=[validate_time_zone],
        help_text=_("The time zone the times above are in, e.g. America/Toronto."),
    )
    # Derived from the local fields above on save: aware datetimes, stored in UTC.
    starts_at = models.DateTimeField(editable=False, null=True, db_index=True)
    ends_at = models.DateTimeField(editable=False, null=True)

    repeat = models.CharField(
        max_length=8, choices=RepeatFrequency.choices, blank=True, default=RepeatFrequency.NONE
    )
    repeat_interval = models.PositiveSmallIntegerField(
        default=1, help_text=_("1 = every week (or month...), 2 = every other one.")
    )
    repeat_weekdays = models.CharField(max_length=27, blank=True)
    repeat_monthly_position = models.SmallIntegerField(
        choices=MonthlyPosition.choices,
        null=True,
        blank=True,
        help_text=_("Monthly only: e.g. 'First' with Monday ticked means the first Monday."),
    )
    repeat_until = models.DateField(null=True, blank=True, help_text=_("Last possible date."))
    repeat_count = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text=_("Or: stop after this many meetings.")
    )
    rrule = models.CharField(
        max_length=1000, blank=True, editable=False, help_text=_("RFC 5545 rule built from above.")
    )
    # An imported series (repeat = "as the source says") keeps its source's rule and extra
    # dates here, as the source wrote them; saving never rebuilds them from the fields above.
    repeat_source_rule = models.TextField(blank=True, editable=False)
    repeat_source_dates = models.TextField(
        blank=True,
        editable=False,
        help_text=_("RDATE: local start values in the event's time zone, one ISO value a line."),
    )

    attendance_mode = models.CharField(
        max_length=12, choices=AttendanceMode.choices, default=AttendanceMode.IN_PERSON
    )
    venue = models.ForeignKey(
        "events.Venue", null=True, blank=True, on_delete=models.PROTECT, related_name="events"
    )
    join_url = models.URLField(_("online join link"), blank=True)
    address_after_registration = models.BooleanField(
        _("share the address only after registration"),
        default=False,
        help_text=_("The public sees only the area. Use for support-group meetings."),
    )
    join_link_after_registration = models.BooleanField(
        _("share the join link only after registration"),
        default=False,
        help_text=_("The public never sees the link. Use for support-group meetings."),
    )
    cost = models.CharField(max_length=80, blank=True, help_text=_("Empty means free."))
    # A BCP 47 tag ("en", "es-MX", "bfi"); the admin offers a list (see EventPageForm).
    language = models.CharField(
        max_length=35,
        default=languages.DEFAULT_LANGUAGE,
        validators=[languages.validate_language_tag],
    )
    language_notes = models.CharField(
        _("language notes"),
        max_length=100,
        blank=True,
        help_text=_("Shown after the language, e.g. “with live captions”."),
    )
    registration_notes = models.TextField(blank=True)
    status = models.CharField(
        max_length=10, choices=EventStatus.choices, default=EventStatus.SCHEDULED
    )
    status_reason = models.CharField(
        max_length=300, blank=True, help_text=_("Shown on the page when postponed or cancelled.")
    )
    volunteers_may_overlap = models.BooleanField(
        default=False,
        help_text=_("Let one person sign up for shifts here that overlap each other or others."),
    )
    reminder_hours = models.CharField(
        max_length=40,
        blank=True,
        help_text=_("Hours before a shift to remind volunteers, e.g. '48, 3'. Empty: the default."),
    )
    registration_mode = models.CharField(
        _("registration"),
        max_length=8,
        choices=RegistrationMode.choices,
        default=RegistrationMode.OFF,
    )
    registration_capacity = models.PositiveIntegerField(
        _("places"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_(
            "How many people can come (to each meeting, for a repeating event). Empty: no limit."
        ),
    )
    registration_opens_at = models.DateTimeField(
        _("registration opens"), null=True, blank=True, help_text=_("Empty: open now.")
    )
    registration_closes_at = models.DateTimeField(
        _("registration closes"),
        null=True,
        blank=True,
        help_text=_("Empty: when it starts (each meeting, for a repeating event)."),
    )
    registration_reminder_hours = models.CharField(
        _("attendee reminders"),
        max_length=40,
        blank=True,
        validators=[validate_hours],
        help_text=_(
            "Hours before the start to remind people who registered, e.g. '48, 2'. "
            "Empty: the default (a day and an hour before)."
        ),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("kind"),
        FieldPanel("campaign"),
        MultiFieldPanel([FieldPanel("organiser"), FieldPanel("co_hosts")], heading=_("Hosts")),
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
            heading=_("When"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("repeat"),
                FieldPanel("repeat_interval"),
                FieldPanel("repeat_weekdays"),
                FieldPanel("repeat_monthly_position"),
                FieldRowPanel([FieldPanel("repeat_until"), FieldPanel("repeat_count")]),
                InlinePanel("exceptions", label=_("Skipped date"), heading=_("Skipped dates")),
                InlinePanel("overrides", label=_("Changed meeting"), heading=_("Changed meetings")),
            ],
            heading=_("Repeats"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("attendance_mode"),
                FieldPanel("venue"),
                FieldPanel("join_url"),
                FieldPanel("address_after_registration"),
                FieldPanel("join_link_after_registration"),
            ],
            heading=_("Where"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("cost"),
                FieldPanel("language"),
                FieldPanel("language_notes"),
                FieldPanel("registration_notes"),
            ],
            heading=_("Taking part"),
        ),
        MultiFieldPanel([FieldPanel("status"), FieldPanel("status_reason")], heading=_("Status")),
        # A translation's shift rows are inert copies: there it says where to edit them.
        SourceOwnedPanel(
            [
                InlinePanel("shifts", label=_("Shift"), heading=_("Shifts")),
                FieldPanel("volunteers_may_overlap"),
                FieldPanel("reminder_hours"),
            ],
            heading=_("Volunteer shifts"),
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
            heading=_("Registration"),
            help_text=_(
                "For a repeating event, people register for one meeting or for every "
                "meeting until they cancel; the places are per meeting."
            ),
        ),
    ]
    promote_panels = [*Page.promote_panels, FieldPanel("share_image")]
    search_fields = [*Page.search_fields, index.SearchField("summary")]
    # Wagtail's pages API (/api/v2/pages/) may show these and nothing else: never the venue
    # (its address may be private), the join link or the registration notes.
    api_fields = [
        "summary",
        "start_date",
        "start_time",
        "end_date",
        "end_time",
        "all_day",
        "time_zone",
        "starts_at",
        "ends_at",
        "attendance_mode",
        "status",
        "status_reason",
        "cost",
        "language",
        "language_notes",
    ]
    share_card_layouts = ALL_CARD_LAYOUTS

    base_form_class = EventPageForm
    parent_page_types = ["events.EventIndexPage", "events.CampaignPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("event page")

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        from events.calendar.models import campaign_tree

        # An event placed under a campaign page is part of it unless the editor chose one.
        if campaign_tree.default_campaign(self) and kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = [*kwargs["update_fields"], "campaign"]
        self.convert_old_language()
        update_fields = kwargs.get("update_fields")
        # A partial save that leaves the times alone (save_revision() writes only the
        # draft bookkeeping) must not write a draft's times onto the live row either.
        times_saved = update_fields is None or not TIME_SOURCES.isdisjoint(update_fields)
        if times_saved and self.start_date and (self.all_day or self.start_time):
            self.starts_at = recurrence.localise(self.local_start, self.zone)
            self.ends_at = recurrence.localise(self.local_end, self.zone)
            try:
                self.rrule = recurrence.rule_from_page(self)
            except recurrence.RecurrenceError:
                self.rrule = ""
            if update_fields is not None:
                kwargs["update_fields"] = [*update_fields, "starts_at", "ends_at", "rrule"]
        return super().save(*args, **kwargs)

    def full_clean(self, *args, **kwargs):
        # Before the field checks: an old revision's free text is read, not refused.
        self.convert_old_language()
        return super().full_clean(*args, **kwargs)

    def clean(self):
        super().clean()
        errors = {}
        if not self.all_day and self.start_time is None:
            errors["start_time"] = _("Give a start time, or tick 'all day'.")
        if self.time_zone and self.time_zone not in known_time_zones():
            errors["time_zone"] = _("Choose a time zone from the list.")
        if not errors and self.start_date and self.local_end < self.local_start:
            errors["end_time"] = _("The event cannot end before it starts.")
        if self.attendance_mode != AttendanceMode.ONLINE and self.venue_id is None:
            errors["venue"] = _("Choose a venue for an event that meets in person.")
        if self.status != EventStatus.SCHEDULED and not self.status_reason.strip():
            errors["status_reason"] = _("Say briefly why, so people know what is happening.")
        if errors:
            raise ValidationError(errors)
        try:
            self.rrule = recurrence.rule_from_page(self)
            # An imported rule may not start on its DTSTART; the importer then lists the
            # start among the extra dates, as RFC 5545 counts it.
            if self.rrule and self.repeat != RepeatFrequency.SOURCE:
                recurrence.check_first_occurrence(
                    self.rrule, self.local_start, self.zone, all_day=self.all_day
                )
        except recurrence.RecurrenceError as exc:
            raise ValidationError({exc.field or "repeat": str(exc)}) from exc

    def convert_old_language(self):
        """An old revision holds the language as free text ("English, with live captions"):
        publishing it stores the tag, and the rest as the note."""
        if languages.is_known(self.language):
            self.language = languages.canonical(self.language)
            return
        self.language, note = languages.from_text(self.language)
        if note and not self.language_notes:
            self.language_notes = note[: self._meta.get_field("language_notes").max_length]

    @property
    def language_name(self):
        """The event's language, named in the reader's language."""
        return languages.language_name(self.language)

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
    def source_dates(self):
        """Naive local start datetimes of the imported series' RDATEs (all-day: midnight)."""
        if self.repeat != RepeatFrequency.SOURCE:
            return []
        values = []
        for line in (self.repeat_source_dates or "").split():
            value = datetime.fromisoformat(line)
            values.append(value.replace(tzinfo=None))
        return values

    @property
    def is_recurring(self):
        return bool(self.rrule or self.source_dates)

    @property
    def is_private_address(self):
        return self.address_after_registration

    # Presentation helpers -------------------------------------------------------------

    def share_card_content(self, layout):
        return handover.routes.share_card_content(self, layout)

    def get_feed_url(self, request=None):
        return reverse("events:event_feed", kwargs={"page_id": self.pk})

    def get_occurrence_feed_url(self, occurrence):
        return reverse("events:occurrence_feed", kwargs={"page_id": self.pk, "key": occurrence.key})

    def get_occurrence_url(self, occurrence, request=None):
        return self.occurrence_url_from(self.get_url(request), occurrence)

    def occurrence_url_from(self, page_url, occurrence):
        """The occurrence's address given this page's (a listing computes it once)."""
        if not self.is_recurring or page_url is None:
            return page_url
        return page_url + self.reverse_subpage("occurrence_view", kwargs={"key": occurrence.key})

    @cached_property
    def upcoming_occurrences(self):
        return list(self.occurrences.filter(end__gte=timezone.now()).select_related("venue")[:12])

    @path("")
    def event_view(self, request):
        return handover.routes.event_detail(request, self)

    @path("volunteer/")
    def shifts_view(self, request):
        return handover.routes.event_shifts(request, self)

    @path("volunteer/<id:shift_id>/")
    def shift_signup(self, request, shift_id):
        return handover.routes.shift_signup(request, self, shift_id)

    @path("volunteer/<id:shift_id>/sent/")
    def shift_signup_sent(self, request, shift_id):
        return handover.routes.shift_signup_sent(request, self, shift_id)

    @path("register/")
    def register_view(self, request):
        return handover.routes.register(request, self)

    @path("register/sent/")
    def register_sent_view(self, request):
        return handover.routes.register_sent(request, self)

    @path("occurrences/<str:key>/register/")
    def occurrence_register_view(self, request, key):
        return handover.routes.register(request, self, key)

    @path("occurrences/<str:key>/")
    def occurrence_view(self, request, key):
        # A meeting's row changes only when the meetings are refreshed (on publish, and
        # nightly), which replaces the editorial stamp: kept under it.
        occurrence = editorial_stamp.kept_here(
            f"occurrence:{self.pk}:{key}", lambda: self._meeting(key), room="pages"
        )
        if occurrence is None:
            raise Http404("No such meeting")
        return handover.routes.event_detail(request, self, occurrence)

    def _meeting(self, key):
        # The page lists the upcoming meetings anyway (when it is drawn afresh): a chosen
        # one among them costs no query of its own; a past one is looked up.
        found = next((item for item in self.upcoming_occurrences if item.key == key), None)
        return found or self.occurrences.select_related("venue").filter(key=key).first()


class EventException(Orderable):
    """A date on which a repeating event does not happen at all (EXDATE)."""

    event = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="exceptions")
    date = models.DateField(help_text=_("The local date of the meeting to skip."))

    panels = [FieldPanel("date")]

    class Meta(Orderable.Meta):
        verbose_name = _("skipped date")


class OccurrenceOverride(Orderable):
    """One meeting of a series that is cancelled, moved to another time, or another place."""

    event = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="overrides")
    original_date = models.DateField(help_text=_("The local date the meeting was planned for."))
    cancelled = models.BooleanField(
        default=False, help_text=_("Keep it listed, marked as cancelled.")
    )
    new_date = models.DateField(null=True, blank=True)
    new_start_time = models.TimeField(null=True, blank=True)
    new_end_time = models.TimeField(null=True, blank=True)
    new_end_date = models.DateField(
        null=True,
        blank=True,
        help_text=_("Only if it ends on another day (all-day: the last day). Empty: as usual."),
    )
    venue = models.ForeignKey(
        "events.Venue", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    note = models.CharField(max_length=200, blank=True, help_text=_("Shown with this meeting."))

    panels = [
        FieldPanel("original_date"),
        FieldPanel("cancelled"),
        FieldRowPanel(
            [
                FieldPanel("new_date"),
                FieldPanel("new_start_time"),
                FieldPanel("new_end_date"),
                FieldPanel("new_end_time"),
            ]
        ),
        FieldPanel("venue"),
        FieldPanel("note"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("changed meeting")
