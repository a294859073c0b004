"""The core room's models (re-exported by events.models for migrations)."""

from events.core.models.health import Heartbeat
from events.core.models.page_fields import ShareImageMixin

__all__ = ["Heartbeat", "ShareImageMixin"]
