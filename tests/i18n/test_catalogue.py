"""The Spanish catalogue is complete: every marked string has a reviewed translation, and
every template's visible text goes through a translation tag.

The msgids are extracted by GNU gettext (Django's makemessages), not by our code, so a
string marked in a template or module but missing from the committed catalogue fails here.
"""

import hashlib
import os
import re
import shutil
from pathlib import Path
from types import SimpleNamespace

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.commands import makemessages

from campaign.catalogues import compile_catalogues
from tests.i18n.template_text import template_files, untranslated_text
from tests.support import services

BASE = Path(settings.BASE_DIR)
CATALOGUE = BASE / "locale" / "es" / "LC_MESSAGES" / "django.po"
IGNORED = [".venv", "node_modules", "tests", "var", "media", "static", "docs", ".ci"]
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\w+\}")


def _keys(catalogue):
    return {(entry.msgctxt, entry.msgid) for entry in catalogue if not entry.obsolete}


def _gettext_missing():
    missing = [tool for tool in ("xgettext", "msgmerge", "msguniq") if not shutil.which(tool)]
    return f"GNU gettext tools not installed ({', '.join(missing)})" if missing else None


def _stamp(path):
    return path.stat().st_mtime_ns, hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def extraction(tmp_path_factory):
    """A fresh extraction of every marked string, as `makemessages` would write it, into a
    folder of its own; with the committed catalogue's stamp before and after."""
    reason = _gettext_missing()
    if reason:
        if services.in_ci():
            pytest.fail(f"CI must provide gettext: {reason}", pytrace=False)
        pytest.skip(reason)
    target = tmp_path_factory.mktemp("locale")
    (target / "es" / "LC_MESSAGES").mkdir(parents=True)
    # Only the header: every entry found in the copy afterwards was extracted into it.
    header = polib.POFile()
    header.metadata = polib.pofile(str(CATALOGUE)).metadata
    header.save(str(target / "es" / "LC_MESSAGES" / "django.po"))
    before = _stamp(CATALOGUE)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(settings, "LOCALE_PATHS", [target])
        call_command(
            ExtractInto(), locale=["es"], ignore_patterns=IGNORED, no_obsolete=True, verbosity=0
        )
    catalogue = polib.pofile(str(target / "es" / "LC_MESSAGES" / "django.po"))
    return SimpleNamespace(catalogue=catalogue, before=before, after=_stamp(CATALOGUE))


class ExtractInto(makemessages.Command):
    """makemessages that writes every string into the first of LOCALE_PATHS.

    The stock command files each source under the locale folder beside it, the project's
    own `locale/`, whatever LOCALE_PATHS says: the check would rewrite the committed
    catalogue (which parallel test workers read) instead of a copy.
    """

    def find_files(self, root):
        return [
            self.translatable_file_class(found.dirpath, found.file, self.default_locale_path)
            for found in super().find_files(root)
        ]


@pytest.fixture(scope="module")
def extracted(extraction):
    return extraction.catalogue


def test_the_extraction_leaves_the_committed_catalogue_alone(extraction):
    assert extraction.after == extraction.before
    # The control: the copy started with no entries, so the extraction went into it.
    assert len(extraction.catalogue) > 100


def test_every_marked_string_is_in_the_catalogue(extracted):
    committed = polib.pofile(str(CATALOGUE))
    missing = _keys(extracted) - _keys(committed)
    assert not missing, f"run makemessages and translate: {sorted(missing)[:20]}"


def test_the_catalogue_holds_nothing_no_longer_marked(extracted):
    committed = polib.pofile(str(CATALOGUE))
    gone = _keys(committed) - _keys(extracted)
    assert not gone, f"run makemessages --no-obsolete: {sorted(gone)[:20]}"


def test_every_entry_has_a_reviewed_translation():
    catalogue = polib.pofile(str(CATALOGUE))
    untranslated = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert not untranslated, f"{len(untranslated)} untranslated: {untranslated[:20]}"
    assert not fuzzy, f"{len(fuzzy)} marked fuzzy (review, then remove the flag): {fuzzy[:20]}"


def test_translations_keep_every_placeholder():
    catalogue = polib.pofile(str(CATALOGUE))
    wrong = []
    for entry in catalogue.translated_entries():
        forms = [entry.msgstr] if not entry.msgid_plural else list(entry.msgstr_plural.values())
        wanted = sorted(set(PLACEHOLDER.findall(entry.msgid)))
        if entry.msgid_plural:
            wanted = sorted(set(wanted) | set(PLACEHOLDER.findall(entry.msgid_plural)))
        for form in forms:
            got = sorted(set(PLACEHOLDER.findall(form)))
            # A singular may leave out the count ("una hora"); anything else must match.
            if not set(got) <= set(wanted) or (not entry.msgid_plural and got != wanted):
                wrong.append((entry.msgid, form))
    assert not wrong, wrong[:10]


def test_the_catalogue_compiles(tmp_path, settings):
    folder = tmp_path / "locale" / "es" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    shutil.copy(CATALOGUE, folder / "django.po")
    settings.LOCALE_PATHS = [tmp_path / "locale"]
    written = compile_catalogues()
    assert written == [folder / "django.mo"]
    compiled = polib.mofile(str(written[0]))
    assert len(compiled) == len(polib.pofile(str(CATALOGUE)).translated_entries())
    # Up to date: a second run writes nothing.
    assert compile_catalogues() == []


def test_a_recompile_replaces_the_file_whole(tmp_path, settings):
    """Parallel test workers (pytest-xdist) each compile at start: one must never read a
    catalogue another is halfway through writing. The new file takes the old one's name in
    one step, so a reader holds either the old file or the new one, never a torn one."""
    folder = tmp_path / "locale" / "es" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    shutil.copy(CATALOGUE, folder / "django.po")
    settings.LOCALE_PATHS = [tmp_path / "locale"]
    (mo_path,) = compile_catalogues()
    before = mo_path.read_bytes()
    with open(mo_path, "rb") as reader:
        assert compile_catalogues(force=True) == [mo_path]
        # Written in place, the open file would be this very file, truncated and rewritten.
        assert os.fstat(reader.fileno()).st_ino != mo_path.stat().st_ino
        assert reader.read() == before
    assert mo_path.read_bytes() == before
    assert sorted(path.name for path in folder.iterdir()) == ["django.mo", "django.po"]


@pytest.mark.parametrize(
    "path", list(template_files(BASE)), ids=lambda path: str(path.relative_to(BASE))
)
def test_no_template_shows_text_without_a_translation_tag(path):
    assert untranslated_text(path.read_text()) == []


def test_the_finder_sees_unmarked_text():
    """The control: the template check above can fail."""
    source = '{% load i18n %}<p>Hello there</p><img alt="A river"><p>{% translate "Fine" %}</p>'
    assert untranslated_text(source) == ["Hello there", "A river"]
    marked = "{% load i18n %}{% blocktranslate %}Hello {{ name }}{% endblocktranslate %}"
    assert untranslated_text(marked) == []
