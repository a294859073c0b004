from datetime import timedelta

from django.utils import timezone

from events.models import Bookable


def make_bookable(capacity=2, starts_in=timedelta(days=7), length=timedelta(hours=3), **fields):
    starts_at = timezone.now() + starts_in
    fields.setdefault("title", "Welcome desk")
    return Bookable.objects.create(
        starts_at=starts_at, ends_at=starts_at + length, capacity=capacity, **fields
    )
