"""Imported partner calendars: reading iCal feeds, pulling them, moderating their changes."""
