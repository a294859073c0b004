"""The demo template (tests/support/demo_template.py): what its fingerprint covers, and that
each module gets a copy of its own that is dropped afterwards."""

import importlib
import sys
from datetime import date
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from wagtail.models import Site

from tests.support import demo_template

MIGRATIONS = "0123456789ab"


def _tree(root):
    for relative, text in {
        "events/management/commands/load_demo.py": "LOAD = 1\n",
        "events/demo/programme.py": "EVENTS = ['walk']\n",
        "home/demo/site.py": "NAME = 'Tapestry'\n",
        "campaign/demo_loading.py": "def differs(): ...\n",
        "locale/es/LC_MESSAGES/django.po": 'msgid "Walk"\nmsgstr "Paseo"\n',
        "templates/base.html": "<html></html>\n",
        "tests/test_other.py": "def test(): ...\n",
    }.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


@pytest.mark.parametrize(
    "source",
    [
        "events/management/commands/load_demo.py",
        "events/demo/programme.py",
        "home/demo/site.py",
        "campaign/demo_loading.py",
        "locale/es/LC_MESSAGES/django.po",
    ],
)
def test_the_fingerprint_changes_with_each_demo_source(tmp_path, source):
    _tree(tmp_path)
    before = demo_template.fingerprint(MIGRATIONS, root=tmp_path)
    with (tmp_path / source).open("a") as file:
        file.write("# changed\n")
    assert demo_template.fingerprint(MIGRATIONS, root=tmp_path) != before


def test_the_fingerprint_changes_with_the_migrations_and_a_setting_the_loader_reads(
    tmp_path, settings
):
    _tree(tmp_path)
    before = demo_template.fingerprint(MIGRATIONS, root=tmp_path)
    assert demo_template.fingerprint("ba9876543210", root=tmp_path) != before
    settings.TAPESTRY_RETENTION_DAYS += 1
    assert demo_template.fingerprint(MIGRATIONS, root=tmp_path) != before


def test_the_fingerprint_changes_with_the_day(tmp_path):
    """The loader stamps rows with the time it ran: a template of yesterday is rebuilt."""
    _tree(tmp_path)
    today = demo_template.fingerprint(MIGRATIONS, root=tmp_path, day=date(2027, 5, 1))
    assert demo_template.fingerprint(MIGRATIONS, root=tmp_path, day=date(2027, 5, 2)) != today


def test_html_templates_and_tests_leave_the_fingerprint_alone(tmp_path):
    _tree(tmp_path)
    before = demo_template.fingerprint(MIGRATIONS, root=tmp_path)
    (tmp_path / "templates/base.html").write_text("<html lang=en></html>\n")
    (tmp_path / "tests/test_other.py").write_text("def test_more(): ...\n")
    assert demo_template.fingerprint(MIGRATIONS, root=tmp_path) == before


def test_every_project_module_the_loader_imports_is_fingerprinted():
    importlib.import_module("events.management.commands.load_demo")
    root = Path(settings.BASE_DIR).resolve()
    hashed = {path.resolve() for path in demo_template.source_files(root)}
    used = {
        Path(module.__file__).resolve()
        for module in list(sys.modules.values())
        if getattr(module, "__file__", None)
        and Path(module.__file__).resolve().is_relative_to(root)
        and not Path(module.__file__).resolve().is_relative_to(root / "tests")
        and not Path(module.__file__).resolve().is_relative_to(root / ".venv")
    }
    assert used, "the loader's modules were not found"
    assert used <= hashed, sorted(str(path) for path in used - hashed)


def _databases():
    with connection._nodb_cursor() as cursor:
        cursor.execute("SELECT datname FROM pg_database")
        return {name for (name,) in cursor.fetchall()}


@pytest.fixture
def migrated(django_db_setup):
    """The migrated template's name. ``django_db_setup`` without ``db``: the test database
    is made even when no other selected test needs it, and no transaction is open around
    the test, as between two modules (where ``demo_for_module`` makes its copy). Nothing is
    written to the test database itself, so there is nothing to empty afterwards."""
    if connection.vendor != "postgresql":
        pytest.skip("the demo template is made on PostgreSQL only")
    assert connection.settings_dict["NAME"].startswith("test_")
    return connection.settings_dict["TEST"]["TEMPLATE"]


@pytest.mark.postgres
def test_two_modules_get_independent_copies_that_are_dropped(migrated, django_db_blocker, tmp_path):
    own = connection.settings_dict["NAME"]

    with demo_template.module_copy(django_db_blocker, migrated, tmp_path / "one") as first:
        with django_db_blocker.unblock():
            assert connection.settings_dict["NAME"] == first != own
            site = Site.objects.get(is_default_site=True)
            demo_name = site.site_name
            # Committed: the connection is in autocommit here, outside any test transaction.
            Site.objects.filter(pk=site.pk).update(site_name="Written by module one")
        assert any((tmp_path / "one").rglob("*.*")), "the demo's pictures were not copied"

    with django_db_blocker.unblock():
        assert connection.settings_dict["NAME"] == settings.DATABASES["default"]["NAME"] == own
        assert first not in _databases()

    with (
        demo_template.module_copy(django_db_blocker, migrated, tmp_path / "two") as second,
        django_db_blocker.unblock(),
    ):
        assert second != first
        assert Site.objects.get(is_default_site=True).site_name == demo_name

    with django_db_blocker.unblock():
        assert second not in _databases()


@pytest.mark.postgres
def test_the_copy_is_dropped_when_the_module_fails(migrated, django_db_blocker, tmp_path):
    with (
        pytest.raises(RuntimeError),
        demo_template.module_copy(django_db_blocker, migrated, tmp_path) as name,
    ):
        raise RuntimeError("a module's setup failed")
    with django_db_blocker.unblock():
        assert name not in _databases()
        assert connection.settings_dict["NAME"] != name


@pytest.mark.postgres
def test_a_module_using_the_demo_talks_to_its_copy(demo_content):
    if connection.vendor != "postgresql":
        pytest.skip("the demo template is made on PostgreSQL only")
    assert "_demo" in connection.settings_dict["NAME"]
    assert Site.objects.get(is_default_site=True).root_page.get_children().live().exists()
    assert demo_content == settings.MEDIA_ROOT
