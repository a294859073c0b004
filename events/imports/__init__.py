"""Imported partner calendars: read iCal feeds from partners and turn them into event pages.

``services.parsing`` reads what real producers write into plain values, ``services.sanitise``
keeps only plain text and web links, ``services.mapping`` turns a series into event page values.
"""
