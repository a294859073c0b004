"""A translated event's shift rows are copies nothing reads (seats come from the source):
its admin form shows no inputs for them, but says where the real ones are edited."""

import pytest
from django.contrib.auth import get_user_model

from events.models import EventShift, Shift
from tests.events.calendar.helpers import form
from tests.events.translations import translated_fair
from tests.support.demo_once import fresh, module_rows

pytestmark = pytest.mark.django_db

EXPLANATION = "This page is a translation: its volunteer shifts"


# The event with a shift and its Spanish translation, built once for the module: each test
# reads its own copies and its writes (a saved draft) are undone.
fair_rows = module_rows(translated_fair)


@pytest.fixture
def fair(fair_rows, db):
    rows = fresh(fair_rows)
    return rows["event"], rows["spanish"]


@pytest.fixture
def editor(client):
    user = get_user_model().objects.create_superuser("editor", "", "pw-123456789")
    client.force_login(user)
    return client


def test_a_translations_form_explains_instead_of_showing_shift_inputs(editor, fair):
    event, spanish = fair
    assert EventShift.objects.filter(event=spanish).exists(), "the copy has shift rows"

    body = editor.get(f"/admin/pages/{spanish.pk}/edit/").content.decode()

    assert 'name="shifts-TOTAL_FORMS"' not in body
    assert 'name="shifts-0-role"' not in body
    assert 'name="volunteers_may_overlap"' not in body
    assert 'name="reminder_hours"' not in body
    assert EXPLANATION in body
    assert f'href="/admin/pages/{event.pk}/edit/"' in body


def test_the_source_pages_form_is_unchanged(editor, fair):
    event, _spanish = fair

    body = editor.get(f"/admin/pages/{event.pk}/edit/").content.decode()

    assert 'name="shifts-TOTAL_FORMS"' in body
    assert 'name="shifts-0-role"' in body and 'value="Welcome desk"' in body
    assert 'name="volunteers_may_overlap"' in body
    assert EXPLANATION not in body


def test_a_translation_saves_without_shift_inputs_and_keeps_its_copies(editor, fair):
    _event, spanish = fair
    data = form(title="Feria de bienestar otoñal", slug="feria-de-bienestar")
    data = {k: v for k, v in data.items() if not k.startswith(("shifts-", "reminder_hours"))}
    data.pop("action-publish")

    response = editor.post(f"/admin/pages/{spanish.pk}/edit/", data)

    assert response.status_code == 302, response.content.decode()[:2000]
    spanish.refresh_from_db()
    assert spanish.draft_title == "Feria de bienestar otoñal"
    assert spanish.get_latest_revision_as_object().shifts.count() == 1
    assert Shift.objects.count() == 1
