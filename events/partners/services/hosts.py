"""Who hosts an event, as the public sees it: the organiser, its co-hosts, and the
schema.org organisations they make (never a partner's private contact)."""

from dataclasses import dataclass, field

from django.urls import reverse


@dataclass(frozen=True)
class Hosts:
    organiser: object = None  # a Partner, or None: the campaign team runs it
    co_hosts: list = field(default_factory=list)


def for_event(event):
    """The event's organiser and co-hosts (the organiser is not repeated as a co-host)."""
    organiser = event.organiser
    co_hosts = list(
        event.co_hosts.select_related("logo").exclude(pk=event.organiser_id).order_by("name")
    )
    return Hosts(organiser=organiser, co_hosts=co_hosts)


def partner_path(partner):
    return reverse("events:partner", args=[partner.slug])


def organisation(partner, request):
    """A schema.org Organization for one partner: its name, its page here and its website."""
    data = {"name": partner.name, "url": request.build_absolute_uri(partner_path(partner))}
    if partner.website:
        data["sameAs"] = partner.website
    return data


def organizers(hosts, request, campaign_team):
    """JSON-LD organisers: the organiser (or the campaign team, a dict with name and url),
    then each co-host."""
    first = organisation(hosts.organiser, request) if hosts.organiser else campaign_team
    return [first, *(organisation(partner, request) for partner in hosts.co_hosts)]
