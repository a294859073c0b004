"""The request's site and its settings, without asking the database on each request.

Wagtail finds the site with a query on every request and reads each site setting with
another. Sites and settings change only when an editor saves them, which replaces the
editorial stamp (``events.core.services.editorial_stamp``), so the list of sites, each
site's settings and the site root paths are kept under it in every process.
``find_for_request`` leaves its answers where Wagtail keeps its own (the site in
``request._wagtail_site``, the root paths beside it), so Wagtail's lookups later in the
request agree without a query or a trip to the shared cache; settings models take
``KeptSiteSetting`` first in their bases.
"""

from django.http.request import split_domain_port
from wagtail.models import Site

from events.core.services import editorial_stamp

# Wagtail's order of preference (wagtail.models.sites.get_site_for_hostname).
HOSTNAME_AND_PORT, HOSTNAME_AND_DEFAULT, DEFAULT, HOSTNAME = range(4)


def find_for_request(request):
    """What ``Site.find_for_request`` answers (None for no site), from the kept sites.
    The site root paths go where Wagtail looks for them on the request too, so a page's
    address asks neither the database nor the shared cache."""
    if not hasattr(request, "_wagtail_site"):
        hostname = split_domain_port(request._get_raw_host())[0]
        request._wagtail_site = best_site(all_sites(), hostname, request.get_port())
        request._wagtail_cached_site_root_paths = root_paths()
    return request._wagtail_site


def root_paths():
    """What ``Site.get_site_root_paths`` answers (every page address is made from it),
    kept here: Wagtail reads it from the shared cache each time."""
    return editorial_stamp.kept_here("site-root-paths", Site.get_site_root_paths)


def all_sites():
    return editorial_stamp.kept_here("sites", _read_sites)


def _read_sites():
    """The sites with their root pages and their settings' rows, in one query. The rows
    are kept as ``KeptSiteSetting.for_site`` keeps them, so the first page after an
    editorial change does not ask for each setting again."""
    models = KeptSiteSetting.__subclasses__()
    names = [model._meta.get_field("site").related_query_name() for model in models]
    # With what each setting reads along with its row (Wagtail's ``select_related``).
    along = [
        f"{name}__{related}"
        for model, name in zip(models, names, strict=True)
        for related in model.select_related or ()
    ]
    sites = list(Site.objects.select_related("root_page", *names, *along))
    for site in sites:
        for model, name in zip(models, names, strict=True):
            row = getattr(site, name, None)  # None: not made yet (Wagtail makes it on use)
            if row is not None:
                editorial_stamp.keep_here(_setting_name(model, site.pk), row)
    return sites


def _setting_name(model, site_pk):
    return f"setting:{model._meta.label}:{site_pk}"


def site_by_id(pk):
    return next((site for site in all_sites() if site.pk == pk), None)


def best_site(sites, hostname, port):
    """Wagtail's choice among ``sites`` for a host: the exact hostname and port, else the
    hostname on the default site, else a single other site with that hostname, else the
    default site; None when nothing fits."""

    def rank(site):
        if site.hostname == hostname and str(site.port) == str(port):
            return HOSTNAME_AND_PORT
        if site.hostname == hostname and site.is_default_site:
            return HOSTNAME_AND_DEFAULT
        return DEFAULT if site.is_default_site else HOSTNAME

    candidates = sorted(
        (site for site in sites if site.hostname == hostname or site.is_default_site), key=rank
    )
    if not candidates:
        return None
    best = rank(candidates[0])
    if len(candidates) == 1 or best in (HOSTNAME_AND_PORT, HOSTNAME_AND_DEFAULT):
        return candidates[0]
    if best == DEFAULT:
        return candidates[len(candidates) == 2]
    return None


class KeptSiteSetting:
    """First in a Wagtail site setting's bases: the request's site found as above, and the
    setting's row read once per site under the editorial stamp (``for_site``; Wagtail's
    ``for_request`` calls it and keeps the answer on the request)."""

    @classmethod
    def for_request(cls, request):
        find_for_request(request)
        return super().for_request(request)

    @classmethod
    def for_site(cls, site):
        if site is None:
            return super().for_site(site)  # Wagtail's own "does not exist"
        parent = super()
        return editorial_stamp.kept_here(_setting_name(cls, site.pk), lambda: parent.for_site(site))
