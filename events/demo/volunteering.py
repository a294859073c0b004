"""The demo's volunteer shifts, and made-up volunteers booked onto some of them."""

from datetime import date, time

# Volunteer shifts (slug: shifts). Times are local to the event; a repeating event's shift
# names the meeting's date.
OVER_18 = "I am 18 or over"
BRIEFING = "I will read the volunteer briefing sent before the day"
SHIFTS = {
    "opening-walk": [
        ("Route marshal", time(9, 30), time(12, 15), 6, f"{OVER_18}\n{BRIEFING}", ""),
        ("Welcome and water table", time(9, 15), time(12, 0), 2, "", "By the bandstand"),
    ],
    "calm-breathing": [
        ("Welcome desk", time(18, 0), time(20, 15), 2, "", "Main entrance"),
    ],
    "writing-for-wellbeing": [
        ("Tea and biscuits", time(13, 45), time(16, 15), 1, "", ""),
    ],
    "mindful-gardening": [
        ("Garden helper", time(9, 30), time(12, 30), 4, OVER_18, "Bring gloves if you have them"),
    ],
    "art-for-calm": [
        ("Setting up and clearing away", time(13, 30), time(17, 0), 3, "", ""),
    ],
    "market-stall": [
        ("Stall helper, morning", time(8, 30), time(12, 0), 3, f"{OVER_18}\n{BRIEFING}", ""),
        ("Stall helper, afternoon", time(12, 0), time(15, 30), 3, f"{OVER_18}\n{BRIEFING}", ""),
    ],
    "carers-coffee": [
        ("Coffee and welcome", time(10, 0), time(12, 30), 2, "", ""),
    ],
    "young-voices": [
        ("Stewards", time(17, 30), time(20, 30), 4, OVER_18, ""),
    ],
    "first-aid-taster": [
        ("Welcome desk", time(9, 15), time(12, 30), 1, "", ""),
    ],
    # One meeting of the weekly group needs a greeter (a shift on one occurrence).
    "tuesday-peer-support": [
        ("Greeter", time(18, 15), time(20, 0), 1, OVER_18, "", date(2027, 5, 18)),
    ],
    "quiz-night": [
        ("Quiz scorer", time(18, 30), time(22, 0), 2, "", ""),
        ("Door and raffle", time(18, 30), time(22, 0), 2, OVER_18, ""),
    ],
    "lantern-walk": [
        ("Lantern making helper", time(17, 0), time(19, 0), 4, "", "Willow Community Hall"),
        ("Route marshal", time(19, 0), time(21, 30), 6, f"{OVER_18}\n{BRIEFING}", ""),
    ],
}
SHIFT_FIELDS = ["role", "date", "start_time", "end_time", "capacity", "requirements"]

# Made-up volunteers, so coordinators' views and a full shift with a waiting list have
# something to show: (event slug, role, names who confirmed, names waiting).
DEMO_VOLUNTEERS = [
    ("writing-for-wellbeing", "Tea and biscuits", ["Priya Shah"], ["Tom Okafor", "Lena Berg"]),
    ("calm-breathing", "Welcome desk", ["Jo Marsh"], []),
    ("opening-walk", "Route marshal", ["Sam Reid", "Ade Bello", "Mei Lin"], []),
]


def shift_rows(slug):
    return [
        {
            "role": role,
            "date": meeting[0] if meeting else None,
            "start_time": start,
            "end_time": end,
            "capacity": capacity,
            "requirements": requirements,
            "location_note": note,
        }
        for role, start, end, capacity, requirements, note, *meeting in SHIFTS.get(slug, [])
    ]


def load_volunteers(log):
    """Book the made-up volunteers in, once: a run finds their bookings and does nothing."""
    from events.bookings.models import Booking, Shift
    from events.bookings.services import booking

    added = 0
    for slug, role, confirmed, waiting in DEMO_VOLUNTEERS:
        shift = Shift.objects.current().filter(event__slug=slug, role=role).first()
        if shift is None:
            continue
        for name, confirm in [(n, True) for n in confirmed] + [(n, False) for n in waiting]:
            email = name.lower().replace(" ", ".") + "@volunteers.example"
            if Booking.objects.filter(bookable=shift, person__email=email).exists():
                continue
            outcome = booking.sign_up(
                shift.pk, name=name, email=email, confirmations=shift.requirement_list
            )
            if confirm:
                booking.confirm(outcome.booking.pk)
            added += 1
    if added:
        log(f"Signed up {added} demo volunteers.")
