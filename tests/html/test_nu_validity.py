"""Every public page of the demo is valid HTML as the Nu HTML checker (vnu, the W3C
validator's engine, installed with `npm ci` in tests/html and run with Java) sees it: 0 errors.

The same files as html-validate's test (pages.py) are checked in one run of the checker, so a
failure lists every page and message at once. Warnings are not failures.
"""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.support import services

HERE = Path(__file__).resolve().parent
VNU_JAR = HERE / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# Where vnu-jar's install script puts a Java runtime when the machine has none.
DOWNLOADED_JAVA = HERE / "node_modules" / ".cache" / "vnu-jar" / "java"


def java():
    found = shutil.which("java")
    if found:
        return found
    return next((str(path) for path in DOWNLOADED_JAVA.glob("*/bin/java")), None)


def checker_missing_reason():
    if java() is None:
        return "java is not installed (the Nu checker needs Java 11 or later)"
    if not VNU_JAR.exists():
        return "vnu-jar is not installed: run `npm ci` in tests/html"
    return None


@pytest.fixture
def nu_checker():
    reason = checker_missing_reason()
    if reason:
        if services.in_ci():
            pytest.fail(f"CI must provide the Nu HTML checker: {reason}", pytrace=False)
        pytest.skip(reason)
    return [java(), "-Xss4m", "-jar", str(VNU_JAR)]


def nu_messages(checker, files):
    result = subprocess.run(
        [*checker, "--format", "json", "--stdout", "--exit-zero-always", *map(str, files)],
        capture_output=True,
        text=True,
        cwd=HERE,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)["messages"]


def test_every_public_page_passes_the_nu_checker(nu_checker, rendered_pages):
    messages = nu_messages(nu_checker, rendered_pages)
    problems = [
        f"{Path(message.get('url', '?')).stem}:{message.get('lastLine', '?')}: {message['message']}"
        for message in messages
        if message["type"] in ("error", "non-document-error")
    ]
    assert problems == [], f"{len(problems)} Nu checker errors:\n" + "\n".join(problems)
