"""Meeting Guide type codes for what Tapestry knows about a meeting.

The codes are the reserved ones of the Meeting Guide specification (code4recovery/spec),
except ``ONL``: not reserved there (online is said by ``conference_url``), but read by
TSML tools, and the spec allows extra codes that no reserved one uses.
"""

from django.conf import settings
from django.utils import translation

from events.calendar.models import AttendanceMode, EventStatus, RegistrationMode
from events.calendar.services import public

OPEN = "O"
CLOSED = "C"
ONLINE = "ONL"
TEMPORARILY_CLOSED = "TC"

# Only the features the spec has a code for; the others go to location_notes in words.
# Keyed by the English label: the labels are translatable, and this feed is an API.
ACCESS_CODES = {
    "Step-free access": "X",
    "Accessible toilet": "XB",
}


def english_access_features(place):
    """The place's access feature labels in the site's source language (English)."""
    with translation.override(settings.LANGUAGE_CODE):
        return [str(label) for label in place.access_features]


# BCP 47 primary language -> the spec's language type (they are not all ISO codes).
# British Sign Language ("bfi") and Welsh ("cy") have no type in the spec.
LANGUAGE_CODES = {
    "af": "AF",
    "am": "AM",
    "ar": "AR",
    "ase": "ASL",
    "bg": "BG",
    "da": "DA",
    "de": "DE",
    "el": "EL",
    "en": "EN",
    "es": "S",
    "fa": "FA",
    "fi": "FI",
    "fr": "FR",
    "he": "HE",
    "hi": "HI",
    "hr": "HR",
    "hu": "HU",
    "is": "IS",
    "it": "ITA",
    "ja": "JA",
    "ka": "KA",
    "ko": "KOR",
    "lt": "LT",
    "ml": "ML",
    "mt": "MT",
    "nb": "NO",
    "ne": "NE",
    "nl": "NL",
    "nn": "NO",
    "no": "NO",
    "pa": "PUN",
    "pl": "POL",
    "pt": "POR",
    "ru": "RUS",
    "sk": "SK",
    "sl": "SL",
    "sv": "SV",
    "th": "TH",
    "tl": "TL",
    "tr": "TUR",
    "uk": "UK",
}


def language_type(language):
    """The spec's type for an event's language tag ("es-MX" -> "S"), or None."""
    code = public.language_code(language).split("-")[0].lower()
    return LANGUAGE_CODES.get(code)


def meeting_types(event, place):
    """The sorted type codes of one meeting series; ``place`` is its public place or None."""
    codes = {CLOSED if event.registration_mode == RegistrationMode.INVITE else OPEN}
    if event.attendance_mode != AttendanceMode.IN_PERSON:
        codes.add(ONLINE)
    if event.status == EventStatus.POSTPONED:
        codes.add(TEMPORARILY_CLOSED)
    if place is not None:
        codes.update(
            ACCESS_CODES[label] for label in english_access_features(place) if label in ACCESS_CODES
        )
    language = language_type(event.language)
    if language:
        codes.add(language)
    return sorted(codes)


def uncoded_access(place):
    """Access features the spec has no code for (hearing loop, quiet room...), in words."""
    if place is None:
        return []
    return [label for label in english_access_features(place) if label not in ACCESS_CODES]
