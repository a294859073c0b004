"""What's on in the demo: kinds, venues, the index pages, the campaign and its events.

Everything here is fictional (places, addresses, links).
"""

from datetime import date, time

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
            # A Spanish-speaking group: the list's "events in my language" finds it.
            "title": "Círculo de hombres",
            "summary": (
                "Un círculo mensual para que los hombres hablen, o simplemente escuchen, "
                "sin juicios."
            ),
            "language": "es",
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
            "registration_notes": (
                "Inscríbete por correo; te enviamos la sala y el enlace el día anterior."
            ),
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
            "language": "en",
            "language_notes": "with live captions",
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
    "language": "en",
    "language_notes": "",
    "registration_notes": "",
    "registration_mode": "off",
    "registration_capacity": None,
    "registration_opens_at": None,
    "registration_closes_at": None,
    "registration_reminder_hours": "",
    "status": "scheduled",
    "status_reason": "",
}


# Drawn pictures (events.demo_images) for some events; others have none, as in real life.
EVENT_SCENES = {
    "opening-walk": "park-walk",
    "writing-for-wellbeing": "tea-table",
    "mindful-gardening": "community-garden",
    "sleep-and-mood": "quiet-desk",
    "mens-talking-circle": "lamp-lit-room",
}
