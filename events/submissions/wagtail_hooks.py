"""Admin for submitted events: who sent which event, whether the address is verified, and
the partner an editor may choose for it (a trusted partner's later edits then publish)."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from events.submissions.models import Submission


class NoAddingByHand(ModelPermissionPolicy):
    """A submission is made by the public form, never in the admin."""

    def user_has_permission(self, user, action):
        return action != "add" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class SubmissionViewSet(SnippetViewSet):
    model = Submission
    icon = "form"
    menu_label = _("Submitted events")
    menu_name = "submitted-events"
    menu_order = 330
    add_to_admin_menu = True
    list_display = ["page", "submitter_name", "organiser_name", "partner", "email_verified_at"]
    list_filter = ["partner"]
    # Submissions come from the public form only; editors choose the partner.
    panels = [FieldPanel("partner")]


register_permission_policy(Submission, NoAddingByHand(Submission), exact_class=True)
register_snippet(SubmissionViewSet)
