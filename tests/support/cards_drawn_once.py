"""Share cards drawn once per test process for the same content, not once per test.

Every page view of a published event or story asks for its share card, and with each
test's database rolled back the card is never stored for the next test: the same default
event ("Calm breathing workshop", same date, same venue) was drawn again and again, about a
twentieth of the fast suite's time. Drawing is a pure function of what the content hash
covers (the share-card tests check both: identical content gives identical bytes, and any
change to a hashed field changes the hash), so the store's call to draw is answered from a
dictionary keyed on that hash.

Only the store's call is replaced: tests that call ``share_cards.render_card`` themselves
(rendering, contrast, golden images, determinism) draw every time.
"""

import dataclasses
from contextlib import contextmanager
from unittest import mock

from events.sharing.services import card_hashing, share_card_store, share_cards


class _DrawnOnce:
    """Stands in for the ``share_cards`` module inside the store."""

    def __init__(self):
        self.drawn = {}
        self.hits = 0

    def __getattr__(self, name):
        return getattr(share_cards, name)

    def render_card(self, content, layout="landscape", image_format="png"):
        key = card_hashing.content_hash(content, layout, image_format)
        if key in self.drawn:
            self.hits += 1
        else:
            drawn = share_cards.render_card(content, layout, image_format)
            # Kept without the undrawn card's pixels (a few MB each, read only by tests of
            # the drawing): the store reads the encoded bytes alone.
            self.drawn[key] = dataclasses.replace(drawn, backdrop=None)
        return self.drawn[key]


@contextmanager
def cards_drawn_once():
    memo = _DrawnOnce()
    with mock.patch.object(share_card_store, "share_cards", memo):
        yield memo
