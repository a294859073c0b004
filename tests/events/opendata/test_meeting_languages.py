"""/meetings.json: an event's language tag becomes the spec's language type."""

import pytest

from events.opendata.services.meeting_types import LANGUAGE_CODES, language_type
from tests.events.opendata.conftest import support_group
from tests.events.opendata.spec_check import RESERVED_TYPES

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("tag", "expected"),
    [
        ("en", "EN"),
        ("en-GB", "EN"),
        ("es", "S"),
        ("es-MX", "S"),
        ("pl", "POL"),
        ("ase", "ASL"),
        ("bfi", None),  # British Sign Language: no type in the spec
        ("cy", None),
    ],
)
def test_language_tags_become_types(tag, expected):
    assert language_type(tag) == expected


def test_every_language_type_is_reserved_in_the_spec():
    assert set(LANGUAGE_CODES.values()) <= RESERVED_TYPES


def test_the_feed_gives_each_group_its_language_type(get_feed):
    support_group(slug="english")
    support_group(slug="spanish", title="Grupo de apoyo", language="es-MX")
    support_group(slug="signed", title="Signed group", language="ase")
    support_group(slug="bsl", title="BSL group", language="bfi")

    types = {entry["name"]: entry["types"] for entry in get_feed()}

    assert "EN" in types["Tuesday peer support group"]
    assert "S" in types["Grupo de apoyo"] and "EN" not in types["Grupo de apoyo"]
    assert "ASL" in types["Signed group"]
    assert not {"EN", "S", "ASL"} & set(types["BSL group"])
