"""Pre-rendered calendar entries: each event's VEVENT text, written once when it changes."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class FeedFragment(models.Model):
    """The iCalendar text of one event (series and changed meetings) or campaign umbrella,
    in the site's language and in each of its other languages.

    Feeds are assembled by joining these fragments with the VTIMEZONE blocks named in
    ``tzids``; see ``events.calendar.services.feed_assembly``. Written only by
    ``events.calendar.services.feed_fragments``.
    """

    page = models.OneToOneField(
        "wagtailcore.Page", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    ical = models.TextField(help_text=_("One or more VEVENT blocks with CRLF line endings."))
    # The same entry as read in each other language of the site (a translation's words and
    # address, the feed's own words translated), keyed by language code.
    translated_ical = models.JSONField(default=dict, blank=True)
    tzids = models.CharField(max_length=200, blank=True)
    digest = models.CharField(max_length=64)
    rendered_at = models.DateTimeField()

    class Meta:
        verbose_name = _("feed fragment")

    def __str__(self):
        return f"Feed fragment of page {self.page_id}"
