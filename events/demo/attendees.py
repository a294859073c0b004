"""Made-up people registered for some demo events, so places left show real numbers."""

from events.calendar.models import EventPage

# Made-up attendees: (event slug, meeting key or "", names). Seven of eight places at the
# writing workshop are taken, so it shows "1 of 8 places left".
DEMO_ATTENDEES = [
    (
        "writing-for-wellbeing",
        "",
        ["Nia Evans", "Raj Patel", "Ella Fox", "Omar Haddad", "Grace Kim", "Luca Rossi", "Ivy Ng"],
    ),
    ("calm-breathing", "", ["Dan Cole", "Hana Sato"]),
    ("tuesday-peer-support", "2027-05-18", ["Maya Brook", "Leo Grant"]),
]


def load_attendees(log):
    """Register the made-up attendees once: a second run finds them and does nothing."""
    from events.bookings.models import Booking
    from events.bookings.services import booking, registrations

    added = 0
    for slug, key, names in DEMO_ATTENDEES:
        event = EventPage.objects.live().filter(slug=slug).first()
        if event is None:
            continue
        occurrence = registrations.meeting(event, key or None)
        for name in names:
            email = name.lower().replace(" ", ".") + "@attendees.example"
            already = Booking.objects.filter(
                bookable__registration__event=event,
                bookable__registration__occurrence_key=key,
                person__email=email,
            )
            if already.exists():
                continue
            outcome = registrations.sign_up(event, occurrence, name=name, email=email)
            booking.confirm(outcome.booking.pk)
            added += 1
    if added:
        log(f"Registered {added} demo attendees.")
