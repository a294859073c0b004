"""The sharing room's models (re-exported by events.models for migrations)."""

from events.sharing.models.branding import BrandSettings
from events.sharing.models.share_cards import ShareCard, share_card_upload_to

__all__ = ["BrandSettings", "ShareCard", "share_card_upload_to"]
