"""StreamField blocks for stories and advocacy articles.

Every StructBlock has an icon and a template under templates/components/. Headings and
images are blocks (not rich text features) so that the page outline and alt text can be
validated here.
"""

from django.core.exceptions import ValidationError
from django.forms.utils import ErrorList
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

# Paragraph text: emphasis, links and lists. Headings, images and embeds are blocks.
BODY_RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=120)
    level = blocks.ChoiceBlock(
        choices=[("h2", "Section heading (h2)"), ("h3", "Sub-heading (h3)")],
        default="h2",
        help_text="A sub-heading (h3) must follow a section heading (h2).",
    )

    class Meta:
        icon = "title"
        template = "components/blocks/heading.html"
        label = "Heading"


class KeyPointsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(
        required=False,
        max_length=120,
        help_text="Optional, e.g. 'In short'. Shown as a label, not a page heading.",
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


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock()
    alt_text = blocks.CharBlock(
        required=False,
        max_length=250,
        help_text=(
            "Describe what the image shows for people who cannot see it. Leave empty only "
            "if the image has a description in the library or is marked decorative."
        ),
    )
    decorative = blocks.BooleanBlock(
        required=False,
        help_text="Tick only if the image adds nothing to the text; screen readers skip it.",
    )
    caption = blocks.CharBlock(required=False, max_length=250)

    class Meta:
        icon = "image"
        template = "components/blocks/image.html"
        label = "Image"

    def clean(self, value):
        value = super().clean(value)
        image = value.get("image")
        described = value.get("alt_text") or getattr(image, "description", "")
        if not value.get("decorative") and not described:
            raise StructBlockValidationError(
                block_errors={
                    "alt_text": ErrorList(
                        [
                            "Add alt text, or tick 'decorative' if the image adds nothing "
                            "to the text."
                        ]
                    )
                }
            )
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["alt"] = alt_text_for(value)
        return context


def alt_text_for(value):
    """The alt text an image block renders: empty when decorative, else the best one."""
    if value.get("decorative"):
        return ""
    image = value.get("image")
    return value.get("alt_text") or getattr(image, "description", "") or ""


class MediaEmbedBlock(blocks.StructBlock):
    """A video or audio from another site, shown only after the reader asks for it."""

    embed = EmbedBlock(help_text="A link to a video or audio, e.g. from a video site.")
    title = blocks.CharBlock(
        max_length=160,
        help_text="What the media is, for the button and for people who cannot play it.",
    )
    transcript = blocks.TextBlock(required=False, help_text="Optional, recommended.")

    class Meta:
        icon = "media"
        template = "components/blocks/embed.html"
        label = "Embedded media"


class ResourceCardBlock(blocks.StructBlock):
    name = blocks.CharBlock(max_length=120)
    url = blocks.URLBlock(label="Web address")
    description = blocks.CharBlock(
        max_length=200, help_text="One line: who it is for and what they offer."
    )
    phone = blocks.CharBlock(required=False, max_length=40, help_text="Optional.")

    class Meta:
        icon = "link-external"
        template = "components/blocks/resource_card.html"
        label = "Resource organisation"


class CallToActionBlock(blocks.StructBlock):
    page = blocks.PageChooserBlock(help_text="A campaign, event or volunteer shift page.")
    label = blocks.CharBlock(max_length=80, help_text="The link text, e.g. 'Join a walk'.")
    text = blocks.TextBlock(required=False, max_length=300)

    class Meta:
        icon = "pick"
        template = "components/blocks/call_to_action.html"
        label = "Call to action"


class StoryBodyBlock(blocks.StreamBlock):
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

    def clean(self, value):
        value = super().clean(value)
        # The page title is the h1; an h3 needs an h2 above it, or the outline skips a level.
        seen_h2 = False
        errors = {}
        for index, child in enumerate(value):
            if child.block_type != "heading":
                continue
            if child.value["level"] == "h2":
                seen_h2 = True
            elif not seen_h2:
                errors[index] = ValidationError(
                    "A sub-heading (h3) needs a section heading (h2) before it."
                )
        if errors:
            raise blocks.StreamBlockValidationError(block_errors=errors)
        return value
