"""The language an event is held in, as a BCP 47 tag ("en", "es-MX", "bfi").

The choices an editor sees, how a tag is written (RFC 5646 casing), whether a tag names a
language we know, its name in the reader's language, and how the old free text ("English,
with live captions") becomes a tag and a note.
"""

import re
import unicodedata
from functools import lru_cache

from django.conf import global_settings
from django.conf.locale import LANG_INFO
from django.core.exceptions import ValidationError
from django.utils.translation import get_language_info, gettext
from django.utils.translation import gettext_lazy as _

DEFAULT_LANGUAGE = "en"

# Sign languages have tags of their own (ISO 639-3) but no Django translation catalogue.
SIGN_LANGUAGES = {
    "bfi": _("British Sign Language"),
    "ase": _("American Sign Language"),
}
# Short names people write for them (matched whole, case-insensitively).
SIGN_LANGUAGE_ALIASES = {
    "bfi": ("British Sign Language", "BSL"),
    "ase": ("American Sign Language", "ASL"),
}

# Well-formed tags (RFC 5646 section 2.1, without the grandfathered ones): language
# (2-3 letters, then up to three extended subtags), script, region, variants, extensions,
# private use.
_TAG = re.compile(
    r"^[a-z]{2,3}(-[a-z]{3}){0,3}(-[a-z]{4})?(-([a-z]{2}|[0-9]{3}))?"
    r"(-([a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*"
    r"(-[0-9a-wy-z](-[a-z0-9]{2,8})+)*(-x(-[a-z0-9]{1,8})+)?$",
    re.IGNORECASE,
)


def canonical(tag):
    """A tag in the customary case: "en-gb" -> "en-GB", "zh-hans" -> "zh-Hans"."""
    parts = str(tag).strip().replace("_", "-").split("-")
    out = [parts[0].lower()]
    singleton = False
    for part in parts[1:]:
        if singleton or len(part) == 1:
            singleton = True
            out.append(part.lower())
        elif len(part) == 2:
            out.append(part.upper())
        elif len(part) == 4 and part.isalpha():
            out.append(part.title())
        else:
            out.append(part.lower())
    return "-".join(out)


def primary(tag):
    return str(tag).split("-")[0].lower()


@lru_cache(maxsize=1)
def _known_primaries():
    codes = {primary(code) for code, _name in global_settings.LANGUAGES}
    codes.update(primary(code) for code in LANG_INFO)
    codes.update(SIGN_LANGUAGES)
    return frozenset(codes)


def is_known(tag):
    """A well-formed tag whose language we know ("es-MX" yes, "xx" or "English" no)."""
    text = str(tag or "").strip()
    return bool(_TAG.match(text)) and primary(text) in _known_primaries()


def validate_language_tag(value):
    if not is_known(value):
        raise ValidationError(
            _("Choose a language from the list (a language code such as “en” or “es”)."),
            code="invalid_language",
        )


def language_choices():
    """(tag, name) for the admin select: Django's languages and the sign languages, with
    names in the active language, in alphabetical order."""
    choices = [(canonical(code), gettext(name)) for code, name in global_settings.LANGUAGES]
    choices.extend((code, str(name)) for code, name in SIGN_LANGUAGES.items())

    def key(choice):
        return unicodedata.normalize("NFKD", choice[1]).casefold()

    return sorted(choices, key=key)


def language_name(tag):
    """The language's name in the reader's language ("es" -> "Spanish", or "Español" for a
    Spanish reader); old free text is read as it would be converted."""
    text = str(tag or "").strip()
    if not is_known(text):
        text = from_text(text)[0]
    if text in SIGN_LANGUAGES:
        return str(SIGN_LANGUAGES[text])
    for candidate in (text.lower(), primary(text)):
        try:
            return str(get_language_info(candidate)["name_translated"])
        except KeyError:
            continue
    return text


@lru_cache(maxsize=1)
def _names():
    """Lower-case names (English and the language's own) -> tag, longest first."""
    names = {}
    # Generic codes first, so "español" is "es" rather than one of its regional variants.
    for code in sorted(LANG_INFO, key=lambda code: (len(code), code)):
        info = LANG_INFO[code]
        for name in (info.get("name"), info.get("name_local")):
            if name:
                names.setdefault(name.casefold(), canonical(code))
    for code, aliases in SIGN_LANGUAGE_ALIASES.items():
        for name in aliases:
            names.setdefault(name.casefold(), code)
    return sorted(names.items(), key=lambda item: -len(item[0]))


_NOTE_EDGES = " ,;:-\u2013\u2014"  # also the en and em dashes


def from_text(text):
    """Old free text -> (tag, note): "English" -> ("en", ""), "Español" -> ("es", ""),
    "English, with live captions" -> ("en", "with live captions"); a tag passes through
    (in its customary case); text naming no language -> ("en", the text)."""
    text = str(text or "").strip()
    if not text:
        return DEFAULT_LANGUAGE, ""
    if is_known(text):
        return canonical(text), ""
    folded = text.casefold()
    for name, code in _names():
        if folded == name:
            return code, ""
        if folded.startswith(name) and not folded[len(name)].isalnum():
            rest = text[len(name) :].strip(_NOTE_EDGES)
            if rest.startswith("(") and rest.endswith(")"):
                rest = rest[1:-1].strip()
            return code, rest
    return DEFAULT_LANGUAGE, text
