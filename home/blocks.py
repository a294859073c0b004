"""StreamField blocks for stories and advocacy articles.

Every StructBlock has an icon and a template under templates/components/. Headings,
images and the outline rule are shared with event pages, so they live in events.calendar.blocks.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock

from events.calendar.blocks import (
    BODY_RICH_TEXT_FEATURES,
    HeadingBlock,
    ImageBlock,
    OutlinedStreamBlock,
)


class KeyPointsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(
        required=False,
        max_length=120,
        help_text=_("Optional, e.g. 'In short'. Shown as a label, not a page heading."),
    )
    points = blocks.ListBlock(blocks.CharBlock(max_length=240), min_num=1)

    class Meta:
        icon = "list-ul"
        template = "components/blocks/key_points.html"
        label = "Key points"


class PullQuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(max_length=400)
    attribution = blocks.CharBlock(required=False, max_length=120)

    class Meta:
        icon = "openquote"
        template = "components/blocks/pull_quote.html"
        label = "Pull quote"


class MediaEmbedBlock(blocks.StructBlock):
    """A video or audio from another site, shown only after the reader asks for it."""

    embed = EmbedBlock(help_text=_("A link to a video or audio, e.g. from a video site."))
    title = blocks.CharBlock(
        max_length=160,
        help_text=_("What the media is, for the button and for people who cannot play it."),
    )
    transcript = blocks.TextBlock(required=False, help_text=_("Optional, recommended."))

    class Meta:
        icon = "media"
        template = "components/blocks/embed.html"
        label = "Embedded media"


class ResourceCardBlock(blocks.StructBlock):
    name = blocks.CharBlock(max_length=120)
    url = blocks.URLBlock(label=_("Web address"))
    description = blocks.CharBlock(
        max_length=200, help_text=_("One line: who it is for and what they offer.")
    )
    phone = blocks.CharBlock(required=False, max_length=40, help_text=_("Optional."))

    class Meta:
        icon = "link-external"
        template = "components/blocks/resource_card.html"
        label = "Resource organisation"


class CallToActionBlock(blocks.StructBlock):
    page = blocks.PageChooserBlock(help_text=_("A campaign, event or volunteer shift page."))
    label = blocks.CharBlock(max_length=80, help_text=_("The link text, e.g. 'Join a walk'."))
    text = blocks.TextBlock(required=False, max_length=300)

    class Meta:
        icon = "pick"
        template = "components/blocks/call_to_action.html"
        label = "Call to action"


class StoryBodyBlock(OutlinedStreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        features=BODY_RICH_TEXT_FEATURES, template="components/blocks/paragraph.html"
    )
    key_points = KeyPointsBlock()
    pull_quote = PullQuoteBlock()
    image = ImageBlock()
    embed = MediaEmbedBlock()
    resource = ResourceCardBlock()
    call_to_action = CallToActionBlock()

    class Meta:
        template = "components/blocks/story_body.html"
