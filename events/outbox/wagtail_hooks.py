"""Admin for the outbox: the failed-mail report and the dashboard's mail panel."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from events.core.services import heartbeat
from events.outbox.services import outbox


class FailedMailMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("events.view_outboxmessage")


@hooks.register("register_reports_menu_item")
def register_failed_mail_menu_item():
    return FailedMailMenuItem(
        _("Failed mail"), reverse("events_admin:failed_mail"), icon_name="mail", order=900
    )


class MailHealthPanel(Component):
    """Dashboard: when the mail sweep last ran, and what is overdue or failed."""

    name = "mail_health"
    template_name = "events/admin/mail_panel.html"
    order = 150

    def get_context_data(self, parent_context):
        sweep = heartbeat.status(outbox.SWEEP_HEARTBEAT)
        return {
            "sweep": sweep,
            "overdue": outbox.overdue_count(),
            "failed": outbox.OutboxMessage.objects.filter(status=outbox.Status.FAILED).count(),
            "failed_url": reverse("events_admin:failed_mail"),
        }


@hooks.register("construct_homepage_panels")
def add_mail_health_panel(request, panels):
    if request.user.has_perm("events.view_outboxmessage"):
        panels.append(MailHealthPanel())
