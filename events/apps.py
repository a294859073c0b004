from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = "Events and volunteering"

    def ready(self):
        from events import signals

        signals.connect()
