"""A page of a long list in one query: its rows and the total they are a page of.

Django's Paginator asks twice (a COUNT, then the page's rows). Here the rows come with the
total beside them (``COUNT(*) OVER ()``, computed before LIMIT/OFFSET), so a page costs
one query whatever the length of the list, of model rows or of ``values_list`` tuples.
Only a page past the end (or an empty list) asks again: the count, then the last page, as
``Paginator.get_page`` would show.
"""

from django.core.paginator import Page, Paginator
from django.db.models import Count, Window


def get_page(queryset, number, per_page):
    """The page ``number`` (any input: not a number gives the first page, one out of range
    the last, as ``Paginator.get_page``) of an ordered ``queryset``."""
    paginator = Paginator(queryset, per_page, allow_empty_first_page=True)
    try:
        number = int(number)
    except (TypeError, ValueError):
        number = 1
    rows, total = _rows(queryset, number, per_page) if number >= 1 else ([], 0)
    if rows:
        paginator.count = total  # overrides the cached property: no COUNT
    else:
        number = paginator.num_pages  # counts (one query): the last page, or 1 if none
        rows = _rows(queryset, number, per_page)[0] if paginator.count else []
    return Page(rows, number, paginator)


def _rows(queryset, number, per_page):
    """(the page's rows, the total): rows of a ``values_list`` query come as the tuples it
    gives, the total taken off their end."""
    start = (number - 1) * per_page
    counted = queryset.annotate(page_total=Window(Count("pk")))
    rows = list(counted[start : start + per_page])
    if not rows:
        return [], 0
    if isinstance(rows[0], tuple):
        return [row[:-1] for row in rows], rows[0][-1]
    return rows, rows[0].page_total


def parts(page):
    """What a page is made of, to keep: (its rows, its number, the total)."""
    return list(page.object_list), page.number, page.paginator.count


def from_parts(rows, number, count, per_page):
    """The page that ``parts`` gave, whole again: its paginator knows the total and has
    no query behind it (only its count and pages are asked of it)."""
    paginator = Paginator([], per_page, allow_empty_first_page=True)
    paginator.count = count
    return Page(rows, number, paginator)
