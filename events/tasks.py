"""Celery tasks: load ids, call a service, nothing else."""

from celery import shared_task

from events.services import heartbeat as heartbeat_service


@shared_task(ignore_result=True)
def heartbeat():
    """Run by beat on a fixed interval; its timestamp is what /healthz reports."""
    heartbeat_service.record()


@shared_task(ignore_result=False)
def ping(value):
    """Echo a value back through the result backend: proves a worker is consuming."""
    return {"pong": value}


@shared_task(ignore_result=True)
def refresh_occurrences():
    """Run daily by beat: move the rolling horizon forward for every live event, and
    re-render feed fragments whose text changed (e.g. after a site address change)."""
    from events.services import feeds, occurrences

    occurrences.refresh_all()
    feeds.store_all()
