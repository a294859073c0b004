"""The demo's stories and articles: settings, snippets, pages and comments.

Everything here is original writing for the demo. Organisations, addresses and people are
invented; web addresses use the reserved .example domain.
"""

from home.demo.writing import heading, key_points, paragraph, resource

STORY_SETTINGS = {
    "disclaimer": (
        "<p>Stories and articles on this site share lived experience and general "
        "information. They are not medical advice and cannot replace care from a qualified "
        "professional. If you are worried about your mental health, talk to your doctor or "
        "a service you trust. If you are in danger right now, call your local emergency "
        "number.</p>"
    ),
    "crisis_banner_enabled": True,
    "crisis_banner_text": (
        "Struggling right now? You deserve support today. If you are in danger, call your "
        "local emergency number."
    ),
    "crisis_banner_phone": "",
    "crisis_banner_url": "https://riverside-recovery.example/get-help-now",
    "crisis_banner_link_text": "Ways to get help today",
}

CATEGORIES = [
    ("Recovery", "recovery", "Living well, setbacks and small steps forward."),
    ("Peer support", "peer-support", "People with lived experience supporting each other."),
    ("Community", "community", "Neighbourhoods, groups and the places where we belong."),
    ("Advocacy", "advocacy", "Why things need to change, and how we can change them."),
]

AUTHOR = {
    "name": "Morgan Ellis",
    "credential": (
        "Peer support volunteer. Writes from lived experience; not a licensed clinician."
    ),
    "bio": (
        "Morgan has volunteered with Riverside Recovery Network for six years, first as a "
        "walk leader and now as a coordinator for the Tuesday evening peer group."
    ),
}

DEMO_IMAGE_TITLE = "Demo: soft river-coloured gradient"
DEMO_IMAGE_DESCRIPTION = "A soft abstract gradient in river greens and blues."

INDEX = {
    "title": "Stories",
    "slug": "stories",
    "intro": (
        "<p>Shared experiences from people in our community, and articles about why "
        "connection matters for mental health. Take your time; read as much or as little "
        "as you like.</p>"
    ),
    "show_in_menus": True,
}


ARTICLE = {
    "title": "Why community matters in mental-health recovery",
    "slug": "why-community-matters",
    "intro": (
        "Treatment and self-care matter. But recovery rarely happens alone: being known, "
        "welcomed and useful to others is part of getting well, and staying well."
    ),
    "categories": ["community", "advocacy", "peer-support"],
    "tags": ["community", "peer support", "belonging"],
    "body": [
        paragraph(
            "Ask people what helped them through a hard stretch with their mental health, "
            "and the answers are often surprisingly ordinary: a neighbour who kept knocking, "
            "a group that met every Thursday, a friend who did not need things explained. "
            "Professional care can be essential. Yet the hours between appointments are "
            "lived at home, at work and in the street, and that is where community does its "
            "quiet work."
        ),
        heading("Isolation makes everything heavier"),
        paragraph(
            "When we feel low or anxious, pulling away from people can feel like the only "
            "option. Cancelling plans saves energy and avoids awkward questions. Over time, "
            "though, isolation tends to feed the very feelings that caused it. Fewer "
            "conversations mean fewer chances to have our worries gently challenged, and "
            "fewer reminders that we matter to someone."
        ),
        key_points(
            [
                "Loneliness and poor mental health often travel together, each making the "
                "other worse.",
                "Small, regular contact can matter more than occasional big gestures.",
                "Feeling useful to others is a powerful antidote to feeling like a burden.",
            ],
            heading="In short",
        ),
        heading("What a supportive community offers"),
        paragraph(
            "A good community does not fix anyone. It offers somewhere to be, people to be "
            "with, and a sense that our story is not unusual or shameful. In our network we "
            "see the same few ingredients again and again:"
        ),
        heading("Belonging without conditions", "h3"),
        paragraph(
            "People can come along on a good day or a bad one. Nobody has to explain a "
            "diagnosis, and nobody is asked to perform being well."
        ),
        heading("Hope you can see", "h3"),
        paragraph(
            "Meeting someone who has been through something similar and is doing all right "
            "now can be more convincing than any leaflet. Peer supporters are not experts in "
            "medicine; they are experts in their own experience, and that is the point."
        ),
        heading("Structure and purpose", "h3"),
        paragraph(
            "A regular walk, a volunteering shift or a shared meal gives the week a shape. "
            "Having a small role, such as putting the kettle on or welcoming newcomers, "
            "helps people rebuild confidence step by step."
        ),
        {
            "type": "pull_quote",
            "value": {
                "quote": "Nobody asked me to explain myself. They just saved me a seat.",
                "attribution": "A member of the Tuesday evening group",
            },
        },
        heading("How to find your people"),
        paragraph(
            "Reaching out is hard, especially at first. These steps have helped others "
            "in our community:"
        ),
        key_points(
            [
                "Start small: one activity, once, with permission to leave early.",
                "Bring a friend, or ask the organiser to meet you at the door.",
                "Look for groups built around doing something together, not only talking.",
                "Give it three visits before you decide whether it is for you.",
                "If a group does not feel right, that is about the fit, not about you.",
            ],
            heading="Practical first steps",
        ),
        heading("Organisations that can help"),
        paragraph(
            "These are example organisations for this demo site. A real campaign would list "
            "local services here, checked regularly by the editors."
        ),
        resource(
            "Riverside Peer Support Circle (example)",
            "https://peer-circle.riverside-recovery.example/",
            "Free weekly peer groups led by trained volunteers with lived experience.",
        ),
        resource(
            "Open Door Listening Line (example)",
            "https://open-door-listening.example/",
            "A confidential listening service for anyone who needs to talk, by phone or chat.",
        ),
        resource(
            "Carers Together Network (example)",
            "https://carers-together.example/",
            "Support and meet-ups for family members and friends who care for someone.",
        ),
        heading("A note on crisis support"),
        paragraph(
            "Community is not a substitute for urgent help. If you or someone you know is in "
            "immediate danger, call your local emergency number or go to the nearest "
            "emergency department."
        ),
        {
            "type": "call_to_action",
            "value": {
                "page": "HOME",
                "label": "See what is on this month",
                "text": "Workshops, walks and peer groups are free and open to everyone.",
            },
        },
    ],
}

STORIES = [
    {
        "title": "The walking group that got me out of the house",
        "slug": "the-walking-group",
        "storyteller_name": "Priya",
        "intro": (
            "After months of hardly leaving my flat, a Saturday walk by the river became "
            "the one thing in my week I did not cancel."
        ),
        "categories": ["recovery", "community"],
        "tags": ["walking", "belonging"],
        "body": [
            paragraph(
                "Last winter I stopped answering messages. It was not a decision, exactly. "
                "Each day it simply felt easier to stay in, and each day staying in made the "
                "next one a little harder."
            ),
            paragraph(
                "My sister found a leaflet for a walking group and offered to come with me "
                "the first time. I nearly turned back at the bridge. A volunteer called Dee "
                "noticed, walked beside me at the back, and talked about her allotment for "
                "forty minutes. She did not ask me a single question about how I was, and I "
                "will always be grateful for that."
            ),
            {
                "type": "pull_quote",
                "value": {
                    "quote": "I did not have to be better to belong there.",
                    "attribution": "Priya",
                },
            },
            paragraph(
                "I still have bad weeks. The difference is that now people notice when I am "
                "not there, and someone sends a message that says: no pressure, we missed "
                "you. That sentence has brought me back more than once."
            ),
        ],
    },
    {
        "title": "Learning to say \u201cme too\u201d",
        "slug": "learning-to-say-me-too",
        "storyteller_name": "",
        "intro": (
            "For years I thought I was the only one who felt this way. A peer group showed "
            "me otherwise, and then asked me to help the next newcomer."
        ),
        "categories": ["peer-support", "recovery"],
        "tags": ["peer support", "hope"],
        "body": [
            paragraph(
                "I went to my first peer support meeting expecting a room full of people "
                "who had it all worked out. Instead there were eight people on mismatched "
                "chairs, a tin of biscuits, and a lot of honesty."
            ),
            paragraph(
                "When a man my age described lying awake replaying every conversation of "
                "the day, I actually laughed, because I had never heard anyone say it out "
                "loud. It was the first time I had said \u201cme too\u201d in years."
            ),
            key_points(
                [
                    "You can just listen for as long as you like.",
                    "What is said in the room stays in the room.",
                    "Nobody gives advice unless you ask for it.",
                ],
                heading="What I wish I had known before my first meeting",
            ),
            paragraph(
                "Two years on, I help welcome new people. I am not a professional, and I "
                "say so. What I can offer is a seat, a cup of tea, and the proof that "
                "things can change."
            ),
        ],
    },
]

COMMENTS = [
    # (page slug, name, body, status)
    (
        "why-community-matters",
        "Alex",
        "The point about feeling useful really landed for me. Volunteering on the welcome "
        "desk did more for my confidence than I expected.",
        "approved",
    ),
    (
        "why-community-matters",
        "Sunita",
        "Thank you for including carers. Looking after my dad, I forgot I needed people too.",
        "approved",
    ),
    (
        "the-walking-group",
        "Dee",
        "It was a joy to walk with you, Priya. See you on Saturday!",
        "approved",
    ),
    (
        "the-walking-group",
        "Tom",
        "Is the walk suitable for someone who uses a walking stick?",
        "pending",
    ),
    (
        "learning-to-say-me-too",
        "Anonymous",
        "Reading this made me think I might try a group. Thank you for writing it.",
        "pending",
    ),
]


# Each story gets its own drawn scene (events.demo_images), as a charity's would.
STORY_SCENES = {
    "the-walking-group": "park-walk",
    "learning-to-say-me-too": "lamp-lit-room",
}
