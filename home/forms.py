"""Public forms: reader comments and share-your-story. Both carry a honeypot field."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from events.core.forms import PublicForm
from home.services.guards import MAX_LINKS, count_links


def _no_more_than_max_links(value):
    if count_links(value) > MAX_LINKS:
        raise forms.ValidationError(
            ngettext(
                "Please include no more than %(count)s link.",
                "Please include no more than %(count)s links.",
                MAX_LINKS,
            )
            % {"count": MAX_LINKS},
            code="too_many_links",
        )


class CommentForm(PublicForm):
    name = forms.CharField(
        label=_("Display name"),
        max_length=80,
        error_messages={"required": _("Enter a name to show with your comment")},
        widget=forms.TextInput(attrs={"autocomplete": "nickname"}),
        help_text=_("Shown with your comment. It does not have to be your real name."),
    )
    body = forms.CharField(
        label=_("Your comment"),
        min_length=2,
        error_messages={"required": _("Enter your comment")},
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 6}),
        validators=[_no_more_than_max_links],
        help_text=_("Up to 3,000 characters. A moderator reads every comment before it appears."),
    )
    email = forms.EmailField(
        label=_("Email"),
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text=_("Never shown. Only a moderator may use it to reply to you."),
    )

    field_order = ["name", "body", "email", "website"]

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if count_links(name):
            raise forms.ValidationError(_("Please leave links out of your name."))
        return name


class StorySubmissionForm(PublicForm):
    title = forms.CharField(
        label=_("A title for your story"),
        max_length=140,
        error_messages={"required": _("Enter a title for your story")},
    )
    text = forms.CharField(
        label=_("Your story"),
        min_length=200,
        error_messages={"required": _("Enter your story")},
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 16}),
        validators=[_no_more_than_max_links],
        help_text=_("At least 200 characters. Please leave out other people's names."),
    )
    name = forms.CharField(
        label=_("Your name as you would like it shown"),
        max_length=80,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    anonymous = forms.BooleanField(
        label=_("Publish my story anonymously"),
        required=False,
        help_text=_("We will not show any name with your story."),
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that the editors may edit and publish my story on this site. Nothing is "
            "published until an editor has read it, and I can ask for it to be removed."
        ),
        error_messages={"required": _("Tick the box to agree, or we cannot use your story")},
    )

    field_order = ["title", "text", "name", "anonymous", "consent", "website"]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("anonymous"):
            cleaned["name"] = ""
        return cleaned
