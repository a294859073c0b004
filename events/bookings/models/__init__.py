"""The bookings room's models (re-exported by events.models for migrations)."""

from events.bookings.models.booking import Bookable, Booking, HowHeard, Person
from events.bookings.models.registrations import (
    UNLIMITED,
    Registration,
    StandingRegistration,
)
from events.bookings.models.shifts import EventShift, Shift, StandingShift

__all__ = [
    "UNLIMITED",
    "Bookable",
    "Booking",
    "EventShift",
    "HowHeard",
    "Person",
    "Registration",
    "Shift",
    "StandingRegistration",
    "StandingShift",
]
