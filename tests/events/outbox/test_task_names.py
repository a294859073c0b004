"""Task names are what beat and the outbox send by: each must name a registered task.

Tasks carry explicit names, so moving a function to another module cannot silently
rename its task and leave beat (or a queued message) pointing at nothing.
"""

from django.conf import settings

from campaign.celery import app
from events.outbox.services import outbox


def registered_tasks():
    app.loader.import_default_modules()  # what a worker imports at start (autodiscovery)
    return set(app.tasks)


def test_every_beat_entry_names_a_registered_task():
    scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert scheduled - registered_tasks() == set()


def test_the_outbox_sends_by_a_registered_task_name():
    assert outbox.SEND_TASK in registered_tasks()


def test_task_names_are_explicit_and_match_their_module():
    from events import tasks as event_tasks
    from home import tasks as home_tasks

    for module in (event_tasks, home_tasks):
        for name, task in vars(module).items():
            if hasattr(task, "run") and hasattr(task, "name"):
                assert task.name == f"{module.__name__}.{name}"
