from django.urls import path

from events.views import feeds
from events.views.health import healthz

app_name = "events"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("calendar.ics", feeds.site_feed, name="feed"),
    path("calendar/subscribe/", feeds.subscribe, name="subscribe"),
    path("calendar/campaigns/<slug:slug>.ics", feeds.campaign_feed, name="campaign_feed"),
    path("calendar/kinds/<slug:slug>.ics", feeds.kind_feed, name="kind_feed"),
    path("calendar/events/<int:page_id>.ics", feeds.event_feed, name="event_feed"),
    path(
        "calendar/events/<int:page_id>/<str:key>.ics",
        feeds.occurrence_feed,
        name="occurrence_feed",
    ),
]
