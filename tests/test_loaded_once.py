"""Rows loaded once per module (tests/support/demo_once.py) are there for each of its tests,
and what one test writes never reaches the next."""

import pytest

from home.models import Author
from tests.support.demo_once import loaded_once


@pytest.fixture(scope="module")
def shared_author(django_db_setup, django_db_blocker):
    load = lambda: Author.objects.create(name="Shared for the module").pk  # noqa: E731
    with loaded_once(django_db_blocker, load) as pk:
        yield pk


def test_a_test_sees_the_shared_rows_and_may_change_them(shared_author, db):
    assert Author.objects.filter(pk=shared_author).exists()
    Author.objects.create(name="Written by the first test")
    Author.objects.filter(pk=shared_author).update(name="Renamed by the first test")


def test_the_next_test_finds_the_shared_rows_as_loaded(shared_author, db):
    assert list(Author.objects.values_list("name", flat=True)) == ["Shared for the module"]


def test_leaving_undoes_what_was_loaded(db, django_db_blocker):
    with loaded_once(django_db_blocker, lambda: Author.objects.create(name="Gone").pk) as pk:
        assert Author.objects.filter(pk=pk).exists()
    assert not Author.objects.filter(pk=pk).exists()


@pytest.mark.slow(reason="loads the demo (several seconds)")
@pytest.mark.django_db(transaction=True)
def test_the_demo_loads_after_a_transactional_test_emptied_the_tables(django_db_blocker, tmp_path):
    """SQLite loads a module's demo in a transaction on the test database, which a
    transactional test before it leaves flushed: without the rows migrations made (the
    locales, Wagtail's root page and collection), the demo must still load."""
    from wagtail.models import Collection, Locale, Page

    from home.models import HomePage
    from tests.support.demo_once import demo_in_rollback

    Page.objects.all().delete()
    Collection.objects.all().delete()
    Locale.objects.all().delete()

    with demo_in_rollback(django_db_blocker, tmp_path):
        assert HomePage.objects.live().exists()
