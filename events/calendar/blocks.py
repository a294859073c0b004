"""StreamField blocks for event and campaign bodies, and the ones stories share with them.

Headings and images are blocks (not rich text features) so that the page outline and alt
text can be validated here, once for every page type. Templates live in
templates/components/blocks/.
"""

from django.core.exceptions import ValidationError
from django.forms.utils import ErrorList
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.images.blocks import ImageChooserBlock

# Paragraph text: emphasis, links and lists. Headings, images and embeds are blocks.
BODY_RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=120)
    level = blocks.ChoiceBlock(
        choices=[("h2", "Section heading (h2)"), ("h3", "Sub-heading (h3)")],
        default="h2",
        help_text=_("A sub-heading (h3) must follow a section heading (h2)."),
    )

    class Meta:
        icon = "title"
        template = "components/blocks/heading.html"
        label = "Heading"


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock()
    alt_text = blocks.CharBlock(
        required=False,
        max_length=250,
        help_text=(
            _(
                "Describe what the image shows for people who cannot see it. Leave empty only "
                "if the image has a description in the library or is marked decorative."
            )
        ),
    )
    decorative = blocks.BooleanBlock(
        required=False,
        help_text=_("Tick only if the image adds nothing to the text; screen readers skip it."),
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


class OutlinedStreamBlock(blocks.StreamBlock):
    """A body whose headings keep the page outline: an h3 only after an h2."""

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


class EventBodyBlock(OutlinedStreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        features=BODY_RICH_TEXT_FEATURES, template="components/blocks/paragraph.html"
    )
    image = ImageBlock()
