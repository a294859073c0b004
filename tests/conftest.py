import gc

import pytest

from tests.support import (
    cards_drawn_once,
    classify,
    db_creation,
    demo_template,
    early_template,
    heavy_first,
    indexing,
    query_census,
    redis_server,
    renditions_made_once,
    services,
    slow_report,
    template_db,
)
from tests.support.demo_once import demo_in_rollback


@pytest.fixture(scope="session", autouse=True)
def compiled_translations():
    """The Spanish catalogue, compiled as `make run` does (the .mo files are not in git)."""
    from campaign.catalogues import compile_catalogues

    compile_catalogues()


def _require(item, reason):
    if reason is None:
        return
    if services.in_ci():
        pytest.fail(f"CI must provide this service: {reason}", pytrace=False)
    pytest.skip(reason)


def pytest_addoption(parser):
    slow_report.add_option(parser)
    query_census.add_option(parser)


def pytest_configure(config):
    slow_report.register(config)
    heavy_first.register(config)
    early_template.register(config)
    query_census.register(config)
    # Each test makes and drops many short-lived objects (querysets, template contexts):
    # a larger first generation lets the collector run less often. Measured on the fast
    # tests of tests/events/calendar and opendata, alternating: 3-7% less CPU.
    gc.set_threshold(10_000, 50, 100)


def pytest_collection_finish(session):
    """What collection loaded (modules, Django's apps and URLs) lives as long as the run:
    frozen, the collector stops walking it on every full collection."""
    gc.collect()
    gc.freeze()


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    """Mark `serial` and `slow` by nature (tests/support/classify.py) before `-m`
    deselects anything (pytest's own hook runs after this), and put the heaviest files first
    (tests/support/heavy_first.py) before pytest-django sorts the tests by kind."""
    classify.classify(items, lambda name: getattr(pytest.mark, name))
    heavy_first.reorder(config, items)


def pytest_runtest_setup(item):
    db_creation.test_starting(item.nodeid)
    if item.get_closest_marker("postgres"):
        _require(item, services.postgres_missing_reason())
    if item.get_closest_marker("redis"):
        _require(item, services.redis_missing_reason())
    if item.get_closest_marker("redis_server"):
        _require(item, redis_server.binary_missing_reason())


@pytest.fixture(autouse=True)
def _empty_cache():
    """The locmem cache outlives each test's database: a value cached by one test (story
    cards, say) must not reach the next, whose pages may reuse the same ids."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(scope="session", autouse=True)
def _cards_drawn_once():
    """The store draws a share card once per content for the whole run, not once per test
    (tests/support/cards_drawn_once.py)."""
    with cards_drawn_once.cards_drawn_once() as memo:
        yield memo


@pytest.fixture(scope="session", autouse=True)
def _renditions_made_once():
    """Wagtail makes each rendition's pixels once per picture and filter for the whole run,
    not once per test (tests/support/renditions_made_once.py)."""
    with renditions_made_once.renditions_made_once() as memo:
        yield memo


@pytest.fixture(autouse=True)
def _index_updates_when_read():
    """Search and reference-index updates wait until the test reads an index, while it runs
    in a transaction rolled back afterwards (tests/support/indexing.py): most never do."""
    with indexing.deferred_in_rolled_back_tests():
        yield


# Tests that commit rows: the factories' site is checked in full after them.
COMMITTING_FIXTURES = {
    "transactional_db",
    "live_server",
    "django_db_reset_sequences",
    "django_db_serialized_rollback",
}


@pytest.fixture(autouse=True)
def _site_checked_once_per_module(request):
    """The factories' site is checked in full once per module (tests/events/factories.py)
    and again after a test that commits (and then empties) the database."""
    from tests.events.factories import checking_site_for, forget_site

    checking_site_for(request.node.nodeid.split("::")[0])
    yield
    marker = request.node.get_closest_marker("django_db")
    if COMMITTING_FIXTURES.intersection(request.fixturenames) or (
        marker is not None and marker.kwargs.get("transaction")
    ):
        forget_site()


@pytest.fixture(autouse=True)
def _fresh_organisation_name():
    """The organisation's name is cached per process; each test's database starts anew."""
    from campaign import organisation

    organisation.forget()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, request):
    """Each test database starts with the published home page and "What's on" index that
    most tests build on (tests/events/factories.site_with_index). Built once per database
    and committed; each test's writes are still undone after it. A transactional test
    empties every table afterwards; the builders put the tree back when they find none.
    The time from the template to here is the process's database setup
    (tests/support/db_creation.py)."""
    from tests.events.factories import site_with_index

    with django_db_blocker.unblock():
        site_with_index()
    db_creation.creation_finished(request.config)


@pytest.fixture(scope="session")
def django_db_modify_db_settings(
    django_db_modify_db_settings_parallel_suffix, django_db_use_migrations, django_db_blocker
):
    """The test database is a copy of a migrated template (see tests/support/template_db.py)."""
    db_creation.creation_started()
    if django_db_use_migrations:
        with django_db_blocker.unblock():
            return template_db.use_migrated_template()
    return None


@pytest.fixture(scope="session")
def django_db_keepdb(request, django_db_modify_db_settings):
    """Django keeps (and does not migrate again) a SQLite test database that is a fresh
    copy of the migrated template; ``--reuse-db`` keeps any, as pytest-django does."""
    from django.db import connection

    copied = connection.vendor == "sqlite" and django_db_modify_db_settings is not None
    return bool(request.config.getvalue("reuse_db")) or copied


def _migrated_template():
    """The migrated template the test database was copied from (PostgreSQL), else None:
    the demo template is made from it."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return None
    return (connection.settings_dict.get("TEST") or {}).get("TEMPLATE")


@pytest.fixture(scope="module")
def demo_for_module(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo for this module; yields its media folder.

    On PostgreSQL the module gets its own copy of a database with the demo loaded, made
    from a template built once per change of the demo's sources (tests/support/
    demo_template.py). Elsewhere (SQLite, or without migrations) the demo is loaded in a
    transaction rolled back after the module (tests/support/demo_once.py). Either way each
    test's writes are undone before the next test.

    A test takes it through its own function-scoped fixture that also asks for ``db`` and
    points MEDIA_ROOT at the folder, as tests/campaign/conftest.py's ``demo`` does, or
    through ``demo_content`` below.
    """
    media = tmp_path_factory.mktemp("demo-media")
    migrated = _migrated_template()
    if migrated:
        with demo_template.module_copy(django_db_blocker, migrated, media):
            yield media
    else:
        with demo_in_rollback(django_db_blocker, media):
            yield media


@pytest.fixture
def demo_content(demo_for_module, db, settings):
    """The demo in the database for this test (writes undone after it); its media folder."""
    from django.core.cache import cache

    settings.MEDIA_ROOT = demo_for_module
    cache.clear()
    return demo_for_module


@pytest.fixture
def demo_committed(transactional_db, django_db_blocker, tmp_path):
    """The demo committed, for a test whose rows another thread or process reads (a live
    server). On PostgreSQL the test gets a copy of the demo template of its own, dropped
    afterwards; elsewhere the demo is loaded into the test database, which the
    transactional teardown empties. Yields the demo's media folder."""
    import io

    from django.conf import settings
    from django.core.management import call_command

    from tests.support.wagtail_tree import ensure_base_tree

    migrated = _migrated_template()
    if migrated:
        media = tmp_path / "demo-media"
        with demo_template.module_copy(django_db_blocker, migrated, media):
            yield media
    else:
        ensure_base_tree()
        call_command("load_demo", stdout=io.StringIO())
        yield settings.MEDIA_ROOT


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """`--dist loadfile` keeps the serial order on each worker (tests/support/xdist_order.py)."""
    if config.getvalue("dist") != "loadfile":
        return None
    from tests.support.xdist_order import SortedFileScheduling

    return SortedFileScheduling(config, log)
