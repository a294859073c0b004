"""`make run` (DEBUG) shows the site's own 404 page for a mistyped address; Django's debug
page is one environment variable away (TAPESTRY_DEBUG_404=1)."""

import pytest

DESIGNED = "We couldn"
TECHNICAL = "Django tried these URL patterns"
NAME = "campaign.middleware.DesignedNotFoundMiddleware"


def test_development_settings_turn_the_designed_404_on_unless_asked_not_to(dev_setting):
    assert NAME in dev_setting("MIDDLEWARE")
    assert NAME not in dev_setting("MIDDLEWARE", TAPESTRY_DEBUG_404="1")


@pytest.mark.django_db
@pytest.mark.parametrize("designed", [True, False])
def test_debug_shows_the_designed_404_for_a_mistyped_address(client, settings, designed):
    settings.DEBUG = True
    if designed:
        settings.MIDDLEWARE = [
            *settings.MIDDLEWARE,
            "campaign.middleware.DesignedNotFoundMiddleware",
        ]

    response = client.get("/no-such-page/")

    assert response.status_code == 404
    html = response.content.decode()
    if designed:
        assert DESIGNED in html and TECHNICAL not in html
    else:  # the control: without it, Django's debug page
        assert TECHNICAL in html or "Raised by:" in html
