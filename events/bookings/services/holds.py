"""How many unconfirmed holds one address, one client and one bookable may have.

A pending sign-up keeps a seat until its emailed link is followed or the hold lapses.
Anyone can make one by typing an address, so without bounds one client could keep a
small meeting full with holds nobody will confirm. Each rule below only decides whether
a new sign-up *holds a seat* or joins the waiting list: the page answers the same either
way, so nothing here tells a stranger about an address.

- per address: a few unconfirmed holds at a time, across everything;
- per client (a keyed hash of its address, see ``ratelimit.sender_hash``): a few new
  holds per window, and one at a time on any one bookable;
- per bookable: at most half its places unconfirmed at once, so the rest stay bookable;
- a hold that lapsed unconfirmed costs its holder: for a while that address cannot hold a
  seat on that bookable again, and on the waiting list it goes behind everyone else.

The engine (``booking.sign_up``) asks ``may_hold`` under the bookable's row lock.
"""

import math
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db.models import Q
from django.db.models.functions import Coalesce

from campaign.cache_keys import shared_key
from events.bookings.models import Booking
from events.core.services import ratelimit

Status = Booking.Status


def _setting(name, default):
    return getattr(settings, name, default)


def per_address():
    return _setting("TAPESTRY_HOLDS_PER_ADDRESS", 3)


def per_client():
    """(holds, seconds): how many new holds one client may make in a window."""
    return _setting("TAPESTRY_HOLDS_PER_CLIENT", (5, 60 * 60))


def per_client_per_bookable():
    return _setting("TAPESTRY_HOLDS_PER_CLIENT_PER_BOOKABLE", 1)


def lapse_penalty():
    return timedelta(hours=_setting("TAPESTRY_HOLD_LAPSE_PENALTY_HOURS", 24))


def per_bookable(bookable):
    """Unconfirmed holds allowed at once: a share of the places (half), rounded up."""
    share = _setting("TAPESTRY_HOLDS_PER_BOOKABLE_SHARE", 0.5)
    return max(1, math.ceil(bookable.capacity * share))


def _lapsed(bookable, now):
    """Bookings of ``bookable`` whose hold or offer lapsed unconfirmed lately."""
    since = now - lapse_penalty()
    return Booking.objects.annotate(
        lapsed_at=Coalesce("hold_expires_at", "offer_expires_at")
    ).filter(bookable=bookable, status=Status.EXPIRED, lapsed_at__gte=since)


def lapsed_lately(bookable, person, now):
    return _lapsed(bookable, now).filter(person=person).exists()


def _client_key(client, bookable_id=""):
    return shared_key(f"holds:{client}:{bookable_id}")


def _client_holds(client):
    return cache.get(_client_key(client), 0) if client else 0


def may_hold(bookable, person, now, client=""):
    """True when a new sign-up by ``person`` (from ``client``) may hold a free seat."""
    unconfirmed = Q(status=Status.PENDING)
    if Booking.objects.filter(unconfirmed, person=person).count() >= per_address():
        return False
    if Booking.objects.filter(unconfirmed, bookable=bookable).count() >= per_bookable(bookable):
        return False
    if client and _client_holds(client) >= per_client()[0]:
        return False
    if client and cache.get(_client_key(client, bookable.pk), 0) >= per_client_per_bookable():
        return False
    return not lapsed_lately(bookable, person, now)


def count_hold(client, bookable):
    """Count a hold granted to ``client`` (a fixed window from its first hold)."""
    if not client:
        return
    # Its holds on this bookable, counted for as long as a hold lasts.
    ratelimit.bump(_client_key(client, bookable.pk), bookable.hold_minutes * 60)
    ratelimit.bump(_client_key(client), per_client()[1])


def waiting_order(bookable, waiting, now):
    """The waiting list in the order seats are offered: by when people joined, except
    that anyone whose hold here lapsed lately goes behind everyone else."""
    lapsed = set(_lapsed(bookable, now).values_list("person_id", flat=True))
    return sorted(waiting, key=lambda booking: booking.person_id in lapsed)
