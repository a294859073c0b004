from events.partners.models.partners import Partner

__all__ = ["Partner"]
