"""The volunteering admin before any campaign exists (test_roster_admin.py builds one for
all of its tests)."""

import pytest

from tests.events.bookings.helpers.admin import login, text

pytestmark = pytest.mark.django_db


def test_dashboard_panel_says_when_there_is_no_campaign(client, django_user_model):
    login(client, django_user_model, "editor")

    html = text(client.get("/admin/"))

    assert "No campaign is running or planned." in html
