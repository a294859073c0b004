"""Wagtail's base rows (locale, root page, root collection) come from its migrations.

A transactional test flushes every table afterwards, so browser tests, which need a live
server and therefore real transactions, put these rows back before loading their data.
"""

from django.conf import settings
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Collection, Locale, Page


def ensure_base_tree():
    locale, _ = Locale.objects.get_or_create(
        language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
    )
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")


# What Wagtail's and this project's migrations give the two editorial groups, and the
# default workflow; a flush removes them with everything else.
EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page"]
MODERATOR_PAGE_PERMISSIONS = [*EDITOR_PAGE_PERMISSIONS, "publish_page", "lock_page", "unlock_page"]
COLLECTION_PERMISSIONS = ["add_image", "change_image", "choose_image"]
MODEL_PERMISSIONS = [
    "wagtailadmin.access_admin",
    "wagtailimages.add_image",
    "wagtailimages.change_image",
    "wagtailimages.choose_image",
    "home.view_comment",
    "home.change_comment",
]


def ensure_editorial_roles():
    """The Editors and Moderators groups and the 'Moderators approval' workflow on the
    root page, as a fresh install has them. Returns (editors, moderators)."""
    from django.contrib.auth.models import Group, Permission
    from wagtail.models import (
        GroupApprovalTask,
        GroupCollectionPermission,
        GroupPagePermission,
        Workflow,
        WorkflowPage,
    )

    ensure_base_tree()
    root = Page.get_first_root_node()
    collection = Collection.get_first_root_node()
    groups = {}
    for name, page_permissions in (
        ("Editors", EDITOR_PAGE_PERMISSIONS),
        ("Moderators", MODERATOR_PAGE_PERMISSIONS),
    ):
        group, _ = Group.objects.get_or_create(name=name)
        for dotted in MODEL_PERMISSIONS:
            app_label, codename = dotted.split(".")
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )
        for codename in page_permissions:
            GroupPagePermission.objects.get_or_create(
                group=group,
                page=root,
                permission=Permission.objects.get(
                    content_type__app_label="wagtailcore", codename=codename
                ),
            )
        for codename in COLLECTION_PERMISSIONS:
            GroupCollectionPermission.objects.get_or_create(
                group=group,
                collection=collection,
                permission=Permission.objects.get(
                    content_type__app_label="wagtailimages", codename=codename
                ),
            )
        groups[name] = group

    workflow, _ = Workflow.objects.get_or_create(name="Moderators approval")
    if not workflow.workflow_tasks.exists():
        task = GroupApprovalTask.objects.create(name="Moderators approval")
        task.groups.set([groups["Moderators"]])
        workflow.workflow_tasks.create(task=task, sort_order=0)
    WorkflowPage.objects.get_or_create(page=root, defaults={"workflow": workflow})
    return groups["Editors"], groups["Moderators"]
