"""The demo's calendar in Spanish: the events index, the volunteering page, the campaign and
two of its events. Only their words are translated; dates, places and seats stay on the
English pages (see ``events.calendar.models.translated_pages``).

Runs after home's Spanish pages (the Spanish home page is their parent) and, like every
demo loader, saves nothing when nothing differs.
"""

from wagtail.models import Locale

from campaign.demo_loading import publish_translation
from events.calendar.models import CampaignPage, EventIndexPage, EventPage, VolunteeringPage

LANGUAGE = "es"

INDEX = {
    "title": "Agenda",
    "slug": "agenda",
    "intro": (
        "<p>Talleres, grupos de apoyo entre iguales, paseos y sesiones en línea. Todo es "
        "gratuito salvo que se indique lo contrario, y puedes venir solo a escuchar.</p>"
    ),
}

VOLUNTEERING = {
    "title": "Voluntariado",
    "slug": "voluntariado",
    "intro": (
        "<p>Dedica unas horas a un taller, un paseo o la mesa de bienvenida. Cada turno "
        "explica en qué consiste y cuántas personas necesita todavía.</p>"
    ),
    "search_description": (
        "Hazte voluntario o voluntaria unas horas con Riverside Recovery Network: turnos "
        "abiertos en talleres, paseos y la mesa de bienvenida, sin crear una cuenta."
    ),
}

CAMPAIGN = {
    "title": "Mes de Concienciación sobre la Salud Mental 2027",
    "slug": "mes-de-la-salud-mental-2027",
    "theme": "Pequeños pasos, juntos",
    "intro": (
        "<p>Durante todo mayo, vecinos, personas que acompañan desde su propia experiencia y "
        "grupos locales abren sus puertas. Ven a una actividad o a muchas; trae a alguien "
        "si te ayuda.</p>"
    ),
}

# English slug -> the Spanish words of that event.
EVENTS = {
    "opening-walk": {
        "title": "Paseo inaugural junto al río",
        "slug": "paseo-inaugural",
        "summary": (
            "Un recorrido tranquilo de unos tres kilómetros para abrir el mes. Para cuando quieras."
        ),
    },
    "calm-breathing": {
        "title": "Respiración tranquila para días ajetreados",
        "slug": "respiracion-tranquila",
        "summary": (
            "Ejercicios sencillos de respiración que puedes hacer en el autobús, en tu mesa "
            "de trabajo o en la cama."
        ),
    },
}


def _translate(source, locale, fields, log):
    return publish_translation(source, locale, fields, log, language_name="Spanish")


def load_spanish(home, log=print):
    locale = Locale.objects.filter(language_code=LANGUAGE).first()
    if locale is None or home.get_translation_or_none(locale) is None:
        return  # the Spanish home page is the parent of all of these
    index = EventIndexPage.objects.child_of(home).first()
    if index is not None:
        _translate(index, locale, INDEX, log)
    volunteering = VolunteeringPage.objects.child_of(home).first()
    if volunteering is not None:
        _translate(volunteering, locale, VOLUNTEERING, log)
    campaign = CampaignPage.objects.live().filter(locale=home.locale).first()
    if campaign is not None:
        _translate(campaign, locale, CAMPAIGN, log)
    for slug, fields in EVENTS.items():
        event = EventPage.objects.filter(locale=home.locale, slug=slug).first()
        if event is not None:
            _translate(event, locale, fields, log)
