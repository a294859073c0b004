"""A support group that shares its address and join link only after registration, and the
details of it that must never reach a public page, feed or API answer."""

from datetime import timedelta

from django.utils import timezone

from tests.events import factories

SECRET_ADDRESS = "7 Hidden Court"
SECRET_POSTCODE = "RV9 9ZZ"
SECRET_VENUE = "Larch Meeting Room"
SECRET_LINK = "https://meet.example/secret-room-4471"
SECRET_NOTES = "Door code 4471"
# What a leak would look like: the above, part of the link, the coordinates, the access notes.
# (Registration notes are public on the event page; the API leaves them out: SECRET_NOTES.)
SECRETS = [
    SECRET_ADDRESS,
    SECRET_POSTCODE,
    SECRET_VENUE,
    SECRET_LINK,
    "secret-room",
    "51.61",
    "Ring the bell",
]


def private_support_group(*, with_changed_meeting=False, registration_notes=""):
    """(index, campaign, event): three daily-weekly meetings from the day after tomorrow, in
    a private room with a private link; optionally the second meeting changed (same room)."""
    index = factories.site_with_index()
    campaign = factories.campaign(index)
    room = factories.venue(
        name=SECRET_VENUE,
        address=f"{SECRET_ADDRESS}\nRiverside {SECRET_POSTCODE}",
        area="Riverside north",
        latitude="51.611111",
        longitude="-0.233333",
        access_notes="Ring the bell marked Larch.",
    )
    start = timezone.localdate() + timedelta(days=2)
    overrides = []
    if with_changed_meeting:
        overrides = [{"original_date": start + timedelta(days=7), "venue": room, "note": "Later"}]
    event = factories.event(
        campaign,
        title="Thursday peer support",
        kind=factories.kind("Support group", "support-group"),
        campaign=campaign,
        venue=room,
        attendance_mode="hybrid",
        join_url=SECRET_LINK,
        address_after_registration=True,
        join_link_after_registration=True,
        registration_notes=registration_notes,
        start_date=start,
        repeat="WEEKLY",
        repeat_weekdays=["MO", "TU", "WE", "TH", "FR", "SA", "SU"][start.weekday()],
        repeat_count=3,
        overrides=overrides,
    )
    return index, campaign, event
