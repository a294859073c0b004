"""Fixtures the calendar tests share."""

from tests.events.calendar.feed_site import site, site_rows  # noqa: F401 (the feed tests' calendar)
