"""Make sure Wagtail's Editors and Moderators groups exist with what each role needs.

Wagtail creates both groups; this makes sure of them (a site may have deleted one) and
adds what Wagtail cannot know: the events snippets. Editors write and submit pages for
moderation; Moderators also publish and look after the shared snippets. Neither may
manage users or groups. Running it again changes nothing.
"""

from django.db import migrations

ROLES = {
    "Editors": {
        "pages": ["add_page", "change_page"],
        "models": {
            ("events", "venue"): ["add", "change", "view"],
            ("events", "eventkind"): ["view"],
        },
    },
    "Moderators": {
        "pages": ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
        "models": {
            ("events", "venue"): ["add", "change", "delete", "view"],
            ("events", "eventkind"): ["add", "change", "delete", "view"],
        },
    },
}
COLLECTION_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
]


def ensure_groups(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    for label in ("events", "wagtailimages", "wagtaildocs"):
        app_config = apps.get_app_config(label)
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    root_page = Page.objects.filter(depth=1).first()
    root_collection = Collection.objects.filter(depth=1).first()

    def permission(app_label, codename):
        return Permission.objects.filter(
            content_type__app_label=app_label, codename=codename
        ).first()

    for name, role in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        wanted = [permission("wagtailadmin", "access_admin")]
        for (app_label, model), actions in role["models"].items():
            wanted += [permission(app_label, f"{action}_{model}") for action in actions]
        group.permissions.add(*[p for p in wanted if p])
        if root_page is not None:
            for codename in role["pages"]:
                page_permission = permission("wagtailcore", codename)
                if page_permission:
                    GroupPagePermission.objects.get_or_create(
                        group=group, page=root_page, permission=page_permission
                    )
        if root_collection is not None:
            for app_label, codename in COLLECTION_PERMISSIONS:
                collection_permission = permission(app_label, codename)
                if collection_permission:
                    GroupCollectionPermission.objects.get_or_create(
                        group=group, collection=root_collection, permission=collection_permission
                    )


def remove_snippet_permissions(apps, schema_editor):
    # Only what this migration added beyond Wagtail's own defaults.
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, role in ROLES.items():
        group = Group.objects.filter(name=name).first()
        if group is None:
            continue
        for (app_label, model), actions in role["models"].items():
            group.permissions.remove(
                *Permission.objects.filter(
                    content_type__app_label=app_label,
                    codename__in=[f"{action}_{model}" for action in actions],
                )
            )


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0006_share_image"),
        ("events", "0005_feed_fragments"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(ensure_groups, remove_snippet_permissions)]
