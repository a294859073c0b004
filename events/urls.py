from django.urls import path

from events.views.health import healthz

app_name = "events"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
]
