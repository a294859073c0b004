"""Every public page of the demo is valid HTML, as html-validate (an independent validator,
installed with `npm ci` in tests/html) sees it: 0 errors.

The pages are rendered by Django's test client and written to a temporary folder (pages.py,
shared with the Nu checker's test_nu_validity.py), then checked in one run of the validator,
so a failure lists every page and rule at once.

.htmlvalidate.json is the recommended and document presets with three changes: trailing
spaces (template indentation, not markup) and subresource integrity (every asset is our
own) are not checked, and tick boxes of one group may share a name, as HTML intends.
"""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.support import services

HERE = Path(__file__).resolve().parent
VALIDATOR = HERE / "node_modules" / ".bin" / "html-validate"


def validator_missing_reason():
    if shutil.which("node") is None:
        return "node is not installed"
    if not VALIDATOR.exists():
        return "html-validate is not installed: run `npm ci` in tests/html"
    return None


@pytest.fixture
def validator():
    reason = validator_missing_reason()
    if reason:
        if services.in_ci():
            pytest.fail(f"CI must provide html-validate: {reason}", pytrace=False)
        pytest.skip(reason)
    return VALIDATOR


def test_every_public_page_is_valid_html(validator, rendered_pages, tmp_path):
    report_file = tmp_path / "report.json"
    result = subprocess.run(
        [
            str(validator),
            "--config",
            str(HERE / ".htmlvalidate.json"),
            "--formatter",
            f"json={report_file}",
            *(str(path) for path in rendered_pages),
        ],
        capture_output=True,
        text=True,
        cwd=HERE,
        timeout=300,
    )
    reports = json.loads(report_file.read_text() or "[]") if report_file.exists() else []
    problems = [
        f"{Path(report['filePath']).stem}:{message['line']}: {message['ruleId']}: "
        f"{message['message']}"
        for report in reports
        for message in report["messages"]
        if message["severity"] == 2
    ]
    assert problems == [], f"{len(problems)} HTML errors:\n" + "\n".join(problems)
    assert result.returncode == 0, result.stderr


def test_titles_keep_the_page_name_and_drop_the_site_name_when_long():
    from home.templatetags.page_meta_tags import with_site_name

    assert with_site_name("Stories", "Riverside") == "Stories · Riverside"
    long = "Why community matters in mental-health recovery"
    assert with_site_name(long, "Riverside Recovery Network") == long
    assert len(with_site_name("x" * 90, "Riverside")) == 70
