"""Form widgets shared by the rooms of events."""

from django import forms


class LongSelect(forms.Select):
    """A select whose options are written inline (no template include per option): the
    same markup as Django's, for flat lists of choices (no groups).

    Django includes a template for each option, which costs about 0.15 ms an option: the
    volunteering page's role filter ran into hundreds of roles, and the event form's time
    zones (some 600) and languages (about 100) are drawn twice per admin page (the field,
    and Wagtail's copy of the widget for its scripts), most of the page's rendering time.
    """

    template_name = "components/widgets/long_select.html"
