"""Wagtail's base rows (locales, root page, root collection) come from migrations.

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
    # The other site languages, as home's migration 0009 adds them.
    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        Locale.objects.get_or_create(language_code=code)
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")


# What Wagtail's and this project's migrations give the two editorial groups, and the
# default workflow; a flush removes them with everything else.
SHARED_PERMISSIONS = [
    "wagtailadmin.access_admin",
    "wagtailimages.add_image",
    "wagtailimages.change_image",
    "wagtailimages.choose_image",
    "wagtailimages.delete_image",
    "wagtaildocs.add_document",
    "wagtaildocs.change_document",
    "wagtaildocs.choose_document",
    "wagtaildocs.delete_document",
    "home.add_author",
    "home.change_author",
    "home.view_author",
    "home.change_comment",
    "home.view_comment",
    "home.view_storycategory",
    "home.view_storysubmission",
]
ROLES = {
    "Editors": {
        "model": SHARED_PERMISSIONS,
        "page": ["add_page", "change_page"],
    },
    "Moderators": {
        "model": [
            *SHARED_PERMISSIONS,
            "home.delete_author",
            "home.delete_comment",
            "home.add_storycategory",
            "home.change_storycategory",
            "home.delete_storycategory",
        ],
        "page": ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
    },
}
COLLECTION_PERMISSIONS = [
    "wagtailimages.add_image",
    "wagtailimages.change_image",
    "wagtailimages.choose_image",
    "wagtaildocs.add_document",
    "wagtaildocs.change_document",
    "wagtaildocs.choose_document",
]


def _permission(dotted):
    from django.contrib.auth.models import Permission

    app_label, codename = dotted.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def ensure_editorial_roles():
    """The Editors and Moderators groups and the 'Moderators approval' workflow on the
    root page, as a fresh install has them. Returns (editors, moderators)."""
    from django.contrib.auth.models import Group
    from wagtail.models import (
        GroupApprovalTask,
        GroupCollectionPermission,
        GroupPagePermission,
        Workflow,
        WorkflowPage,
        WorkflowTask,
    )

    ensure_base_tree()
    root = Page.get_first_root_node()
    collection = Collection.get_first_root_node()
    groups = {}
    for name, role in ROLES.items():
        group, created = Group.objects.get_or_create(name=name)
        groups[name] = group
        if not created:
            continue
        group.permissions.add(*[_permission(dotted) for dotted in role["model"]])
        for codename in role["page"]:
            GroupPagePermission.objects.create(
                group=group, page=root, permission=_permission(f"wagtailcore.{codename}")
            )
        for dotted in COLLECTION_PERMISSIONS:
            GroupCollectionPermission.objects.create(
                group=group, collection=collection, permission=_permission(dotted)
            )

    workflow, _ = Workflow.objects.get_or_create(name="Moderators approval")
    if not WorkflowTask.objects.filter(workflow=workflow).exists():
        task = GroupApprovalTask.objects.create(name="Moderators approval")
        task.groups.set([groups["Moderators"]])
        # workflow_tasks is a modelcluster relation: create() there would not save the row.
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.get_or_create(page=root, defaults={"workflow": workflow})
    return groups["Editors"], groups["Moderators"]
