"""A partner's calendar we pull, the events it gave us, and the changes awaiting review."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from events.calendar.models.choices import default_time_zone
from events.calendar.models.validators import validate_time_zone


class ImportSource(models.Model):
    """One iCal URL, pulled on a schedule into events under one index page."""

    name = models.CharField(max_length=120, unique=True)
    url = models.URLField(max_length=500, help_text=_("The calendar's http(s) address (.ics)."))
    partner = models.ForeignKey(
        "events.Partner",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="import_sources",
        help_text=_("Whose calendar this is: shown on the imported events, and their organiser."),
    )
    campaign = models.ForeignKey(
        "events.CampaignPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="import_sources",
    )
    parent_page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The events index or campaign page the imported events are created under."),
    )
    default_kind = models.ForeignKey(
        "events.EventKind", on_delete=models.PROTECT, related_name="import_sources"
    )
    default_time_zone = models.CharField(
        max_length=64,
        default=default_time_zone,
        validators=[validate_time_zone],
        help_text=_("For times the calendar gives without a zone."),
    )
    trusted = models.BooleanField(
        default=False,
        help_text=_(
            "Publish new and changed events straight away, without review. A partner "
            "trusted in this source's campaign is trusted here too."
        ),
    )
    pull_every_minutes = models.PositiveIntegerField(default=60)

    # HTTP validators from the last 200 answer, sent back so an unchanged feed costs a 304.
    etag = models.CharField(max_length=200, blank=True, editable=False)
    last_modified = models.CharField(max_length=64, blank=True, editable=False)
    last_attempt_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_success_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_error = models.TextField(blank=True, editable=False)
    consecutive_failures = models.PositiveSmallIntegerField(default=0, editable=False)
    # Set after too many failures in a row: the source is not pulled until an editor clears it.
    disabled_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name_plural = _("imported calendars")
        verbose_name = _("imported calendar")

    def __str__(self):
        return self.name

    def is_trusted(self):
        if self.trusted:
            return True
        return self.partner is not None and self.partner.is_trusted_for(self.campaign)


class ImportedItem(models.Model):
    """One source UID (its master and its RECURRENCE-ID overrides) and the page it became."""

    source = models.ForeignKey(ImportSource, on_delete=models.CASCADE, related_name="items")
    uid = models.CharField(max_length=500)
    # The RECURRENCE-ID keys of the overrides last seen with this UID (ISO text), sorted.
    override_keys = models.JSONField(default=list, blank=True)
    sequence = models.IntegerField(default=0)
    # Of the master and its overrides together; a different value means the source changed.
    fingerprint = models.CharField(max_length=128)
    page = models.ForeignKey(
        "events.EventPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="imported_items",
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name_plural = _("imported events")
        verbose_name = _("imported event")
        constraints = [
            models.UniqueConstraint(fields=["source", "uid"], name="one_item_per_source_uid"),
        ]

    def __str__(self):
        return f"{self.uid} ({self.source})"


class ImportChange(models.Model):
    """What a pull proposes for one page, field by field, until an editor decides."""

    class Kind(models.TextChoices):
        NEW = "new", "New event"
        UPDATE = "update", "Changed"
        CANCEL = "cancel", "Cancelled by the source"
        WITHDRAW = "withdraw", "Gone from the source"

    class State(models.TextChoices):
        PENDING = "pending", "Awaiting review"
        APPLIED = "applied", "Applied"
        REJECTED = "rejected", "Rejected"
        SUPERSEDED = "superseded", "Replaced by a later pull"

    source = models.ForeignKey(ImportSource, on_delete=models.CASCADE, related_name="changes")
    item = models.ForeignKey(ImportedItem, on_delete=models.CASCADE, related_name="changes")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    # The page values the source asks for (JSON-ready), and [{field, old, new}] against the page.
    proposed = models.JSONField(default=dict)
    diff = models.JSONField(default=list)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name_plural = _("imported changes")
        verbose_name = _("imported change")
        indexes = [models.Index(fields=["state", "source"])]
        constraints = [
            models.UniqueConstraint(
                fields=["item"],
                condition=models.Q(state="pending"),
                name="one_pending_change_per_item",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.item.uid}"
