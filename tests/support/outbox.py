"""Send what the outbox owes, in this process: what beat's sweep and a worker would do."""

from events.bookings.services import mail
from events.outbox.services import outbox


def deliver(now=None):
    ids = outbox.sweep(now=now)
    return [outbox.send(pk, lambda row: mail.compose(row, now=now), now=now) for pk in ids]
