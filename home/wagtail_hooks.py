"""Admin for editorial content: snippets, the comment moderation queue, dashboard counts,
and the editor's content checks."""

from django.urls import path, reverse
from django.utils.text import Truncator
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column
from wagtail.admin.userbar import ContentCheckerItem
from wagtail.admin.widgets import Button
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from home.models import Author, Comment, SiteWording, StoryCategory, StorySubmission
from home.services import comments as comment_service
from home.translation_report import StaleTranslationsView


class AuthorViewSet(SnippetViewSet):
    model = Author
    icon = "user"
    list_display = ["name", "credential"]
    search_fields = ["name"]


class CategoryViewSet(SnippetViewSet):
    model = StoryCategory
    icon = "tag"
    list_display = ["name", "slug"]
    search_fields = ["name"]


class CommentPermissionPolicy(ModelPermissionPolicy):
    """Comments come from readers only: nobody writes one in the admin."""

    def user_has_permission(self, user, action):
        return action != "add" and super().user_has_permission(user, action)


register_permission_policy(Comment, CommentPermissionPolicy(Comment), exact_class=True)


class CommentViewSet(SnippetViewSet):
    """The moderation queue: newest first, filter by state, act on one or many."""

    model = Comment
    icon = "comment"
    menu_label = _("Comments")
    list_display = [
        "name",
        Column("body", label=_("Comment"), accessor=lambda c: Truncator(c.body).chars(80)),
        "page",
        "status",
        "created_at",
    ]
    list_filter = ["status"]
    search_fields = ["name", "body"]
    ordering = ["-created_at"]
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_fields = ["name", "body", "page", "status", "created_at", "moderated_at"]

    def get_queryset(self, request):
        return Comment.objects.select_related("page")


class SubmissionPermissionPolicy(ModelPermissionPolicy):
    """A reader's submission is a record of what they sent and agreed to: read-only.
    Editors work on the draft page it became."""

    def user_has_permission(self, user, action):
        return action in {"view", "delete"} and super().user_has_permission(user, action)


register_permission_policy(
    StorySubmission, SubmissionPermissionPolicy(StorySubmission), exact_class=True
)


class SubmissionViewSet(SnippetViewSet):
    model = StorySubmission
    icon = "mail"
    menu_label = _("Shared by readers")
    list_display = [
        "title",
        Column("shown_as", label=_("Shown as"), accessor="shown_as"),
        "created_at",
        Column("page", label=_("Draft page"), accessor=lambda s: s.page or gettext("Deleted")),
    ]
    ordering = ["-created_at"]
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_fields = ["title", "shown_as", "consented_at", "created_at", "page"]


class StoriesGroup(SnippetViewSetGroup):
    items = (AuthorViewSet, CategoryViewSet, CommentViewSet, SubmissionViewSet)
    menu_icon = "doc-full"
    menu_label = _("Stories")
    menu_name = "stories"


register_snippet(StoriesGroup)


class SiteWordingViewSet(SnippetViewSet):
    """The site settings' words in each other language (Settings -> Site settings holds
    the source language's)."""

    model = SiteWording
    icon = "site"
    menu_label = _("Site wording")
    menu_name = "site_wording"
    add_to_settings_menu = True
    list_display = ["__str__", "tagline"]


register_snippet(SiteWordingViewSet)


class ModerateCommentsBulkAction(SnippetBulkAction):
    """Approve, reject or mark as spam: one confirmation page for one or many comments."""

    template_name = "home/admin/confirm_comment_moderation.html"
    status = None
    action_priority = 20

    models = [Comment]

    def check_perm(self, obj):
        return self.request.user.has_perm("home.change_comment")

    def get_execution_context(self):
        return {"user": self.request.user}

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        return comment_service.moderate(objects, cls.status, user=user), 0

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["action_label"] = self.display_name
        context["status_label"] = Comment.Status(self.status).label
        return context

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "%(count)d comment changed to '%(status)s'.",
            "%(count)d comments changed to '%(status)s'.",
            num_parent_objects,
        ) % {"count": num_parent_objects, "status": Comment.Status(self.status).label}


@hooks.register("register_bulk_action")
class ApproveCommentsBulkAction(ModerateCommentsBulkAction):
    display_name = _("Approve")
    action_type = "approve"
    aria_label = _("Approve the selected comments")
    status = Comment.Status.APPROVED


@hooks.register("register_bulk_action")
class RejectCommentsBulkAction(ModerateCommentsBulkAction):
    display_name = _("Reject")
    action_type = "reject"
    aria_label = _("Reject the selected comments")
    status = Comment.Status.REJECTED


@hooks.register("register_bulk_action")
class SpamCommentsBulkAction(ModerateCommentsBulkAction):
    display_name = _("Mark as spam")
    action_type = "spam"
    aria_label = _("Mark the selected comments as spam")
    status = Comment.Status.SPAM
    classes = {"serious"}


MODERATION_ACTIONS = (ApproveCommentsBulkAction, RejectCommentsBulkAction, SpamCommentsBulkAction)


def moderation_url(action, comment, next_url):
    url = reverse("wagtail_bulk_action", args=["home", "comment", action.action_type])
    return f"{url}?id={comment.pk}&next={next_url}"


@hooks.register("register_snippet_listing_buttons")
def comment_moderation_buttons(snippet, user, next_url=None):
    if not isinstance(snippet, Comment) or not user.has_perm("home.change_comment"):
        return []
    return [
        Button(
            action.display_name,
            url=moderation_url(action, snippet, next_url or ""),
            icon_name={"approve": "check", "reject": "cross", "spam": "warning"}[
                action.action_type
            ],
            priority=10 + index,
        )
        for index, action in enumerate(MODERATION_ACTIONS)
        if snippet.status != action.status
    ]


class CommentQueuePanel(Component):
    name = "comment_queue"
    order = 150
    template_name = "home/admin/comment_queue_panel.html"

    def get_context_data(self, parent_context):
        counts = comment_service.status_counts()
        return {
            "counts": [(Comment.Status(status).label, n) for status, n in counts.items()],
            "pending": counts[Comment.Status.PENDING],
            "queue_url": reverse("wagtailsnippets_home_comment:list") + "?status=pending",
        }


@hooks.register("construct_homepage_panels")
def add_comment_queue_panel(request, panels):
    if request.user.has_perm("home.change_comment"):
        panels.append(CommentQueuePanel())


class TapestryContentChecker(ContentCheckerItem):
    """Wagtail's content checker (userbar and the editor's Checks panel), with more rules.

    Wagtail runs a short list of axe rules by default; a site whose readers may rely on
    assistive technology also wants labels, lists, landmarks, contrast and link purpose.
    """

    axe_run_only = [
        *ContentCheckerItem.axe_run_only,
        "image-alt",
        "input-image-alt",
        "role-img-alt",
        "svg-img-alt",
        "label",
        "list",
        "listitem",
        "definition-list",
        "duplicate-id-aria",
        "aria-allowed-attr",
        "aria-required-attr",
        "aria-valid-attr-value",
        "color-contrast",
        "link-in-text-block",
        "document-title",
        "html-has-lang",
        "landmark-one-main",
        "page-has-heading-one",
        "region",
        "table-duplicate-name",
        "th-has-data-cells",
    ]


@hooks.register("construct_wagtail_userbar")
def use_tapestry_content_checker(request, items, page):
    for position, item in enumerate(items):
        if type(item) is not TapestryContentChecker and isinstance(item, ContentCheckerItem):
            items[position] = TapestryContentChecker(in_editor=item.in_editor)


class StaleTranslationsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("wagtailadmin.access_admin")


@hooks.register("register_admin_urls")
def register_translation_report_urls():
    view = StaleTranslationsView
    return [
        path("reports/translations/", view.as_view(), name="stale_translations"),
        path(
            "reports/translations/results/",
            view.as_view(results_only=True),
            name="stale_translations_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_translation_report_menu_item():
    return StaleTranslationsMenuItem(
        _("Translations to update"), reverse("stale_translations"), icon_name="site", order=950
    )
