"""Sweeps racing on PostgreSQL: SKIP LOCKED hands each due row to exactly one sweep."""

import threading
from datetime import timedelta

import pytest
from django.db import connections
from django.utils import timezone

from events.models import OutboxMessage
from events.outbox.services import outbox

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_parallel_sweeps_never_claim_a_row_twice():
    due = timezone.now() - timedelta(seconds=1)
    OutboxMessage.objects.bulk_create(
        OutboxMessage(
            recipient=f"p{i}@example.org", purpose="booking_links", target_key=f"t{i}", due_at=due
        )
        for i in range(600)
    )
    sweeps = 6
    barrier = threading.Barrier(sweeps)
    claims = [None] * sweeps

    def run(index):
        try:
            barrier.wait(timeout=30)
            claims[index] = outbox.sweep(batch=150)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(sweeps)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    claimed = [pk for batch in claims for pk in batch]
    assert len(claimed) == len(set(claimed)), "a row was claimed by two sweeps"
    assert len(claimed) == 600
    assert OutboxMessage.objects.filter(status=OutboxMessage.Status.SENDING).count() == 600
