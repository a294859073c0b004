"""Public calendar views (served through EventIndexPage's routes): parse, query, render."""

from datetime import date

from django.core.paginator import Paginator
from django.db.models import Min
from django.http import Http404
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import SimpleLazyObject

from events.calendar.models import languages
from events.calendar.services import listing
from events.core.services import editorial_stamp, fragments


def _feed_url(request):
    """The feed of exactly what this listing shows (its filters, not its page number)."""
    query = request.GET.copy()
    for key in ("page", "cancelled"):
        query.pop(key, None)
    kind = query.getlist("kind")
    if list(query) == ["kind"] and len(kind) == 1 and listing.kind_exists(kind[0]):
        # A kind's listing advertises the kind's own feed (whole series, stable URL).
        return reverse("events:kind_feed", args=[kind[0]])
    partner = query.getlist("partner")
    if list(query) == ["partner"] and len(partner) == 1 and listing.partner_exists(partner[0]):
        # Likewise a partner's listing advertises the partner's own feed.
        return reverse("events:partner_feed", args=[partner[0]])
    url = reverse("events:feed")
    return f"{url}?{query.urlencode()}" if query else url


def _filter_query(request):
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def _my_language(request):
    """ "Events in my language": the list filtered to the reader's language (the primary
    subtag of the site language they read in), and the way back to every language."""
    mine = languages.primary(translation.get_language() or "")
    if not languages.is_known(mine):
        return None
    query = request.GET.copy()
    query.pop("page", None)
    active = query.get("language", "").strip().lower() == mine
    if active:
        query.pop("language")
    else:
        query["language"] = mine
    return {
        "code": mine,
        "name": languages.language_name(mine),
        "active": active,
        "url": f"?{query.urlencode()}" if query else request.path,
    }


def _kept_filters(request, filterset, is_filtered):
    """The filter form, drawn once per query and editorial stamp: its options (campaigns,
    kinds, partners, languages) change only with the stamp (``listing_choices``), and its
    values and errors only with the query. One include per field and per option made it a
    sixth of the list's rendering time."""
    return fragments.render_kept_filters(
        "event-filters",
        "components/event_filters.html",
        {"is_filtered": is_filtered},
        request,
        SimpleLazyObject(lambda: filterset.form),
        (editorial_stamp.current(),),
        fields=listing.OccurrenceFilter.base_filters,
    )


def _render(request, page, template, view_name, extra, drawn=None):
    filterset = extra.pop("filterset")
    is_filtered = filterset.is_filtered()
    context = {
        "filters": _kept_filters(request, filterset, is_filtered),
        "is_filtered": is_filtered,
        "filter_query": _filter_query(request),
        "feed_url": _feed_url(request),
        "listing_view": view_name,
        "my_language": _my_language(request),
        **extra,
    }
    if drawn is not None:  # what needs the rest of the context
        context.update(drawn(context))
    return page.render(request, template=template, context_overrides=context)


def _paginate(request, queryset, size):
    paginator = Paginator(queryset, size)
    return paginator.get_page(request.GET.get("page"))


def upcoming(request, page):
    filters = listing.Filters(request.GET)
    now = timezone.now()
    return _render(
        request,
        page,
        "events/event_index_page.html",
        "upcoming",
        {"filterset": filters},
        drawn=lambda context: {"results": _upcoming_results(request, page, filters, now, context)},
    )


def _upcoming_results(request, page, filters, now, context):
    """The days of cards and the pages, kept rendered per query, page number, host and
    editorial stamp until the soonest listed event ends: as time passes events only ever
    leave this list (ending), so until then nothing in it, its count included, differs.
    The filtered query is built only when they are drawn afresh."""

    def render():
        chosen = listing.for_cards(listing.upcoming(filters.qs, now))
        page_obj = _paginate(request, chosen, page.page_size)
        results = {
            **{name: context[name] for name in ("filter_query", "listing_view")},
            "request": request,
            "page_obj": page_obj,
            "days": listing.group_by_day(page_obj.object_list, request),
        }
        html = render_to_string("events/includes/listing_results.html", results)
        return html, chosen.order_by().aggregate(soonest=Min("end"))["soonest"]

    number = request.GET.get("page", "")
    values = (request.path, context["filter_query"], number, page.page_size)
    return fragments.kept_for_request("upcoming-results", request, values, render, now)


def past(request, page):
    filterset, queryset = listing.apply_filters(request.GET)
    page_obj = _paginate(request, listing.for_cards(listing.past(queryset)), page.page_size)
    return _render(
        request,
        page,
        "events/event_index_page.html",
        "past",
        {
            "filterset": filterset,
            "page_obj": page_obj,
            "days": listing.group_by_day(page_obj.object_list, request),
        },
    )


def _shift(year, month, step):
    index = year * 12 + (month - 1) + step
    return index // 12, index % 12 + 1


def month(request, page, year=None, month=None):
    today = timezone.localdate()
    year, month = year or today.year, month or today.month
    if not (1 <= month <= 12 and date.min.year < year < date.max.year):
        raise Http404("No such month")
    filters = listing.Filters(request.GET)
    previous, following = _shift(year, month, -1), _shift(year, month, 1)
    return _render(
        request,
        page,
        "events/event_month.html",
        "month",
        {
            "filterset": filters,
            "month_start": date(year, month, 1),
            "previous_month": page.reverse_subpage("month_view", args=previous),
            "next_month": page.reverse_subpage("month_view", args=following),
        },
        drawn=lambda context: {
            "month_body": _month_body(request, page, filters, year, month, context)
        },
    )


def _month_body(request, page, filters, year, month, context):
    """The month's grid (and, for an empty month, when the next events start), kept
    rendered per month, query and editorial stamp: what it shows comes from pages, their
    occurrences and the editors' lists, never from the clock or the reader, and drawing a
    hundred linked cells was most of the page's time. The host counts too: an address on
    another site is written out in full."""

    def render():
        queryset = filters.qs  # built only when the month is drawn afresh
        weeks = listing.month_grid(queryset, year, month, request)
        next_start = next_url = None
        if listing.month_is_empty(weeks):
            next_start = listing.next_start_after_month(queryset, year, month)
            if next_start is not None:
                args = (next_start.year, next_start.month)
                next_url = page.reverse_subpage("month_view", args=args)
        grid = {
            "request": request,
            "page": page,
            "weeks": weeks,
            "month_start": date(year, month, 1),
            "next_start": next_start,
            "next_start_month": next_url,
            **{name: context[name] for name in ("is_filtered", "filter_query", "feed_url")},
        }
        return render_to_string("events/includes/month_grid.html", grid)

    values = (request.path, context["filter_query"], year, month)
    return fragments.kept_for_request("month-grid", request, values, render)
