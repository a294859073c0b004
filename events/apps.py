from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Events and volunteering")

    def ready(self):
        # Importing registers the share-card receivers; connect() wires the publishing ones.
        # Registers the project's own system checks (e.g. proxy hops in production).
        import campaign.checks  # noqa: F401
        from events import routes, signals
        from events.calendar import handover
        from events.core.services import request_memo

        signals.connect()
        # View restrictions, locales and the like are read once per request (both apps).
        request_memo.connect()
        # Page models reach the rooms above the calendar through the hand-over, not by import.
        handover.provide(routes)
