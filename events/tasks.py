"""Celery tasks: load ids, call a service, nothing else."""

from celery import shared_task

from events.bookings.services import booking, mail, registrations, retention
from events.core.services import heartbeat as heartbeat_service
from events.imports.services import pulling
from events.outbox.services import outbox
from events.sharing.services import share_card_store
from events.submissions.services import expiry as submission_expiry


@shared_task(name="events.tasks.forget_unconfirmed_submissions", ignore_result=True)
def forget_unconfirmed_submissions():
    """Beat, daily: submissions whose address was never confirmed, and their drafts, go."""
    submission_expiry.forget_unconfirmed()


@shared_task(name="events.tasks.heartbeat", ignore_result=True)
def heartbeat():
    """Run by beat on a fixed interval; its timestamp is what /healthz reports."""
    heartbeat_service.record()


@shared_task(name="events.tasks.ping", ignore_result=False)
def ping(value):
    """Echo a value back through the result backend: proves a worker is consuming."""
    return {"pong": value}


@shared_task(name="events.tasks.sweep_outbox", ignore_result=True)
def sweep_outbox():
    """Beat, every minute: claim due mail and hand them, in chunks, to send tasks."""
    outbox.sweep()


@shared_task(name="events.tasks.send_outbox_messages", ignore_result=True)
def send_outbox_messages(message_ids):
    outbox.send_many(message_ids, mail.compose)


@shared_task(name="events.tasks.release_expired_bookings", ignore_result=True)
def release_expired_bookings():
    """Beat, every minute: lapsed holds and offers give their seats to the waiting list."""
    booking.release_expired()


@shared_task(name="events.tasks.render_share_card", ignore_result=True)
def render_share_card(content_type_id, object_id, layout):
    """Draw and store one share card; does nothing when it already exists."""
    share_card_store.render_for(content_type_id, object_id, layout)


@shared_task(name="events.tasks.refresh_occurrences", ignore_result=True)
def refresh_occurrences():
    """Run daily by beat: move the rolling horizon forward for every live event, and
    re-render feed fragments whose text changed (e.g. after a site address change)."""
    from events.bookings.services import shifts
    from events.calendar.services import feed_fragments, occurrences

    occurrences.refresh_all()
    shifts.sync_repeating()
    feed_fragments.store_all()


@shared_task(name="events.tasks.thank_volunteers", ignore_result=True)
def thank_volunteers():
    """Beat, each morning: a thank-you to everyone who came to yesterday's shifts."""
    from events.bookings.services import thanks

    thanks.schedule()


@shared_task(name="events.tasks.purge_personal_data", ignore_result=True)
def purge_personal_data():
    """Beat, daily: anonymise people whose bookings ended before the retention period."""
    retention.purge()


@shared_task(name="events.tasks.extend_standing_registrations", ignore_result=True)
def extend_standing_registrations():
    """Beat, daily: "every meeting until I cancel" books the meetings now in range."""
    registrations.extend_all()


@shared_task(name="events.tasks.pull_partner_calendars", ignore_result=True)
def pull_partner_calendars():
    """Beat, every few minutes: pull each partner calendar whose own interval has passed."""
    pulling.pull_due()
