from django.urls import path

from events.views import bookings
from events.views.health import healthz

app_name = "events"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("bookings/confirm/<str:token>/", bookings.confirm, name="booking_confirm"),
    path("my-bookings/<str:token>/", bookings.my_bookings, name="my_bookings"),
    path("my-bookings/", bookings.resend_links, name="resend_links"),
]
