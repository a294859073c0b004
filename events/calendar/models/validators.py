"""Validators of the calendar pages' fields (old migrations reference them here)."""

from django.core.exceptions import ValidationError

from events.core.time_zones import known_time_zones


def validate_time_zone(value):
    if value not in known_time_zones():
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
