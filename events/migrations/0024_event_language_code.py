"""An event's language becomes a BCP 47 tag ("English" -> "en"); what the old free text said
beyond the language ("with live captions") moves to the new language notes."""

import events.calendar.models.languages
from django.db import migrations, models

from events.calendar.models.languages import from_text, language_name


def to_tags(apps, schema_editor):
    EventPage = apps.get_model("events", "EventPage")
    for pk, text, notes in EventPage.objects.values_list("pk", "language", "language_notes"):
        tag, note = from_text(text)
        changes = {}
        if tag != text:
            changes["language"] = tag
        if note and not notes:
            changes["language_notes"] = note[:100]
        if changes:
            EventPage.objects.filter(pk=pk).update(**changes)


def to_text(apps, schema_editor):
    from django.utils import translation

    EventPage = apps.get_model("events", "EventPage")
    with translation.override("en"):
        for pk, tag, notes in EventPage.objects.values_list("pk", "language", "language_notes"):
            text = language_name(tag)
            if notes:
                text = f"{text}, {notes}"
            EventPage.objects.filter(pk=pk).update(language=text[:60])


class Migration(migrations.Migration):

    dependencies = [
        ('events', '0023_booking_language'),
    ]

    operations = [
        migrations.AddField(
            model_name='eventpage',
            name='language_notes',
            field=models.CharField(blank=True, help_text='Shown after the language, e.g. “with live captions”.', max_length=100, verbose_name='language notes'),
        ),
        migrations.RunPython(to_tags, to_text),
        migrations.AlterField(
            model_name='eventpage',
            name='language',
            field=models.CharField(default='en', max_length=35, validators=[events.calendar.models.languages.validate_language_tag]),
        ),
    ]
