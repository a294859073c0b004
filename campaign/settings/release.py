"""Which release of the code is running, as a short fingerprint for the cache's keys
(campaign/cache_keys.py): a deploy must not serve what older code drew.

``TAPESTRY_RELEASE`` names the release when the deployment knows it (a commit or a version
tag); otherwise it is worked out from the code itself, the same on every node that runs
the same files: the project's sources, templates, styles and translations, and the
versions of the installed packages (an upgrade of Wagtail changes markup too).
"""

import hashlib
import os
import sys
from pathlib import Path

from .env import env

# What shapes the pages the cache keeps, relative to the project's root.
SOURCE_FOLDERS = ("campaign", "events", "home", "templates", "locale")
# Made from the sources (bytecode, compiled catalogues) or the machine's own state.
SKIPPED_SUFFIXES = {".pyc", ".pyo", ".mo"}
SKIPPED_FOLDERS = {"__pycache__"}


def release(base_dir):
    """``TAPESTRY_RELEASE``, or a fingerprint of the code under ``base_dir``."""
    return env("TAPESTRY_RELEASE") or fingerprint(base_dir)


def fingerprint(base_dir, packages=None):
    """12 hex digits that change whenever a source file under ``base_dir`` or an
    installed package's version does. ``packages``: (name, version) pairs, the installed
    distributions when None."""
    base_dir = Path(base_dir)
    digest = hashlib.blake2b(digest_size=6)
    for path in _sources(base_dir):
        digest.update(path.relative_to(base_dir).as_posix().encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    for name, version in sorted(_installed() if packages is None else packages):
        digest.update(f"{name}=={version}\n".encode())
    return digest.hexdigest()


def _sources(base_dir):
    found = []
    for folder in SOURCE_FOLDERS:
        for root, folders, files in os.walk(base_dir / folder):
            folders[:] = [name for name in folders if name not in SKIPPED_FOLDERS]
            found.extend(
                Path(root, name) for name in files if Path(name).suffix not in SKIPPED_SUFFIXES
            )
    return sorted(found)


def _installed():
    """(name, version) of each installed distribution, read off the names of the
    ``*.dist-info`` folders on the import path (Name-Version.dist-info), which is quicker
    than parsing each one's metadata and says the same."""
    found = set()
    for entry in sys.path:
        if not entry or not os.path.isdir(entry):
            continue
        for name in os.listdir(entry):
            stem, suffix = os.path.splitext(name)
            if suffix in (".dist-info", ".egg-info") and "-" in stem:
                found.add(tuple(stem.split("-", 1)))
    return found
