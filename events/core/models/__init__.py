"""The core room's models (re-exported by events.models for migrations)."""

from events.core.models.health import Heartbeat
from events.core.models.page_fields import ShareImageMixin
from events.core.models.reader_language import ReaderLanguageUrlMixin, reading_source_language

__all__ = ["Heartbeat", "ReaderLanguageUrlMixin", "ShareImageMixin", "reading_source_language"]
