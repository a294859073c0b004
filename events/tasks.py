"""Celery tasks: load ids, call a service, nothing else."""

from celery import shared_task

from events.services import heartbeat as heartbeat_service
from events.services import share_card_store


@shared_task(ignore_result=True)
def heartbeat():
    """Run by beat on a fixed interval; its timestamp is what /healthz reports."""
    heartbeat_service.record()


@shared_task(ignore_result=False)
def ping(value):
    """Echo a value back through the result backend: proves a worker is consuming."""
    return {"pong": value}


@shared_task(ignore_result=True)
def render_share_card(content_type_id, object_id, layout):
    """Draw and store one share card; does nothing when it already exists."""
    share_card_store.render_for(content_type_id, object_id, layout)
