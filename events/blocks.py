"""StreamField blocks for event and campaign bodies. Templates live in templates/components/."""

from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

BODY_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class EventHeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=120)

    class Meta:
        icon = "title"
        template = "components/event_heading_block.html"
        label = "Heading"


class EventImageBlock(blocks.StructBlock):
    image = ImageChooserBlock()
    alt_text = blocks.CharBlock(
        max_length=200,
        required=False,
        help_text="Describe the picture for people who cannot see it; leave empty if decorative.",
    )
    caption = blocks.CharBlock(max_length=200, required=False)

    class Meta:
        icon = "image"
        template = "components/event_image_block.html"
        label = "Image"


class EventBodyBlock(blocks.StreamBlock):
    heading = EventHeadingBlock()
    paragraph = blocks.RichTextBlock(features=BODY_TEXT_FEATURES, icon="pilcrow")
    image = EventImageBlock()
