"""Where each piece of a share card's text goes (before any colour is chosen): the footer
and the when/where lines along the bottom, the title above them at the largest size that
fits, and the kind label in a pill on top."""

from dataclasses import dataclass

from events.sharing.services import card_text
from events.sharing.services.card_types import hashtag_text


@dataclass
class Piece:
    """A run of text placed on the card before colours are known."""

    role: str
    lines: tuple[str, ...]
    font_name: str
    size: int
    line_height: int
    x: int
    y: int
    on_pill: bool = False

    def placed_lines(self):
        """``(origin, line)`` for each line; a glyph whose ink starts left of its origin
        (a negative bearing, as on "T" or "J") is nudged right so it stays in the box."""
        font = card_text.load_font(self.font_name, self.size)
        for index, line in enumerate(self.lines):
            if not line:
                continue
            nudge = max(0, -font.getbbox(line)[0])
            yield (self.x + nudge, self.y + index * self.line_height), line


def layout_pieces(content, layout, has_logo):
    """Place every piece of text; returns pieces, the pill rectangle and the group top."""
    left, top, right, bottom = layout.safe_area
    width = right - left
    gap = layout.gap
    pieces = []

    # Footer: "Campaign · #hashtag" on one line along the bottom of the safe area.
    footer_parts = [
        card_text.drawable_text(content.campaign, card_text.BOLD),
        hashtag_text(content.hashtag),
    ]
    footer_text = "  \u00b7  ".join(part for part in footer_parts if part)
    footer_font = card_text.load_font(card_text.BOLD, layout.footer_size)
    footer_line_height = card_text.line_height_for(footer_font, 1.2)
    cursor = bottom
    if footer_text:
        footer_text = card_text.fit_single_line(
            footer_text, card_text.BOLD, layout.footer_size, width
        )
        cursor -= footer_line_height
        pieces.append(
            Piece("footer", (footer_text,), card_text.BOLD, layout.footer_size,
                   footer_line_height, left, cursor)
        )  # fmt: skip
        cursor -= gap * 2

    # When and where, one line each, above the footer.
    meta_font = card_text.load_font(card_text.REGULAR, layout.meta_size)
    meta_line_height = card_text.line_height_for(meta_font, 1.25)
    meta_lines = [
        card_text.fit_single_line(text, card_text.REGULAR, layout.meta_size, width)
        for text in (
            card_text.drawable_text(content.when, card_text.REGULAR),
            card_text.drawable_text(content.where, card_text.REGULAR),
        )
        if text
    ]
    if meta_lines:
        cursor -= meta_line_height * len(meta_lines)
        pieces.append(
            Piece("meta", tuple(meta_lines), card_text.REGULAR, layout.meta_size,
                   meta_line_height, left, cursor)
        )  # fmt: skip
        cursor -= gap

    # The kind label sits in a pill above the title.
    label = card_text.drawable_text(content.kind, card_text.BOLD)
    label_font = card_text.load_font(card_text.BOLD, layout.label_size)
    label_line_height = card_text.line_height_for(label_font, 1.0)
    pill_pad_x, pill_pad_y = round(layout.label_size * 0.6), round(layout.label_size * 0.35)
    pill_height = label_line_height + 2 * pill_pad_y if label else 0
    if label:
        label = card_text.fit_single_line(
            label, card_text.BOLD, layout.label_size, width - 2 * pill_pad_x
        )

    # The title takes whatever height is left between the logo (or the top) and the rest.
    title_top_limit = top + (layout.logo_height + gap if has_logo else 0)
    title_bottom = cursor
    title_box_height = title_bottom - title_top_limit - (pill_height + gap if label else 0)
    title = card_text.drawable_text(content.title, card_text.BOLD)
    group_top = title_bottom
    if title:
        fitted = card_text.fit_text(
            title, card_text.BOLD, width, title_box_height, layout.title_max, layout.title_min
        )
        title_y = title_bottom - fitted.height
        pieces.append(
            Piece("title", fitted.lines, card_text.BOLD, fitted.size, fitted.line_height,
                   left, title_y)
        )  # fmt: skip
        group_top = title_y
        truncated = fitted.truncated
    else:
        truncated = False

    pill = None
    if label:
        pill_top = group_top - gap - pill_height
        pill_width = card_text.text_width(label_font, label) + 2 * pill_pad_x
        pill = (left, pill_top, left + pill_width, pill_top + pill_height)
        pieces.append(
            Piece("kind", (label,), card_text.BOLD, layout.label_size, label_line_height,
                   left + pill_pad_x, pill_top + pill_pad_y, on_pill=True)
        )  # fmt: skip
        group_top = pill_top
    return pieces, pill, group_top, truncated
