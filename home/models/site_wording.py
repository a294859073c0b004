"""The site settings' words in another language.

Site settings hold one value per site (Wagtail's settings are not translatable); the
words a reader sees on every page (tagline, footer, story disclaimer, crisis banner) are
also given here, one row per language. An empty field, or no row for a language, shows the
settings' own words: a reader never meets a blank banner.
"""

from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import TranslatableMixin

from events.core.models import reading_source_language
from home.models.rich_text import INTRO_FEATURES

#: The settings fields a SiteWording row can give in its language.
WORDED_FIELDS = (
    "tagline",
    "footer_text",
    "disclaimer",
    "crisis_banner_text",
    "crisis_banner_link_text",
)


class SiteWording(TranslatableMixin, models.Model):
    tagline = models.CharField(_("tagline"), max_length=160, blank=True)
    footer_text = models.TextField(_("footer text"), max_length=600, blank=True)
    disclaimer = RichTextField(
        _("story disclaimer"),
        features=INTRO_FEATURES,
        blank=True,
        help_text=_("Shown at the end of every story and article."),
    )
    crisis_banner_text = models.CharField(_("crisis banner text"), max_length=200, blank=True)
    crisis_banner_link_text = models.CharField(
        _("crisis banner link text"), max_length=80, blank=True
    )

    panels = [FieldPanel(name) for name in WORDED_FIELDS]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("site wording")
        verbose_name_plural = _("site wording")

    def __str__(self):
        return str(_("Site wording (%(language)s)") % {"language": self.locale.get_display_name()})


class WordedSettings:
    """Site settings as a reader in the active language sees them: each worded field from
    that language's SiteWording when it has one, every other value from the settings."""

    def __init__(self, site_settings, wording=None):
        self._settings = site_settings
        self._wording = wording

    def __getattr__(self, name):
        if name in WORDED_FIELDS and self._wording is not None:
            value = getattr(self._wording, name)
            if value:
                return value
        return getattr(self._settings, name)


def worded_settings(site_settings):
    """One query at most (the wording, found by language code through the join), none in
    the source language."""
    if reading_source_language():
        return WordedSettings(site_settings)
    language = translation.get_language()
    wording = SiteWording.objects.filter(locale__language_code=language).first()
    return WordedSettings(site_settings, wording)
