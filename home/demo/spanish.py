"""Spanish versions of the demo's editorial pages: our own translation of our own text.

Each page is made once with Wagtail's ``copy_for_translation`` (same ``translation_key`` as
its English source, in the "es" tree under /es/), then kept in step like the rest of the
demo: a revision is published only when what is stored differs from what is written here.

Only the home page, the story index, one personal story, the advocacy article and the
privacy and accessibility pages are translated. Events, campaigns, the event index and
volunteering pages are not: their bookings and shifts live on the English page. Every
translated page sits under the home page or the story index, which are translated first,
so ``copy_parents`` never has to copy (or alias) another parent.
"""

from django.conf import settings
from django.db import transaction
from django.utils import formats, translation
from wagtail.models import Locale, Site

from campaign.demo_loading import differs, publish_translation
from home.blocks import StoryBodyBlock
from home.demo.changes import strip_ids
from home.demo.site import SETTINGS
from home.demo.story_content import ARTICLE, INDEX
from home.demo.trust import TRUST_REVIEWED
from home.demo.writing import heading, key_points, paragraph, resource
from home.models import ArticlePage, ContentPage, SiteWording, StoryIndexPage, StoryPage

LANGUAGE = "es"

HOME = {
    "title": "Inicio",
    "slug": "inicio",
    "hero_heading": "Mes de Concienciación sobre la Salud Mental: no tienes que pasarlo a solas",
    "hero_text": (
        "Durante todo mayo, Riverside Recovery Network abre sus puertas: talleres gratuitos, "
        "grupos de apoyo entre iguales, paseos junto al río e historias de personas que han "
        "pasado por lo mismo."
    ),
    "intro": (
        "<p>Riverside Recovery Network es un grupo de vecinos y vecinas, personas que dan "
        "apoyo entre iguales y organizaciones benéficas locales. Todo lo de este mes es "
        "gratuito, y puedes participar tanto o tan poco como te venga bien.</p>"
        "<ul><li>Ven a un taller, o simplemente escucha.</li>"
        "<li>Únete a un grupo de apoyo donde la gente habla con franqueza y nadie juzga.</li>"
        '<li><a href="/es/volunteer/">Colabora unas horas como persona voluntaria</a> en la '
        "mesa de bienvenida o en un paseo.</li></ul>"
    ),
    "search_description": (
        "Talleres gratuitos, grupos de apoyo entre iguales y eventos comunitarios para el Mes "
        "de Concienciación sobre la Salud Mental en Riverside."
    ),
}

STORY_INDEX = {
    "title": "Historias",
    "slug": "historias",
    "intro": (
        "<p>Experiencias compartidas por personas de nuestra comunidad, y artículos sobre por "
        "qué sentirnos en compañía importa para la salud mental. Tómate tu tiempo; lee tanto "
        "o tan poco como quieras.</p>"
    ),
}

# The English slug of the one personal story translated for the demo.
STORY_SOURCE = "the-walking-group"

STORY = {
    "title": "El grupo de paseo que me sacó de casa",
    "slug": "el-grupo-de-paseo",
    "storyteller_name": "Priya",
    "intro": (
        "Después de meses en los que apenas salía de casa, el paseo de los sábados junto al "
        "río se convirtió en lo único de la semana que nunca cancelaba."
    ),
}

STORY_BODY = [
    paragraph(
        "El invierno pasado dejé de contestar los mensajes. No fue exactamente una decisión. "
        "Cada día me resultaba un poco más fácil quedarme en casa, y cada día que me quedaba "
        "en casa hacía que el siguiente costara un poco más."
    ),
    paragraph(
        "Mi hermana encontró un folleto de un grupo de paseo y se ofreció a acompañarme la "
        "primera vez. Estuve a punto de dar media vuelta en el puente. Una voluntaria llamada "
        "Dee se dio cuenta, se puso a caminar a mi lado al final del grupo y estuvo cuarenta "
        "minutos hablándome de su huerto. No me hizo ni una sola pregunta sobre cómo estaba, "
        "y siempre se lo agradeceré."
    ),
    {
        "type": "pull_quote",
        "value": {
            "quote": "No tenía que estar mejor para sentir que ese era mi sitio.",
            "attribution": "Priya",
        },
    },
    paragraph(
        "Todavía tengo semanas malas. La diferencia es que ahora la gente nota cuando no "
        "estoy, y alguien me manda un mensaje que dice: sin presión, te echamos de menos. "
        "Esa frase me ha hecho volver más de una vez."
    ),
]

ARTICLE_FIELDS = {
    "title": "Por qué la comunidad importa en la recuperación de la salud mental",
    "slug": "por-que-importa-la-comunidad",
    "intro": (
        "El tratamiento y el cuidado personal importan. Pero la recuperación rara vez ocurre "
        "en soledad: que te conozcan, que te reciban bien y sentirte útil para los demás "
        "forma parte de ponerse bien, y de seguir bien."
    ),
}


def _article_body(home):
    """The article's body in Spanish; its call to action leads to the Spanish home page."""
    return [
        paragraph(
            "Si preguntas a la gente qué le ayudó a atravesar una mala racha con su salud "
            "mental, las respuestas suelen ser sorprendentemente cotidianas: una vecina que "
            "seguía llamando a la puerta, un grupo que se reunía todos los jueves, un amigo "
            "al que no hacía falta explicarle nada. La atención profesional puede ser "
            "imprescindible. Pero las horas entre una cita y otra se viven en casa, en el "
            "trabajo y en la calle, y ahí es donde la comunidad hace su trabajo discreto."
        ),
        heading("El aislamiento lo hace todo más pesado"),
        paragraph(
            "Cuando nos sentimos mal o con ansiedad, alejarnos de la gente puede parecer la "
            "única opción. Cancelar planes ahorra energía y evita preguntas incómodas. Con el "
            "tiempo, sin embargo, el aislamiento suele alimentar justo los sentimientos que lo "
            "provocaron. Menos conversaciones significan menos ocasiones de que alguien ponga "
            "en duda, con cariño, nuestras preocupaciones, y menos recordatorios de que le "
            "importamos a alguien."
        ),
        key_points(
            [
                "La soledad y el malestar psicológico suelen ir de la mano, y cada uno empeora "
                "al otro.",
                "El contacto pequeño y regular puede importar más que los grandes gestos "
                "ocasionales.",
                "Sentirte útil para los demás es un antídoto poderoso contra la sensación de "
                "ser una carga.",
            ],
            heading="En resumen",
        ),
        heading("Lo que ofrece una comunidad que apoya"),
        paragraph(
            "Una buena comunidad no arregla a nadie. Ofrece un lugar donde estar, gente con "
            "quien estar y la sensación de que nuestra historia no es rara ni vergonzosa. En "
            "nuestra red vemos los mismos pocos ingredientes una y otra vez:"
        ),
        heading("Pertenecer sin condiciones", "h3"),
        paragraph(
            "La gente puede venir en un día bueno o en uno malo. Nadie tiene que explicar un "
            "diagnóstico, y a nadie se le pide que aparente estar bien."
        ),
        heading("Una esperanza que se puede ver", "h3"),
        paragraph(
            "Conocer a alguien que ha pasado por algo parecido y que ahora está bien puede "
            "convencer más que cualquier folleto. Quienes dan apoyo entre iguales no son "
            "expertos en medicina; son expertos en su propia experiencia, y de eso se trata."
        ),
        heading("Estructura y sentido", "h3"),
        paragraph(
            "Un paseo regular, un turno como persona voluntaria o una comida compartida dan "
            "forma a la semana. Tener un pequeño papel, como poner el agua para el té o dar "
            "la bienvenida a quien llega por primera vez, ayuda a recuperar la confianza paso "
            "a paso."
        ),
        {
            "type": "pull_quote",
            "value": {
                "quote": "Nadie me pidió que me explicara. Simplemente me guardaron un sitio.",
                "attribution": "Una persona del grupo de los martes por la tarde",
            },
        },
        heading("Cómo encontrar a tu gente"),
        paragraph(
            "Dar el primer paso cuesta, sobre todo al principio. Estas ideas han ayudado a "
            "otras personas de nuestra comunidad:"
        ),
        key_points(
            [
                "Empieza con poco: una actividad, una vez, sabiendo que puedes irte antes.",
                "Ven con alguien de confianza, o pide a quien organiza que te espere en la puerta.",
                "Busca grupos que se reúnan para hacer algo juntos, no solo para hablar.",
                "Date tres visitas antes de decidir si es para ti.",
                "Si un grupo no te convence, es cuestión de encaje, no tiene que ver contigo.",
            ],
            heading="Primeros pasos prácticos",
        ),
        heading("Organizaciones que pueden ayudar"),
        paragraph(
            "Estas son organizaciones de ejemplo para este sitio de demostración. Una campaña "
            "real enumeraría aquí servicios locales, revisados con regularidad por el equipo "
            "editorial."
        ),
        resource(
            "Riverside Peer Support Circle (ejemplo)",
            "https://peer-circle.riverside-recovery.example/",
            "Grupos semanales y gratuitos de apoyo entre iguales, dirigidos por personas "
            "voluntarias formadas y con experiencia propia.",
        ),
        resource(
            "Open Door Listening Line (ejemplo)",
            "https://open-door-listening.example/",
            "Un servicio de escucha confidencial para cualquiera que necesite hablar, por "
            "teléfono o por chat.",
        ),
        resource(
            "Carers Together Network (ejemplo)",
            "https://carers-together.example/",
            "Apoyo y encuentros para familiares y amistades que cuidan de alguien.",
        ),
        heading("Sobre la ayuda en una crisis"),
        paragraph(
            "La comunidad no sustituye a la ayuda urgente. Si tú o alguien que conoces está en "
            "peligro inmediato, llama al número de emergencias de tu zona o ve al servicio de "
            "urgencias más cercano."
        ),
        {
            "type": "call_to_action",
            "value": {
                "page": home.pk,
                "label": "Mira lo que hay este mes",
                "text": "Los talleres, los paseos y los grupos entre iguales son gratuitos y "
                "están abiertos a todo el mundo.",
            },
        },
    ]


def _reviewed_on():
    with translation.override(LANGUAGE):
        return formats.date_format(TRUST_REVIEWED, "DATE_FORMAT")


def _privacy_body():
    days = settings.TAPESTRY_RETENTION_DAYS
    link_days = settings.TAPESTRY_LINK_MAX_AGE_DAYS
    email = SETTINGS["contact_email"]
    mail = f'<a href="mailto:{email}">{email}</a>'
    return [
        key_points(
            [
                "Solo pedimos lo que necesitamos para organizar un evento o un turno.",
                f"Borramos tu nombre, tus datos de contacto y lo que nos contaste sobre tus "
                f"necesidades {days} días después de que termine lo último que reservaste.",
                "Puedes borrarlos tú antes, cuando quieras, desde tu página de inscripciones.",
                "Nunca vendemos tus datos, y este sitio no tiene seguimiento ni publicidad.",
            ],
            heading="En resumen",
        ),
        heading("Quiénes somos"),
        paragraph(
            "Riverside Recovery Network es un grupo comunitario dirigido por personas "
            "voluntarias. Decidimos qué se hace con los datos que nos das en este sitio, y "
            f"somos responsables de cuidarlos. Puedes escribirnos a {mail}."
        ),
        heading("Qué guardamos y por qué"),
        heading("Cuando te apuntas a un turno o te inscribes en un evento", "h3"),
        paragraph(
            "Tu nombre y tu correo electrónico, para confirmar tu plaza, enviarte "
            "recordatorios y avisarte si cambian los planes. Si colaboras como persona "
            "voluntaria, también puedes darnos un teléfono, que solo usamos ese mismo día si "
            "algo cambia con poca antelación."
        ),
        paragraph(
            "Lo que nos cuentes que te ayude a participar, como tus necesidades de "
            "accesibilidad. Puede ser información sobre tu salud, así que cuéntanos solo lo "
            "que te resulte cómodo compartir y lo que necesitemos para organizarnos. Nunca es "
            "obligatorio."
        ),
        paragraph(
            "También anotamos cuándo marcaste la casilla de consentimiento y qué texto "
            "aceptaste, qué requisitos de un turno confirmaste y si viniste, para saber a "
            "cuántas personas llega cada evento."
        ),
        heading("Cuando comentas una historia", "h3"),
        paragraph(
            "El nombre visible y el comentario que escribes, y tu correo electrónico si "
            "decides dárnoslo. El correo nunca se muestra; solo lo ve nuestro equipo de "
            "moderación, y solo para responderte. Alguien de ese equipo lee cada comentario "
            "antes de que aparezca."
        ),
        heading("Cuando compartes tu historia", "h3"),
        paragraph(
            "Tu historia, su título, el nombre que quieras que se muestre (si quieres alguno) "
            "y cuándo aceptaste que la publiquemos. No se publica nada hasta que alguien del "
            "equipo editorial la ha leído."
        ),
        heading("Cada vez que envías un formulario", "h3"),
        paragraph(
            "Un código generado a partir de la dirección de tu conexión, que usamos solo para "
            "frenar avalanchas de mensajes automáticos. A partir de ese código no se puede "
            "recuperar la dirección."
        ),
        heading("Suscripciones al calendario", "h3"),
        paragraph(
            "Suscribirte a nuestro calendario no nos dice nada sobre ti. Tu calendario "
            "privado, con tus propias inscripciones, funciona con un enlace secreto que está "
            "en tu correo."
        ),
        heading("Quién lo ve"),
        key_points(
            [
                "Quienes coordinan a las personas voluntarias ven los nombres, los datos de "
                "contacto y las necesidades de las personas de sus turnos.",
                "Quienes organizan un evento ven los nombres y las necesidades de las "
                "personas inscritas.",
                "El equipo de moderación ve los comentarios, y el equipo editorial ve las "
                "historias que la gente ha compartido.",
                "Nuestro proveedor de correo entrega los mensajes que te enviamos, y nada más.",
            ]
        ),
        paragraph(
            "Nadie más. No vendemos, intercambiamos ni compartimos tus datos. Este sitio no "
            "usa cookies de seguimiento y no carga nada de otros sitios web, así que nadie "
            "más se entera de que lo has visitado."
        ),
        heading("Cuánto tiempo lo guardamos"),
        key_points(
            [
                f"Nombres, correos electrónicos, teléfonos y necesidades de accesibilidad: "
                f"hasta {days} días después de que termine el último turno o evento que "
                "reservaste. Después se borran automáticamente.",
                f"Lo que nos contaste sobre tus necesidades para un evento: {days} días "
                "después de ese evento, aunque sigas reservando otros.",
                f"Los enlaces de nuestros correos dejan de funcionar a los {link_days} días.",
                "Comentarios e historias compartidas: mientras estén en el sitio. Pídenoslo y "
                "los retiraremos.",
            ]
        ),
        paragraph(
            "Cuando borramos tus datos, solo guardamos cifras: cuántas plazas se reservaron y "
            "cuántas personas vinieron, sin ningún nombre asociado."
        ),
        heading("Cómo borrar tus datos"),
        paragraph(
            "Cada correo sobre una reserva tiene un enlace a tu página de inscripciones. En "
            "esa página, «Borrar mis datos» cancela tus plazas y borra al momento tu nombre, "
            "tus datos de contacto y tus necesidades. Si ya no tienes el correo, "
            '<a href="/es/my-bookings/">vuelve a pedir tus enlaces</a>: solo los enviamos a tu '
            "propia dirección."
        ),
        paragraph(
            f"Para cualquier otra cosa, escribe a {mail}. Puedes pedirnos ver lo que tenemos "
            "sobre ti, corregirlo o borrarlo, y te responderemos en el plazo de un mes. Si no "
            "estás conforme con cómo hemos tratado tus datos, puedes presentar una "
            "reclamación ante la autoridad de protección de datos del lugar donde vives."
        ),
    ]


def _accessibility_body():
    email = SETTINGS["contact_email"]
    mail = f'<a href="mailto:{email}">{email}</a>'
    return [
        paragraph(
            "Esta declaración se aplica al sitio web de Riverside Recovery Network. Queremos "
            "que lo pueda usar el mayor número posible de personas. Por ejemplo, deberías "
            "poder:"
        ),
        key_points(
            [
                "cambiar los colores, el contraste y las fuentes desde tu navegador o tu "
                "dispositivo",
                "ampliar hasta el 400 % sin que el texto se salga de la pantalla",
                "recorrer todo el sitio solo con el teclado o con reconocimiento de voz",
                "escuchar todo el sitio con un lector de pantalla",
                "leer cada página en la pantalla estrecha de un móvil sin desplazarte hacia "
                "los lados",
            ]
        ),
        paragraph("También hemos intentado que el lenguaje del sitio sea lo más sencillo posible."),
        heading("Nivel de accesibilidad de este sitio web"),
        paragraph("Sabemos que algunas partes de este sitio web no son del todo accesibles:"),
        key_points(
            [
                "puede que los vídeos insertados desde otros sitios web no tengan subtítulos",
                "las imágenes que se comparten en redes sociales contienen texto; las mismas "
                "palabras están siempre también en la página",
            ]
        ),
        heading("Comentarios y datos de contacto"),
        paragraph(
            "Si necesitas algo de este sitio web en otro formato, como letra grande, lectura "
            f"fácil o una llamada en lugar de un formulario, escribe a {mail}. Te "
            "responderemos en un plazo de 5 días laborables."
        ),
        heading("Cómo informar de problemas de accesibilidad en este sitio web"),
        paragraph(
            "Siempre intentamos mejorar. Si encuentras un problema que no aparece en esta "
            f"página, o crees que no cumplimos los requisitos, escribe a {mail}."
        ),
        heading("Procedimiento de reclamación"),
        paragraph(
            "Si no estás conforme con cómo respondemos a tu queja, puedes ponerte en contacto "
            "con el servicio de asesoramiento sobre igualdad o con el organismo que vela por "
            "el cumplimiento de las normas de accesibilidad en el lugar donde vives."
        ),
        heading("Información técnica sobre la accesibilidad de este sitio web"),
        paragraph(
            "Riverside Recovery Network se compromete a que su sitio web sea accesible. "
            "Nuestro objetivo es cumplir las Pautas de Accesibilidad para el Contenido Web "
            "(WCAG) versión 2.2 en el nivel AA."
        ),
        heading("Situación de cumplimiento", "h3"),
        paragraph(
            "Este sitio web cumple parcialmente las WCAG 2.2 de nivel AA, debido a las "
            "excepciones que se indican a continuación."
        ),
        heading("Contenido no accesible", "h3"),
        key_points(
            [
                "Puede que los vídeos insertados desde otros sitios web no tengan "
                "subtítulos, lo que no cumple el criterio de conformidad 1.2.2 (subtítulos, "
                "contenido grabado). Pedimos al equipo editorial que enlace a una versión "
                "subtitulada o que añada una transcripción.",
                "Las imágenes para compartir contienen texto, lo que no cumple el criterio de "
                "conformidad 1.4.5 (imágenes de texto). Son solo para redes sociales; todas "
                "sus palabras están también en la página.",
            ]
        ),
        heading("Qué estamos haciendo para mejorar la accesibilidad"),
        paragraph(
            "Cada cambio en el sitio se comprueba automáticamente en busca de problemas de "
            "accesibilidad y de HTML no válido antes de publicarse, y probamos las páginas "
            "nuevas con el teclado y con un lector de pantalla."
        ),
        heading("Preparación de esta declaración de accesibilidad"),
        paragraph(
            f"Esta declaración se preparó el {_reviewed_on()}. Nuestras personas voluntarias "
            "probaron el sitio web por última vez ese mismo día, con comprobaciones "
            "automáticas en cada página y comprobaciones manuales con el teclado, un lector "
            "de pantalla y el zoom al 400 %, en un móvil y en un ordenador."
        ),
    ]


# English slug of the source page -> Spanish fields and body.
TRUST = {
    "privacy": {
        "fields": {
            "title": "Aviso de privacidad",
            "slug": "privacidad",
            "intro": (
                "Qué guardamos sobre ti cuando colaboras como persona voluntaria, reservas "
                "una plaza, comentas o compartes tu historia, quién lo ve, cuánto tiempo lo "
                "guardamos y cómo borrarlo."
            ),
        },
        "body": _privacy_body,
    },
    "accessibility": {
        "fields": {
            "title": "Declaración de accesibilidad",
            "slug": "accesibilidad",
            "intro": (
                "El nivel de accesibilidad de este sitio web, qué sabemos que todavía no "
                "funciona bien y cómo avisarnos de un problema o pedir otro formato."
            ),
        },
        "body": _accessibility_body,
    },
}


def _same_body(page, body):
    block = StoryBodyBlock()
    return strip_ids(page.body.get_prep_value()) == strip_ids(
        block.get_prep_value(block.to_python(body))
    )


def _translate(source, locale, fields, body, log):
    """Create or update the Spanish version of ``source``; publish only what changed."""

    def body_change(page):
        if body is None or _same_body(page, body):
            return None
        return lambda page: setattr(page, "body", StoryBodyBlock().to_python(body))

    return publish_translation(
        source, locale, fields, log, language_name="Spanish", extra=body_change
    )


# The site settings' words (tagline, footer, story disclaimer, crisis banner) in Spanish.
WORDING = {
    "tagline": "Apoyo comunitario para la salud mental, todo el año",
    "footer_text": (
        "Riverside Recovery Network es un grupo comunitario formado por voluntarios. No somos "
        "un servicio de emergencias: si estás en peligro ahora mismo, llama al número de "
        "emergencias de tu zona."
    ),
    "disclaimer": (
        "<p>Las historias y artículos de este sitio comparten experiencias vividas e "
        "información general. No son consejo médico y no sustituyen la atención de un "
        "profesional cualificado. Si te preocupa tu salud mental, habla con tu médico o con "
        "un servicio de confianza. Si estás en peligro ahora mismo, llama al número de "
        "emergencias de tu zona.</p>"
    ),
    "crisis_banner_text": (
        "¿Lo estás pasando mal ahora mismo? Mereces apoyo hoy. Si estás en peligro, llama al "
        "número de emergencias de tu zona."
    ),
    "crisis_banner_link_text": "Encuentra apoyo cerca de ti",
}


def load_spanish_wording(locale, log):
    wording = SiteWording.objects.filter(locale=locale).first()
    if wording is None:
        SiteWording.objects.create(locale=locale, **WORDING)
        log("Created the site wording in Spanish.")
    elif differs(wording, WORDING):
        for field, value in WORDING.items():
            setattr(wording, field, value)
        wording.save()
        log("Updated the site wording in Spanish.")


@transaction.atomic
def load_spanish_pages(log=print):
    """The Spanish home page, story index, one story, the article and the trust pages."""
    locale = Locale.objects.filter(language_code=LANGUAGE).first()
    if locale is None:
        log("No Spanish locale (Spanish is not in WAGTAIL_CONTENT_LANGUAGES): skipped.")
        return
    site = Site.objects.get(is_default_site=True)
    home = site.root_page.specific
    spanish_home = _translate(home, locale, HOME, None, log)
    load_spanish_wording(locale, log)

    index = StoryIndexPage.objects.child_of(home).get(slug=INDEX["slug"])
    _translate(index, locale, STORY_INDEX, None, log)

    story = StoryPage.objects.child_of(index).get(slug=STORY_SOURCE)
    _translate(story, locale, STORY, STORY_BODY, log)

    article = ArticlePage.objects.child_of(index).get(slug=ARTICLE["slug"])
    _translate(article, locale, ARTICLE_FIELDS, _article_body(spanish_home), log)

    for slug, spec in TRUST.items():
        page = ContentPage.objects.child_of(home).get(slug=slug)
        _translate(page, locale, spec["fields"], spec["body"](), log)
