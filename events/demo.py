"""Demo content for the events feature: Mental Health Awareness Month 2027 in Riverside.

Everything here is fictional (places, addresses, links). Each loader compares what is
stored with what it would write and saves only differences, so a second run of
``load_demo`` creates no pages, revisions or occurrences and changes nothing.
"""

from datetime import date, time

from django.db import transaction
from wagtail.models import Site

from events.calendar.models import (
    CampaignPage,
    EventIndexPage,
    EventKind,
    EventPage,
    Venue,
    VolunteeringPage,
)
from events.demo_images import demo_image

KINDS = [
    ("workshop", "Workshop", "Hands-on sessions led by a facilitator."),
    ("support-group", "Support-group meeting", "Peer groups where people talk openly."),
    ("awareness", "Awareness activity", "Walks, stalls and gatherings open to everyone."),
    ("online", "Online session", "Talks and conversations you join from home."),
]

VENUES = {
    "willow": {
        "name": "Willow Community Hall",
        "address": "12 Mill Lane\nRiverside\nRV1 2AB",
        "area": "Riverside town centre",
        "latitude": "51.482310",
        "longitude": "-0.301120",
        "step_free": True,
        "accessible_toilet": True,
        "hearing_loop": True,
        "quiet_room": True,
        "sign_language": False,
        "access_notes": (
            "Level entrance from the car park; two blue-badge spaces by the door. "
            "The quiet room is off the main hall and is always open."
        ),
    },
    "fernside": {
        "name": "Fernside Centre, Larch Room",
        "address": "4 Orchard Row\nNorthbank\nRV3 7QT",
        "area": "Northbank",
        "latitude": "51.497640",
        "longitude": "-0.287410",
        "step_free": True,
        "accessible_toilet": True,
        "hearing_loop": False,
        "quiet_room": False,
        "sign_language": False,
        "access_notes": "Lift to the first floor. Soft lighting on request.",
    },
    "green": {
        "name": "Riverside Green bandstand",
        "address": "Riverside Green, Towpath Walk\nRiverside\nRV1 1AA",
        "area": "Riverside Green",
        "latitude": "51.479020",
        "longitude": "-0.305870",
        "step_free": True,
        "accessible_toilet": False,
        "hearing_loop": False,
        "quiet_room": False,
        "sign_language": True,
        "access_notes": "Flat gravel paths. The nearest accessible toilet is in the library.",
    },
    "library": {
        "name": "Eastfield Library, Garden Room",
        "address": "88 Station Road\nEastfield\nRV2 4LP",
        "area": "Eastfield",
        "latitude": "51.486900",
        "longitude": "-0.276300",
        "step_free": False,
        "accessible_toilet": True,
        "hearing_loop": True,
        "quiet_room": True,
        "sign_language": False,
        "access_notes": (
            "Three steps at the entrance with a handrail; a portable ramp is available."
        ),
    },
}

INDEX = {
    "title": "What's on",
    "slug": "whats-on",
    "show_in_menus": True,
    "intro": (
        "<p>Workshops, peer support groups, walks and online sessions. Everything is free "
        "unless it says otherwise, and you are welcome to just listen.</p>"
    ),
}

VOLUNTEERING = {
    "title": "Volunteer",
    "show_in_menus": True,
    "intro": (
        "<p>Give a few hours to a workshop, a walk or the welcome desk. Every shift says "
        "what it involves and how many people it still needs.</p>"
    ),
    "search_description": (
        "Volunteer for a few hours with the Riverside Recovery Network: open shifts at "
        "workshops, walks and the welcome desk, no account needed."
    ),
}

CAMPAIGN = {
    "title": "Mental Health Awareness Month 2027",
    "slug": "mental-health-awareness-month-2027",
    "show_in_menus": False,
    "theme": "Small steps, together",
    "start_date": date(2027, 5, 1),
    "end_date": date(2027, 5, 31),
    "story_tag": "belonging",
    # Share-card branding: the site's sage with a warm accent.
    "primary_colour": "#2f6652",
    "accent_colour": "#f2c14e",
    "hashtag": "#SmallStepsTogether",
    "intro": (
        "<p>All through May, neighbours, peer supporters and local groups open their doors. "
        "Come to one thing or to many; bring a friend if that helps.</p>"
    ),
}

# Fictional, like everything here; shared only with people who register.
TUESDAY_JOIN_URL = "https://video.riverside-recovery.example/tuesday-group-room-4821"

# slug: (kind, venue, fields)
EVENTS = [
    (
        "opening-walk",
        "awareness",
        "green",
        {
            "title": "Opening walk by the river",
            "summary": "An unhurried two-mile loop to open the month. Stop whenever you like.",
            "start_date": date(2027, 5, 1),
            "start_time": time(10, 0),
            "end_time": time(12, 0),
        },
    ),
    (
        "calm-breathing",
        "workshop",
        "willow",
        {
            "title": "Calm breathing for busy days",
            "summary": "Simple breathing exercises you can use on a bus, at a desk or in bed.",
            "start_date": date(2027, 5, 3),
            "start_time": time(18, 30),
            "end_time": time(20, 0),
            "registration_mode": "open",
            "registration_capacity": 20,
        },
    ),
    (
        "mens-talking-circle",
        "support-group",
        "fernside",
        {
            "title": "Men's talking circle",
            "summary": "A monthly circle for men to talk, or just listen, without judgement.",
            "start_date": date(2027, 5, 3),
            "start_time": time(19, 0),
            "end_time": time(20, 30),
            "attendance_mode": "hybrid",
            "join_url": "https://video.riverside-recovery.example/circle",
            "address_after_registration": True,
            "join_link_after_registration": True,
            "repeat": "MONTHLY",
            "repeat_weekdays": "MO",
            "repeat_monthly_position": 1,
            "repeat_count": 6,
            "registration_notes": "Register by email; we send the room and link the day before.",
        },
    ),
    (
        "writing-for-wellbeing",
        "workshop",
        "library",
        {
            "title": "Writing for wellbeing",
            "summary": "Short, gentle writing prompts. Nobody has to read anything aloud.",
            "start_date": date(2027, 5, 6),
            "start_time": time(14, 0),
            "end_time": time(16, 0),
            # A small room: nearly full (see DEMO_ATTENDEES).
            "registration_mode": "open",
            "registration_capacity": 8,
        },
    ),
    (
        "mindful-gardening",
        "awareness",
        "library",
        {
            "title": "Mindful gardening morning",
            "summary": "Potting, weeding and tea in the library's garden room.",
            "start_date": date(2027, 5, 9),
            "start_time": time(10, 30),
            "end_time": time(12, 30),
        },
    ),
    (
        "sleep-and-mood",
        "online",
        None,
        {
            "title": "Sleep and mood: a conversation",
            "summary": (
                "A sleep researcher joins us from Toronto to talk about rest, worry and small "
                "habits that help."
            ),
            "start_date": date(2027, 5, 12),
            "start_time": time(13, 0),
            "end_time": time(14, 0),
            "time_zone": "America/Toronto",
            "attendance_mode": "online",
            "join_url": "https://video.riverside-recovery.example/sleep-and-mood",
            "language": "English, with live captions",
        },
    ),
    (
        "art-for-calm",
        "workshop",
        "willow",
        {
            "title": "Art for calm",
            "summary": "Collage and colour with no skill needed; all materials provided.",
            "start_date": date(2027, 5, 14),
            "start_time": time(13, 30),
            "end_time": time(15, 30),
        },
    ),
    (
        "market-stall",
        "awareness",
        "green",
        {
            "title": "Awareness stall at the Saturday market",
            "summary": "Drop by for leaflets, a chat and a cup of tea while the market is open.",
            "start_date": date(2027, 5, 15),
            "all_day": True,
            "start_time": None,
            "end_time": None,
        },
    ),
    (
        "carers-coffee",
        "support-group",
        "willow",
        {
            "title": "Carers' coffee morning",
            "summary": "For anyone caring for someone with a mental health condition.",
            "start_date": date(2027, 5, 18),
            "start_time": time(10, 0),
            "end_time": time(11, 30),
        },
    ),
    (
        "talking-to-your-gp",
        "workshop",
        "library",
        {
            "title": "Talking to your GP about your mental health",
            "summary": "How to prepare for an appointment, and what you can ask for.",
            "start_date": date(2027, 5, 19),
            "start_time": time(18, 0),
            "end_time": time(19, 30),
        },
    ),
    (
        "young-voices",
        "online",
        None,
        {
            "title": "Young voices panel",
            "summary": "Four young people share what helped them, and what did not.",
            "start_date": date(2027, 5, 20),
            "start_time": time(19, 0),
            "end_time": time(20, 0),
            "attendance_mode": "online",
            "join_url": "https://video.riverside-recovery.example/young-voices",
        },
    ),
    (
        "first-aid-taster",
        "workshop",
        "willow",
        {
            "title": "Mental health first aid taster",
            "summary": "Two hours on noticing, listening and knowing where to point people.",
            "start_date": date(2027, 5, 22),
            "start_time": time(10, 0),
            "end_time": time(12, 0),
            "cost": "Free; donations welcome",
        },
    ),
    (
        "quiz-night",
        "awareness",
        "willow",
        {
            "title": "Awareness quiz night",
            "summary": "Teams of up to six; questions about everything except mental health.",
            "start_date": date(2027, 5, 27),
            "start_time": time(19, 0),
            "end_time": time(21, 30),
            "status": "cancelled",
            "status_reason": (
                "The hall needs urgent repairs that week. We are sorry, and hope to run the quiz "
                "in the autumn."
            ),
        },
    ),
    (
        "lantern-walk",
        "awareness",
        "green",
        {
            "title": "Closing lantern walk",
            "summary": "We close the month together with paper lanterns along the towpath.",
            "start_date": date(2027, 5, 31),
            "start_time": time(20, 0),
            "end_time": time(21, 30),
        },
    ),
    # Starts before the month (spanning the March clock change) and runs into June.
    (
        "tuesday-peer-support",
        "support-group",
        "fernside",
        {
            "title": "Tuesday peer support group",
            "summary": (
                "A weekly group for anyone living with anxiety or low mood. Come as you are."
            ),
            "start_date": date(2027, 3, 16),
            "start_time": time(18, 30),
            "end_time": time(20, 0),
            # In the room or from home; the address and the link go only to people who
            # register, for one meeting or for every meeting.
            "attendance_mode": "hybrid",
            "join_url": TUESDAY_JOIN_URL,
            "address_after_registration": True,
            "join_link_after_registration": True,
            "repeat": "WEEKLY",
            "repeat_weekdays": "TU",
            "repeat_until": date(2027, 6, 29),
            "registration_mode": "open",
            "registration_capacity": 12,
            "registration_notes": "Register below; we send the address and the link by email.",
        },
    ),
]

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


def _shift_rows(slug):
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


# Changes to single meetings of the Tuesday group.
TUESDAY_EXCEPTIONS = [date(2027, 4, 6)]  # Easter week: no meeting at all
TUESDAY_OVERRIDES = [
    {
        "original_date": date(2027, 5, 11),
        "cancelled": True,
        "note": "No meeting this week: the facilitator is unwell. See you next Tuesday.",
    },
    {
        "original_date": date(2027, 5, 25),
        "new_date": date(2027, 5, 26),
        "new_start_time": time(19, 0),
        "new_end_time": time(20, 30),
        "venue": "willow",
        "note": "Moved to Wednesday evening at Willow Community Hall this week.",
    },
]

DEFAULTS = {
    "time_zone": "Europe/London",
    "attendance_mode": "in_person",
    "all_day": False,
    "end_date": None,
    "join_url": "",
    "address_after_registration": False,
    "join_link_after_registration": False,
    "repeat": "",
    "repeat_interval": 1,
    "repeat_weekdays": "",
    "repeat_monthly_position": None,
    "repeat_until": None,
    "repeat_count": None,
    "cost": "",
    "language": "English",
    "registration_notes": "",
    "registration_mode": "off",
    "registration_capacity": None,
    "registration_opens_at": None,
    "registration_closes_at": None,
    "registration_reminder_hours": "",
    "status": "scheduled",
    "status_reason": "",
}


def _differs(obj, values):
    return any(getattr(obj, field) != value for field, value in values.items())


def load_kinds(log):
    kinds = {}
    for slug, name, description in KINDS:
        kind, created = EventKind.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description}
        )
        if created:
            log(f"Created the event kind {name!r}.")
        kinds[slug] = kind
    return kinds


def load_venues(log):
    venues = {}
    for key, values in VENUES.items():
        venue = Venue.objects.filter(name=values["name"]).first()
        wanted = dict(values)
        if venue is None:
            venue = Venue.objects.create(**wanted)
            log(f"Created the venue {venue.name!r}.")
        else:
            venue.refresh_from_db()
            current = {
                field: str(getattr(venue, field))
                if field in ("latitude", "longitude")
                else getattr(venue, field)
                for field in wanted
            }
            expected = {
                field: str(value) if field in ("latitude", "longitude") else value
                for field, value in wanted.items()
            }
            if current != expected:
                for field, value in wanted.items():
                    setattr(venue, field, value)
                venue.save()
                log(f"Updated the venue {venue.name!r}.")
        venues[key] = venue
    return venues


def _children_state(rows, fields):
    return sorted(tuple(getattr(row, field) for field in fields) for row in rows)


EXCEPTION_FIELDS = ["date"]
OVERRIDE_FIELDS = [
    "original_date",
    "cancelled",
    "new_date",
    "new_start_time",
    "new_end_time",
    "venue_id",
    "note",
]


def _ensure_page(parent, model, slug, values, *, log, exceptions=None, overrides=None, shifts=None):
    """Create or update (with one published revision) a page below ``parent``."""
    page = model.objects.child_of(parent).filter(slug=slug).first()
    wanted_exceptions = [{"date": d} for d in (exceptions or [])]
    wanted_overrides = overrides or []
    wanted_shifts = shifts or []
    if page is None:
        page = model(slug=slug, live=False, **values)
        for row in wanted_exceptions:
            page.exceptions.add(page.exceptions.model(**row))
        for row in wanted_overrides:
            page.overrides.add(page.overrides.model(**row))
        for row in wanted_shifts:
            page.shifts.add(page.shifts.model(**row))
        parent.add_child(instance=page)
        page.save_revision().publish()
        log(f"Created the page {page.title!r}.")
        return model.objects.get(pk=page.pk)

    changed = _differs(page, values) or page.has_unpublished_changes or not page.live
    if model is EventPage:
        want_ex = _children_state(
            [page.exceptions.model(**row) for row in wanted_exceptions], EXCEPTION_FIELDS
        )
        want_ov = _children_state(
            [page.overrides.model(**row) for row in wanted_overrides], OVERRIDE_FIELDS
        )
        have_ex = _children_state(page.exceptions.all(), EXCEPTION_FIELDS)
        have_ov = _children_state(page.overrides.all(), OVERRIDE_FIELDS)
        want_sh = _children_state([page.shifts.model(**row) for row in wanted_shifts], SHIFT_FIELDS)
        have_sh = _children_state(page.shifts.all(), SHIFT_FIELDS)
        changed = changed or want_ex != have_ex or want_ov != have_ov or want_sh != have_sh
    if not changed:
        return page
    for field, value in values.items():
        setattr(page, field, value)
    if model is EventPage:
        page.exceptions.set([page.exceptions.model(**row) for row in wanted_exceptions])
        page.overrides.set([page.overrides.model(**row) for row in wanted_overrides])
        if want_sh != have_sh:
            page.shifts.set([page.shifts.model(**row) for row in wanted_shifts])
    page.save_revision().publish()
    log(f"Updated the page {page.title!r}.")
    return model.objects.get(pk=page.pk)


# Drawn pictures (events.demo_images) for some events; others have none, as in real life.
EVENT_SCENES = {
    "opening-walk": "park-walk",
    "writing-for-wellbeing": "tea-table",
    "mindful-gardening": "community-garden",
    "sleep-and-mood": "quiet-desk",
    "mens-talking-circle": "lamp-lit-room",
}


def _home_page():
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    return site.root_page.specific if site else None


@transaction.atomic
def load(log=print):
    """The events demo: kinds, venues, the event index, the campaign and its programme."""
    home = _home_page()
    if home is None:
        return
    kinds = load_kinds(log)
    venues = load_venues(log)
    index = _ensure_page(
        home,
        EventIndexPage,
        INDEX["slug"],
        {k: v for k, v in INDEX.items() if k != "slug"},
        log=log,
    )
    # The way in for volunteers, at /volunteer/ and in the main menu.
    _ensure_page(home, VolunteeringPage, "volunteer", VOLUNTEERING, log=log)
    campaign = _ensure_page(
        index,
        CampaignPage,
        CAMPAIGN["slug"],
        {k: v for k, v in CAMPAIGN.items() if k != "slug"},
        log=log,
    )
    for slug, kind_slug, venue_key, fields in EVENTS:
        values = {**DEFAULTS, **fields}
        if slug in EVENT_SCENES:
            values["image"] = demo_image(EVENT_SCENES[slug], log)
        values["kind"] = kinds[kind_slug]
        values["venue"] = venues[venue_key] if venue_key else None
        values["campaign"] = campaign
        exceptions = overrides = None
        if slug == "tuesday-peer-support":
            exceptions = TUESDAY_EXCEPTIONS
            overrides = [
                {**row, "venue": venues[row["venue"]]} if "venue" in row else row
                for row in TUESDAY_OVERRIDES
            ]
            overrides = [
                {k: v for k, v in row.items() if k != "venue"}
                | ({"venue_id": row["venue"].pk} if "venue" in row else {})
                for row in overrides
            ]
        _ensure_page(
            campaign,
            EventPage,
            slug,
            values,
            log=log,
            exceptions=exceptions,
            overrides=overrides,
            shifts=_shift_rows(slug),
        )
    load_volunteers(log)
    load_attendees(log)
    # Heals a database from before feed fragments existed; a no-op when all are current.
    from events.calendar.services import feed_fragments

    if feed_fragments.store_all():
        log("Rendered calendar feed entries.")
    return index
