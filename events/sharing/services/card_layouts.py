"""The kinds of share card: link preview (landscape), square post and full-screen story."""

from dataclasses import dataclass


@dataclass(frozen=True)
class CardLayout:
    """Size and proportions of one kind of card. All lengths in pixels."""

    name: str
    width: int
    height: int
    # left, top, right, bottom: where text and logo may go. Story layouts keep clear of the
    # bars that apps draw over the top and bottom of a full-screen story.
    safe_area: tuple[int, int, int, int]
    title_max: int
    title_min: int
    label_size: int
    meta_size: int
    footer_size: int
    logo_height: int
    gap: int
    accent_bar: int

    @property
    def size(self):
        return (self.width, self.height)


LANDSCAPE = CardLayout(
    name="landscape",
    width=1200,
    height=630,
    safe_area=(64, 52, 1136, 570),
    title_max=72,
    title_min=30,
    label_size=24,
    meta_size=28,
    footer_size=24,
    logo_height=56,
    gap=20,
    accent_bar=12,
)
SQUARE = CardLayout(
    name="square",
    width=1080,
    height=1080,
    safe_area=(80, 80, 1000, 1000),
    title_max=100,
    title_min=36,
    label_size=30,
    meta_size=34,
    footer_size=30,
    logo_height=80,
    gap=28,
    accent_bar=16,
)
STORY = CardLayout(
    name="story",
    width=1080,
    height=1920,
    safe_area=(80, 260, 1000, 1560),
    title_max=116,
    title_min=40,
    label_size=34,
    meta_size=40,
    footer_size=34,
    logo_height=96,
    gap=32,
    accent_bar=20,
)
LAYOUTS = {layout.name: layout for layout in (LANDSCAPE, SQUARE, STORY)}


def get_layout(layout):
    if isinstance(layout, CardLayout):
        return layout
    try:
        return LAYOUTS[layout]
    except KeyError:
        raise ValueError(f"unknown card layout {layout!r}; use one of {sorted(LAYOUTS)}") from None
