"""Demo partners: a town library, a peer-support charity and a carers' group (fictional),
and the demo events they organise or co-host."""

from events.partners.models import Partner

PARTNERS = [
    {
        "slug": "riverside-town-library",
        "name": "Riverside Town Library",
        "website": "https://library.riverside.example/",
        "description": "The town library on Mill Lane: quiet reading rooms, a wellbeing "
        "shelf and free rooms for community groups.",
        "contact_name": "Demo library contact",
        "contact_email": "events@library.riverside.example",
    },
    {
        "slug": "open-door-peer-support",
        "name": "Open Door Peer Support",
        "website": "https://opendoor.example/",
        "description": "A small charity run by people with lived experience of mental "
        "ill health. Peer groups, a listening line and walks.",
        "contact_name": "Demo charity contact",
        "contact_email": "hello@opendoor.example",
    },
    {
        "slug": "riverside-carers-network",
        "name": "Riverside Carers Network",
        "website": "",
        "description": "Carers supporting carers: coffee mornings, advice and a friendly ear.",
        "contact_name": "",
        "contact_email": "",
    },
]

# event slug: (organiser slug or None, co-host slugs)
HOSTS = {
    "writing-for-wellbeing": ("riverside-town-library", ["open-door-peer-support"]),
    "mindful-gardening": ("riverside-town-library", []),
    "talking-to-your-gp": ("riverside-town-library", ["riverside-carers-network"]),
    "mens-talking-circle": ("open-door-peer-support", []),
    "opening-walk": (None, ["open-door-peer-support"]),
    "carers-coffee": ("riverside-carers-network", ["open-door-peer-support"]),
}


def load_partners(log):
    """Create or update the demo partners; returns them by slug."""
    partners = {}
    for values in PARTNERS:
        fields = {k: v for k, v in values.items() if k != "slug"}
        partner = Partner.objects.filter(slug=values["slug"]).first()
        if partner is None:
            partner = Partner.objects.create(slug=values["slug"], **fields)
            log(f"Created the partner {partner.name!r}.")
        elif any(getattr(partner, k) != v for k, v in fields.items()):
            for k, v in fields.items():
                setattr(partner, k, v)
            partner.save()
            log(f"Updated the partner {partner.name!r}.")
        partners[values["slug"]] = partner
    return partners


def organiser_for(slug, partners):
    organiser = HOSTS.get(slug, (None, []))[0]
    return partners[organiser] if organiser else None


def set_co_hosts(page, partners, log):
    """Give the page its demo co-hosts (a new revision only when they differ)."""
    wanted = [partners[s] for s in HOSTS.get(page.slug, (None, []))[1]]
    if set(page.co_hosts.values_list("pk", flat=True)) == {p.pk for p in wanted}:
        return page
    page = page.get_latest_revision_as_object()
    page.co_hosts.set(wanted)
    page.save_revision().publish()
    log(f"Updated the co-hosts of {page.title!r}.")
    return page
