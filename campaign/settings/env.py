"""Small helpers for reading configuration from environment variables."""

import os

from django.core.exceptions import ImproperlyConfigured


def env(name, default=None):
    """Return the variable, or ``default`` when it is unset or empty."""
    value = os.environ.get(name, "")
    return value if value != "" else default


def env_bool(name, default=False):
    value = env(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name, default):
    value = env(name)
    if value is None:
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from exc


def env_list(name, default=()):
    value = env(name)
    if value is None:
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


def env_rate(name, default):
    """A rate limit written ``ATTEMPTS/SECONDS`` (e.g. ``30/3600``), as a tuple of ints."""
    value = env(name)
    if value is None:
        return default
    attempts, _, seconds = value.partition("/")
    try:
        rate = (int(attempts), int(seconds))
    except ValueError:
        rate = None
    if rate is None or rate[0] < 1 or rate[1] < 1:
        raise ImproperlyConfigured(
            f"{name} must be ATTEMPTS/SECONDS with whole numbers above 0, not {value!r}."
        )
    return rate


def env_required(name):
    value = env(name)
    if value is None:
        raise ImproperlyConfigured(f"The environment variable {name} must be set in production.")
    return value
