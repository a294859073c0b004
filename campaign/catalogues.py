"""Compiles the translation catalogues (.po -> .mo) without GNU gettext.

The compiled files are build output, so git ignores them; `make run`, the test suite and a
deployment compile them (`manage.py compile_translations`). polib comes with
wagtail-localize, so a bare machine needs no gettext tools.
"""

import os
from pathlib import Path

import polib
from django.conf import settings


def catalogues():
    for folder in settings.LOCALE_PATHS:
        yield from sorted(Path(folder).glob("*/LC_MESSAGES/*.po"))


def compile_catalogues(force=False):
    """Write each .mo next to its .po when missing or older; return the paths written."""
    written = []
    for po_path in catalogues():
        mo_path = po_path.with_suffix(".mo")
        if not force and mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        catalogue = polib.pofile(str(po_path))
        # Like msgfmt: fuzzy entries are guesses waiting for review, never shown.
        for entry in catalogue.fuzzy_entries():
            catalogue.remove(entry)
        # Written beside it, then renamed over it in one step: a process reading the
        # catalogue meanwhile (a parallel test worker, a running site) never sees half a file.
        partial = mo_path.with_name(f"{mo_path.name}.{os.getpid()}.partial")
        try:
            catalogue.save_as_mofile(str(partial))
            os.replace(partial, mo_path)
        finally:
            partial.unlink(missing_ok=True)
        written.append(mo_path)
    return written
