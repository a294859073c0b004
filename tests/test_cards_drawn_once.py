"""The store's drawing is shared across the run's tests (tests/support/cards_drawn_once.py):
the same content gives the same bytes a fresh drawing would, and nothing else is shared."""

import pytest

from events.sharing.models import ShareCard
from events.sharing.services import share_card_store, share_cards
from tests.events import factories


@pytest.mark.django_db
def test_a_card_drawn_again_for_the_same_content_comes_from_the_memo(_cards_drawn_once):
    page = factories.event(title="Lantern walk")
    first = share_card_store.get_or_render(page, "landscape")
    stored = first.image.read()
    hits = _cards_drawn_once.hits

    # As the next test would find it: no card stored for this content.
    ShareCard.objects.all().delete()
    again = share_card_store.get_or_render(page, "landscape")

    assert _cards_drawn_once.hits == hits + 1
    assert again.image.read() == stored
    drawn = share_cards.render_card(page.share_card_content("landscape"), "landscape")
    assert drawn.image_bytes == stored


@pytest.mark.django_db
def test_new_content_is_drawn_and_direct_calls_are_never_shared(_cards_drawn_once):
    page = factories.event(title="A title no other test uses")
    hits = _cards_drawn_once.hits
    share_card_store.get_or_render(page, "landscape")
    assert _cards_drawn_once.hits == hits

    # Tests of the drawing itself call the module and draw every time.
    assert share_cards.render_card.__module__ == share_cards.__name__
    content = page.share_card_content("landscape")
    assert share_cards.render_card(content) is not share_cards.render_card(content)
