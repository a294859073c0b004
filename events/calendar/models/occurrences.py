"""The materialised occurrence table: one row per meeting, so listings are plain queries."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Occurrence(models.Model):
    """One dated instance of an event, written only by ``events.calendar.services.occurrences``.

    ``recurrence_id`` is the start the series rule gave this instance before any override;
    it identifies the instance for URLs and for RECURRENCE-ID in calendar feeds.
    """

    event = models.ForeignKey(
        "events.EventPage", on_delete=models.CASCADE, related_name="occurrences"
    )
    recurrence_id = models.DateTimeField()
    start = models.DateTimeField()
    end = models.DateTimeField()
    all_day = models.BooleanField(default=False)
    cancelled = models.BooleanField(default=False)
    moved = models.BooleanField(default=False)
    venue = models.ForeignKey(
        "events.Venue", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.CharField(max_length=200, blank=True)
    key = models.CharField(
        max_length=10, help_text=_("The original local date (YYYY-MM-DD), used in URLs.")
    )

    class Meta:
        ordering = ["start", "pk"]
        indexes = [
            models.Index(fields=["start"], name="events_occurrence_start"),
            models.Index(fields=["end"], name="events_occurrence_end"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "recurrence_id"], name="events_occurrence_unique_instance"
            ),
            models.UniqueConstraint(fields=["event", "key"], name="events_occurrence_unique_key"),
        ]
        verbose_name = _("occurrence")

    def __str__(self):
        return f"{self.event_id} at {self.start:%Y-%m-%d %H:%M}"
