"""A page of a long list in one query (events.core.services.pagination)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from events.core.services import pagination

pytestmark = pytest.mark.django_db


@pytest.fixture
def locales():
    for code in ("aa", "bb", "cc", "dd", "ee"):
        Locale.objects.get_or_create(language_code=code)
    return Locale.objects.filter(language_code__in=("aa", "bb", "cc", "dd", "ee")).order_by(
        "language_code"
    )


def codes(page):
    return [locale.language_code for locale in page.object_list]


def test_a_page_in_range_is_read_with_its_count_in_one_query(locales):
    with CaptureQueriesContext(connection) as queries:
        page = pagination.get_page(locales, "2", 2)
        assert codes(page) == ["cc", "dd"]
        assert page.paginator.count == 5 and page.paginator.num_pages == 3
        assert page.has_previous() and page.has_next()
    assert len(queries.captured_queries) == 1


@pytest.mark.parametrize(
    ("number", "shown", "rows"),
    [(None, 1, ["aa", "bb"]), ("abc", 1, ["aa", "bb"]), ("9", 3, ["ee"]), ("0", 3, ["ee"])],
)
def test_bad_input_falls_back_as_django_does(locales, number, shown, rows):
    page = pagination.get_page(locales, number, 2)
    assert (page.number, codes(page)) == (shown, rows)


def test_an_empty_list_has_one_empty_page(locales):
    page = pagination.get_page(locales.none(), "3", 2)
    assert (page.number, codes(page), page.paginator.count) == (1, [], 0)
    assert not page.has_other_pages()


@pytest.mark.parametrize(("number", "shown"), [("2", ["cc", "dd"]), ("9", ["ee"])])
def test_rows_of_a_values_list_come_as_its_tuples(locales, number, shown):
    with CaptureQueriesContext(connection) as queries:
        page = pagination.get_page(locales.values_list("language_code", "pk"), number, 2)
        assert [code for code, _pk in page.object_list] == shown
        assert page.paginator.count == 5
    assert len(queries.captured_queries) == (1 if number == "2" else 3)
