"""A bookable's title in the language of whoever reads about it.

A bookable's ``title`` is stored once, in the source language, when publishing makes it
from the event page ("Welcome desk: Spring wellbeing fair"). Mails, calendar invitations
and the sign-ups page are written in the person's language, so they name it from the
event's live translation in that language when there is one: the translation's title,
and for a shift the role its copied shift row holds (the source's role when it holds the
same English words). Nothing is stored: it is worked out when a mail is composed or a page
rendered, so a translation published later is read at once.
"""

import copy
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import formats, timezone, translation
from django.utils.html import format_html, format_html_join
from django.utils.translation import pgettext

from events.bookings.models import Bookable, EventShift
from events.calendar.models import EventPage, languages
from events.core.models.reader_language import reading_source_language


@dataclass(frozen=True)
class ReaderTitle:
    #: (words, BCP 47 tag of their language) in reading order.
    parts: tuple
    #: The tag of the event title's language, for calendar files (LANGUAGE=).
    language: str

    @property
    def text(self):
        return "".join(words for words, _language in self.parts)

    @property
    def html(self):
        """Escaped, with words not in the reader's language marked with ``lang``."""
        reader = languages.canonical(translation.get_language() or settings.LANGUAGE_CODE)
        return format_html_join(
            "",
            "{}",
            (
                (format_html('<span lang="{}">{}</span>', tag, words) if tag != reader else words,)
                for words, tag in self.parts
            ),
        )

    def __str__(self):
        return self.text


def source_title(bookable):
    return ReaderTitle(((bookable.title, _source_tag()),), _source_tag())


def for_bookable(bookable):
    return for_bookables([bookable])[bookable.pk]


def for_bookables(bookables):
    """{pk: ReaderTitle} in the active language: one query, none in the source language."""
    bookables = list(bookables)
    if reading_source_language() or not bookables:
        return {bookable.pk: source_title(bookable) for bookable in bookables}
    language = translation.get_language()
    rows = {row["pk"]: row for row in _translated(bookables, language)}
    return {
        bookable.pk: _title(bookable, rows.get(bookable.pk), language) for bookable in bookables
    }


def wearing(bookable, title):
    """``bookable`` with the reader's title (a copy for templates; never saved)."""
    shown = copy.copy(bookable)
    shown.title = title.text
    shown.save = _refuse_to_save
    return shown


def _translated(bookables, language):
    """Per bookable: its event's live translation's title and the translation's row of
    the shift (matched by the page shift's uid, shared by a translation's copy)."""
    event_key = Coalesce(
        OuterRef("shift__event__translation_key"), OuterRef("registration__event__translation_key")
    )
    translations = EventPage.objects.live().filter(
        translation_key=event_key, locale__language_code=language
    )
    translated_rows = EventShift.objects.filter(
        event__live=True,
        event__locale__language_code=language,
        event__translation_key=OuterRef("shift__event__translation_key"),
        # A repeating shift's meetings share their page shift's uid as ``series_uid``.
        uid=Coalesce(OuterRef("shift__series_uid"), OuterRef("shift__uid")),
    )
    return (
        Bookable.objects.filter(pk__in=[bookable.pk for bookable in bookables])
        .annotate(
            event_title=Subquery(translations.values("title")[:1]),
            role=Subquery(translated_rows.values("role")[:1]),
        )
        .values("pk", "event_title", "role", "shift__role", "registration__occurrence_key")
    )


def _title(bookable, row, language):
    if row is None or not row["event_title"]:
        return source_title(bookable)
    reader, source = languages.canonical(language), _source_tag()
    event_title = (row["event_title"], reader)
    if row["shift__role"] is not None:
        # The same words as the source's: wagtail-localize copies shift rows untranslated.
        translated = row["role"] and row["role"] != row["shift__role"]
        role = (row["role"], reader) if translated else (row["shift__role"], source)
        return ReaderTitle((role, (": ", reader), event_title), reader)
    if row["registration__occurrence_key"]:
        # A meeting of a repeating event: named by its day, as publishing names it.
        day = timezone.localtime(bookable.starts_at, ZoneInfo(bookable.time_zone))
        # The mail's own date format (msgid shared with ``mail.format_when``).
        day = formats.date_format(day, pgettext("mail date", "l j F Y"))
        return ReaderTitle((event_title, (f", {day}", reader)), reader)
    return ReaderTitle((event_title,), reader)


def _source_tag():
    return languages.canonical(settings.LANGUAGE_CODE)


def _refuse_to_save(*args, **kwargs):
    raise TypeError("A bookable shown with its reader's title is not a row to save.")
