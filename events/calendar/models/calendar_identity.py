"""The fields calendar clients rely on, shared by campaign and event pages."""

import uuid

from django.db import models


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
