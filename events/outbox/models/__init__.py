"""The outbox room's models (re-exported by events.models for migrations)."""

from events.outbox.models.outbox import OutboxMessage

__all__ = ["OutboxMessage"]
