"""A failed form in a real browser: focus lands on the error summary, the title says
"Error:", and the field in error has the thick red border (the cascade once hid it)."""

import pytest
from django.urls import reverse

from tests.support.wagtail_tree import ensure_base_tree


@pytest.mark.django_db(transaction=True)
def test_a_failed_form_moves_focus_to_the_summary_and_marks_the_field(live_server, page):
    ensure_base_tree()
    page.goto(live_server.url + reverse("events:resend_links"))
    plain_width = page.eval_on_selector("#id_email", "e => getComputedStyle(e).borderTopWidth")

    page.get_by_role("button", name="Send me my links").click()
    page.wait_for_selector(".field__error")

    assert page.title().startswith("Error: ")
    assert page.evaluate("document.activeElement.id") == "form-errors"
    style = page.eval_on_selector(
        "#id_email", "e => [getComputedStyle(e).borderTopWidth, getComputedStyle(e).borderTopColor]"
    )
    assert style == ["3px", "rgb(164, 38, 44)"], (plain_width, style)
