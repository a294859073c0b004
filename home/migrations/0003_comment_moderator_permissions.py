"""Let Wagtail's default Moderators and Editors groups work the comment queue and the
story snippets (authors, categories) out of the box."""

from django.db import migrations

GROUP_PERMISSIONS = {
    "Moderators": {
        "comment": ["view", "change", "delete"],
        "author": ["add", "change", "delete", "view"],
        "storycategory": ["add", "change", "delete", "view"],
    },
    "Editors": {
        "comment": ["view", "change"],
        "author": ["add", "change", "view"],
        "storycategory": ["view"],
    },
}


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    app_config = apps.get_app_config("home")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group_name, models in GROUP_PERMISSIONS.items():
        group = Group.objects.filter(name=group_name).first()
        if group is None:
            continue
        for model, actions in models.items():
            codenames = [f"{action}_{model}" for action in actions]
            group.permissions.add(
                *Permission.objects.filter(
                    content_type__app_label="home", codename__in=codenames
                )
            )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group_name, models in GROUP_PERMISSIONS.items():
        group = Group.objects.filter(name=group_name).first()
        if group is None:
            continue
        codenames = [f"{a}_{m}" for m, actions in models.items() for a in actions]
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="home", codename__in=codenames)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0002_stories_articles_comments"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
