"""The Celery app. Configuration lives in Django settings under the CELERY_ prefix."""

import logging
import os

from celery import Celery, signals

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "campaign.settings.dev")

app = Celery("campaign")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@signals.after_setup_logger.connect
def quiet_routine_task_lines(**kwargs):
    """In development "task received" and "task succeeded" lines drown the console; failures
    are still logged (settings.TAPESTRY_QUIET_TASK_LOGS)."""
    from django.conf import settings

    if getattr(settings, "TAPESTRY_QUIET_TASK_LOGS", False):
        for name in ("celery.app.trace", "celery.worker.strategy"):
            logging.getLogger(name).setLevel(logging.WARNING)


@app.task(name="campaign.celery.tidy_embedded_broker", ignore_result=True)
def tidy_embedded_broker():
    """Beat runs this only with the embedded broker (see CELERY_BEAT_SCHEDULE)."""
    from campaign import broker_tidy

    broker_tidy.delete_delivered(app.conf.broker_url)
