"""Teach any model to describe a share card, for tests and for workers started by tests.

Story and event pages define ``share_card_content`` themselves. Tests that need some
object with a card use :func:`install` in the test process, and start a worker with
``celery_worker(include=[__name__], extra_env={MODEL_VARIABLE: "app.Model"})`` so the
worker process does the same for its whole life.
"""

import os

from django.apps import apps

from events.sharing.services.card_types import CardContent

MODEL_VARIABLE = "TAPESTRY_TEST_SHARE_CARD_MODEL"


def share_card_content(obj, layout):
    return CardContent(
        title=f"A card for {obj}",
        kind="Campaign",
        campaign="Mental Health Awareness Month",
        hashtag="TalkMore",
    )


def install(model, monkeypatch=None):
    if monkeypatch is None:
        model.share_card_content = share_card_content
    else:
        monkeypatch.setattr(model, "share_card_content", share_card_content, raising=False)


if os.environ.get(MODEL_VARIABLE):
    install(apps.get_model(os.environ[MODEL_VARIABLE]))
