"""The partner pages for /sitemap.xml, beside Wagtail's pages: the index, and each partner
the index lists (those with upcoming public events)."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from events.partners.services import directory, hosts


class PartnerPagesSitemap(Sitemap):
    def items(self):
        partners = list(directory.with_upcoming_events())
        return ["index", *partners] if partners else []

    def location(self, item):
        if item == "index":
            return reverse("events:partners")
        return hosts.partner_path(item)
