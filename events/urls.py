from django.urls import include, path, re_path

import campaign.converters  # noqa: F401 (registers the <id:...> path converter)
from events.bookings.views import bookings
from events.calendar.views import feeds
from events.opendata.views import embeds
from events.opendata.views.api import occurrences_list
from events.opendata.views.meetings import meetings_json
from events.opendata.views.pages_api import api_router
from events.outbox.views.health import healthz
from events.partners.views import partners
from events.sharing.views.share_cards import share_card, share_card_thumb
from events.submissions.views import submit

app_name = "events"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("bookings/confirm/<str:token>/", bookings.confirm, name="booking_confirm"),
    path("my-bookings/<str:token>/", bookings.my_bookings, name="my_bookings"),
    path("my-bookings/", bookings.resend_links, name="resend_links"),
    path(
        "my-bookings/<str:token>/bookings/<uuid:booking_id>.ics",
        bookings.booking_ics,
        name="booking_ics",
    ),
    path("my-bookings/<str:token>/delete/", bookings.forget_me, name="forget_me"),
    path("my-bookings/<str:token>/hours/", bookings.hours_certificate, name="hours_certificate"),
    path("my-bookings/feed/<str:token>.ics", bookings.my_feed, name="my_feed"),
    re_path(
        r"^cards/(?P<content_hash>[0-9a-f]{64})\.(?P<ext>png|webp)$",
        share_card,
        name="share_card",
    ),
    re_path(
        r"^cards/(?P<content_hash>[0-9a-f]{64})-(?P<width>[0-9]{3,4})w\.webp$",
        share_card_thumb,
        name="share_card_thumb",
    ),
    path("events/add/", submit.add_event, name="submit_event"),
    path("events/add/sent/", submit.add_event_sent, name="submit_event_sent"),
    path("events/add/confirm/<str:token>/", submit.confirm, name="submission_confirm"),
    path("events/add/edit/<str:token>/", submit.edit, name="submission_edit"),
    path("calendar.ics", feeds.site_feed, name="feed"),
    path("meetings.json", meetings_json, name="meetings_json"),
    path("api/v1/occurrences/", occurrences_list, name="api_occurrences"),
    path("api/v2/", include((api_router.get_urlpatterns(), "wagtailapi"))),
    path("embed/events/", embeds.upcoming, name="embed_events"),
    path("embed/month/", embeds.month, name="embed_month"),
    path("embed/month/<id:year>/<id:month>/", embeds.month, name="embed_month"),
    path("calendar/subscribe/", feeds.subscribe, name="subscribe"),
    path("calendar/campaigns/<slug:slug>.ics", feeds.campaign_feed, name="campaign_feed"),
    path("calendar/kinds/<slug:slug>.ics", feeds.kind_feed, name="kind_feed"),
    path("calendar/events/<id:page_id>.ics", feeds.event_feed, name="event_feed"),
    path("calendar/partners/<slug:slug>.ics", partners.feed, name="partner_feed"),
    path("partners/", partners.index, name="partners"),
    path("partners/<slug:slug>/", partners.detail, name="partner"),
    path(
        "calendar/events/<id:page_id>/<str:key>.ics",
        feeds.occurrence_feed,
        name="occurrence_feed",
    ),
]
