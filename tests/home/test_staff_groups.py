"""Editors write and submit for moderation; Moderators publish; neither manages people."""

import importlib

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from django.utils.text import slugify
from wagtail.models import GroupCollectionPermission, GroupPagePermission
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from home.models import StoryPage

staff_groups = importlib.import_module("home.migrations.0007_staff_groups")


def member_of(django_user_model, group_name):
    user = django_user_model.objects.create_user(
        group_name.lower(), f"{group_name.lower()}@mail.example", "a-long-enough-password"
    )
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def editor(db, django_user_model):
    return member_of(django_user_model, "Editors")


@pytest.fixture
def moderator(db, django_user_model):
    return member_of(django_user_model, "Moderators")


def story_form(title, action):
    return nested_form_data(
        {
            "title": title,
            "slug": slugify(title),
            "intro": "A short summary.",
            "body": streamfield([("paragraph", rich_text("<p>Hello</p>"))]),
            "storyteller_name": "",
            "canonical_url": "",
            "tags": "",
            action: "on",
        }
    )


def test_an_editor_creates_and_submits_a_story_but_cannot_publish(client, editor, index):
    client.force_login(editor)
    add = reverse("wagtailadmin_pages:add", args=["home", "storypage", index.pk])

    response = client.post(add, story_form("Walking together", "action-submit"))

    assert response.status_code == 302
    page = StoryPage.objects.get(title="Walking together")
    assert not page.live
    assert page.workflow_in_progress
    assert not page.permissions_for_user(editor).can_publish()

    edit = reverse("wagtailadmin_pages:edit", args=[page.pk])
    client.post(edit, story_form("Walking together", "action-publish"))
    page.refresh_from_db()
    assert not page.live


def test_a_moderator_can_publish(client, moderator, index):
    client.force_login(moderator)
    add = reverse("wagtailadmin_pages:add", args=["home", "storypage", index.pk])

    response = client.post(add, story_form("Out in the open", "action-publish"))

    assert response.status_code == 302
    assert StoryPage.objects.get(title="Out in the open").live


@pytest.mark.parametrize("role", ["editor", "moderator"])
def test_neither_role_manages_users_or_groups(db, client, request, role):
    user = request.getfixturevalue(role)
    client.force_login(user)
    for url in (reverse("wagtailusers_users:index"), reverse("wagtailusers_groups:index")):
        response = client.get(url)
        assert response.status_code in (302, 403), url
    assert not any(
        user.has_perm(f"auth.{action}_{model}")
        for action in ("add", "change", "delete", "view")
        for model in ("user", "group")
    )


def test_both_roles_can_look_after_images_and_venues(editor, moderator):
    for user in (editor, moderator):
        assert user.has_perm("wagtailadmin.access_admin")
        assert user.has_perm("events.add_venue") and user.has_perm("events.view_eventkind")
        for codename in ("add_image", "choose_image", "add_document", "choose_document"):
            assert GroupCollectionPermission.objects.filter(
                group__user=user, permission__codename=codename
            ).exists(), codename
    assert moderator.has_perm("events.change_eventkind")
    assert not editor.has_perm("events.change_eventkind")
    assert not editor.has_perm("events.delete_venue")


def test_the_group_migration_can_run_again_without_changing_anything(db):
    executor = MigrationExecutor(connection)
    state_apps = executor.loader.project_state(("home", "0007_staff_groups")).apps

    def snapshot():
        return (
            sorted(
                Group.objects.filter(name__in=staff_groups.ROLES).values_list(
                    "name", "permissions__codename"
                )
            ),
            GroupPagePermission.objects.count(),
            GroupCollectionPermission.objects.count(),
            Permission.objects.count(),
        )

    before = snapshot()
    staff_groups.ensure_groups(state_apps, None)
    assert snapshot() == before


def test_the_groups_come_back_if_deleted(db):
    Group.objects.filter(name="Moderators").delete()
    executor = MigrationExecutor(connection)
    state_apps = executor.loader.project_state(("home", "0007_staff_groups")).apps

    staff_groups.ensure_groups(state_apps, None)

    moderators = Group.objects.get(name="Moderators")
    assert GroupPagePermission.objects.filter(
        group=moderators, permission__codename="publish_page"
    ).exists()
    assert moderators.permissions.filter(codename="change_venue").exists()
