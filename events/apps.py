from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = "Events and volunteering"

    def ready(self):
        # Importing registers the share-card receivers; connect() wires the publishing ones.
        from events import signals

        signals.connect()
