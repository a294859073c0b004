"""The event page's admin form: friendly repeat inputs and checks across its inlines."""

from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from events.calendar import handover, recurrence
from events.calendar.models import languages, source_panels
from events.calendar.models.choices import RepeatFrequency, Weekday, time_zone_choices
from events.core.widgets import LongSelect

REPEAT_FIELDS = (
    "repeat",
    "repeat_interval",
    "repeat_weekdays",
    "repeat_monthly_position",
    "repeat_until",
    "repeat_count",
)


class EventPageForm(WagtailAdminPageForm):
    """Friendly recurrence inputs: weekdays as tick boxes, stored as RRULE parts."""

    repeat_weekdays = forms.MultipleChoiceField(
        choices=Weekday.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("On these days"),
        help_text=_("Weekly: the days it meets. Monthly with a position: the day, e.g. Monday."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        stored = self.instance.repeat_weekdays or ""
        self.initial["repeat_weekdays"] = [day for day in stored.split(",") if day]
        if "time_zone" in self.fields:
            self.fields["time_zone"].widget = LongSelect(choices=time_zone_choices())
        if "language" in self.fields:
            self._offer_languages()
        self._limit_source_repeat()
        self._leave_source_owned_inputs()

    def _leave_source_owned_inputs(self):
        """A translation's shift rows and volunteer settings are its source's to edit: its
        form has no inputs for them (the panel explains), so saving it leaves them as
        they are."""
        if not source_panels.is_translation(self.instance):
            return
        for name in source_panels.SOURCE_OWNED_FORMSETS:
            self.formsets.pop(name, None)
        for name in source_panels.SOURCE_OWNED_FIELDS:
            self.fields.pop(name, None)

    def _offer_languages(self):
        """A list of languages. An old draft's free text ("English") shows as its tag."""
        stored = self.initial.get("language") or ""
        tag, note = languages.from_text(stored)
        self.initial["language"] = tag
        if note and not self.initial.get("language_notes"):
            self.initial["language_notes"] = note
        choices = languages.language_choices()
        if tag not in {code for code, _name in choices}:
            # A tag set elsewhere (an import, the API) stays choosable.
            choices.insert(0, (tag, languages.language_name(tag)))
        self.fields["language"].widget = LongSelect(choices=choices)

    def clean_language(self):
        # An old name posted back ("English") is read as its tag, never a server error.
        return languages.from_text(self.cleaned_data.get("language"))[0]

    def _limit_source_repeat(self):
        """Only the importer sets "as the source says"; then the editor cannot change it here
        (the next pull would overwrite it), and no other page may choose it."""
        imported = self.instance.repeat == RepeatFrequency.SOURCE
        for name in REPEAT_FIELDS:
            if name in self.fields and imported:
                self.fields[name].disabled = True
                self.fields[name].help_text = gettext("Set by the imported calendar.")
        if "repeat" in self.fields and not imported:
            self.fields["repeat"].choices = [
                choice
                for choice in self.fields["repeat"].choices
                if choice[0] != RepeatFrequency.SOURCE
            ]

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
        if not instance.is_recurring:
            last = instance.end_date or instance.start_date
            dates = {
                instance.start_date + timedelta(days=offset)
                for offset in range((last - instance.start_date).days + 1)
            }
        else:
            horizon = timezone.now() + timedelta(days=5 * 366)
            starts = recurrence.expand(
                instance.rrule,
                instance.local_start,
                instance.zone,
                window_end=horizon,
                rdates=instance.source_dates,
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
                        field, gettext("This is not one of the meeting dates of the repeat above.")
                    )
                    ok = False
        return self._check_shifts(dates) and self._check_registration() and ok

    def _check_registration(self):
        """Places cannot drop below the people already registered for one meeting."""
        data = self.cleaned_data
        ok = True
        opens, closes = data.get("registration_opens_at"), data.get("registration_closes_at")
        if opens and closes and closes <= opens:
            self.add_error(
                "registration_closes_at", gettext("Registration must close after it opens.")
            )
            ok = False
        capacity = data.get("registration_capacity")
        held = handover.routes.places_held(self.instance) if self.instance.pk else 0
        if capacity is not None and capacity < held:
            self.add_error(
                "registration_capacity",
                # Translators: the English text says "people" for one too; use the singular.
                ngettext(
                    "%(held)d people already hold a place, so there must be at least %(held)d.",
                    "%(held)d people already hold a place, so there must be at least %(held)d.",
                    held,
                )
                % {"held": held},
            )
            ok = False
        return ok

    def _check_shifts(self, dates):
        """Each shift fits its event, and keeps room for the volunteers already booked."""
        if "shifts" not in self.formsets:  # a translation: its source's shifts are booked
            return True
        held = handover.routes.shift_seats_held(self.instance) if self.instance.pk else {}
        ok = True
        for form in self.formsets["shifts"].forms:
            data = getattr(form, "cleaned_data", None) or {}
            if data.get("DELETE") or not data:
                continue
            planned = form.instance
            try:
                handover.routes.check_shift(self.instance, planned, dates)
            except handover.routes.ShiftError as exc:
                form.add_error(exc.field, str(exc))
                ok = False
            taken = held.get(planned.uid, 0)
            if planned.capacity is not None and planned.capacity < taken:
                form.add_error(
                    "capacity",
                    ngettext(
                        "%(taken)d volunteers already hold a place, so the capacity cannot go "
                        "below %(taken)d.",
                        "%(taken)d volunteers already hold a place, so the capacity cannot go "
                        "below %(taken)d.",
                        taken,
                    )
                    % {"taken": taken},
                )
                ok = False
        return ok
