from django.urls import path, re_path

from events.views.health import healthz
from events.views.share_cards import share_card

app_name = "events"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    re_path(
        r"^cards/(?P<content_hash>[0-9a-f]{64})\.(?P<ext>png|webp)$",
        share_card,
        name="share_card",
    ),
]
