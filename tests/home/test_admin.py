"""The editors' side: snippets, the comment queue with bulk actions, dashboard, checks."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.admin.userbar import AccessibilityItem, apply_userbar_hooks
from wagtail.test.utils.form_data import rich_text

from home.models import Comment
from home.wagtail_hooks import TapestryContentChecker
from tests.home import shared_story

# The story index, its author and category and a published story, built once for the
# module (tests/home/shared_story.py); the fixtures not named here are built per test.
author, category, index, story, story_rows = (
    shared_story.author,
    shared_story.category,
    shared_story.index,
    shared_story.story,
    shared_story.story_rows,
)

# Pages made through the editor form, under an index of their own, are in
# test_admin_page_editor.py.


@pytest.fixture
def moderator(db, django_user_model):
    user = django_user_model.objects.create_user("mod", "mod@mail.example", "pw")
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


@pytest.fixture
def pending(story):
    return [
        Comment.objects.create(page=story, name=f"Reader {n}", body=f"Thought {n}", fingerprint=n)
        for n in range(3)
    ]


def bulk_url(action, comments, next_url="/admin/"):
    ids = "&".join(f"id={c.pk}" for c in comments)
    url = reverse("wagtail_bulk_action", args=["home", "comment", action])
    return f"{url}?{ids}&next={next_url}"


def test_queue_lists_comments_with_filters_and_moderation_buttons(client, moderator, pending):
    client.force_login(moderator)

    response = client.get(reverse("wagtailsnippets_home_comment:list") + "?status=pending")

    assert response.status_code == 200
    content = response.content.decode()
    for comment in pending:
        assert comment.name in content
    assert "/admin/bulk/home/comment/approve/?id=" in content
    assert "/admin/bulk/home/comment/spam/?id=" in content
    assert "mod@mail.example" not in content


@pytest.mark.parametrize(
    ("action", "status"),
    [("approve", "approved"), ("reject", "rejected"), ("spam", "spam")],
)
def test_bulk_actions_moderate_many_comments_at_once(client, moderator, pending, action, status):
    client.force_login(moderator)

    confirm = client.get(bulk_url(action, pending[:2]))
    assert confirm.status_code == 200
    assert "Reader 0" in confirm.content.decode() and "Reader 1" in confirm.content.decode()

    done = client.post(bulk_url(action, pending[:2]))

    assert done.status_code == 302
    assert sorted(Comment.objects.filter(status=status).values_list("name", flat=True)) == [
        "Reader 0",
        "Reader 1",
    ]
    assert Comment.objects.get(name="Reader 2").status == Comment.Status.PENDING
    assert Comment.objects.get(name="Reader 0").moderated_by == moderator


def test_people_without_permission_cannot_moderate(client, django_user_model, pending):
    editor = django_user_model.objects.create_user("ed", "ed@mail.example", "pw")
    editor.groups.add(Group.objects.get(name="Editors"))
    editor.groups.get(name="Editors").permissions.remove(
        *editor.groups.get(name="Editors").permissions.filter(codename="change_comment")
    )
    client.force_login(editor)

    client.post(bulk_url("approve", pending))

    assert not Comment.objects.filter(status=Comment.Status.APPROVED).exists()


def test_dashboard_shows_the_queue_counts(client, moderator, pending):
    client.force_login(moderator)

    content = client.get(reverse("wagtailadmin_home")).content.decode()

    assert "Reader comments" in content
    assert "3 comments waiting for moderation" in content


def test_snippet_admin_pages_open(admin_client, story, author, category):
    for name in ("home_author", "home_storycategory", "home_comment"):
        assert admin_client.get(reverse(f"wagtailsnippets_{name}:list")).status_code == 200
    edit = reverse("wagtailsnippets_home_author:edit", args=[author.pk])
    assert admin_client.get(edit).status_code == 200


def test_story_editor_and_preview_work(admin_client, story):
    edit = admin_client.get(reverse("wagtailadmin_pages:edit", args=[story.pk]))
    assert edit.status_code == 200
    assert "Checks" in edit.content.decode()  # the content checker side panel

    preview = admin_client.get(reverse("wagtailadmin_pages:preview_on_edit", args=[story.pk]))
    assert preview.status_code == 200


def test_content_checker_runs_the_extra_accessibility_rules(rf, admin_user, story):
    request = rf.get("/")
    request.user = admin_user
    items = [AccessibilityItem(in_editor=True)]

    apply_userbar_hooks(request, items, story)

    assert isinstance(items[0], TapestryContentChecker)
    assert items[0].in_editor
    rules = items[0].get_axe_configuration(request)["options"]["runOnly"]
    for rule in ("image-alt", "label", "color-contrast", "heading-order", "page-has-heading-one"):
        assert rule in rules


def test_nobody_writes_comments_in_the_admin(admin_client, pending):
    listing = admin_client.get(reverse("wagtailsnippets_home_comment:list")).content.decode()
    assert reverse("wagtailsnippets_home_comment:add") not in listing
    assert admin_client.get(reverse("wagtailsnippets_home_comment:add")).status_code in (302, 403)
    edit = reverse("wagtailsnippets_home_comment:edit", args=[pending[0].pk])
    assert admin_client.get(edit).status_code == 200


def test_editor_screens_open(admin_client, site, index, story, article, pending):
    screens = [
        reverse("wagtailsettings:edit", args=["home", "sitesettings", site.pk]),
        reverse("wagtailsnippets_home_comment:inspect", args=[pending[0].pk]),
        reverse("wagtailadmin_pages:edit", args=[index.pk]),
        reverse("wagtailadmin_pages:edit", args=[article.pk]),
        reverse("wagtailadmin_pages:add", args=["home", "storypage", index.pk]),
        reverse("wagtailadmin_pages:add", args=["home", "articlepage", index.pk]),
        reverse("wagtailadmin_pages:history", args=[story.pk]),
    ]
    for url in screens:
        assert admin_client.get(url).status_code == 200, url


def test_editors_see_stories_shared_by_readers_read_only(client, index, django_user_model):
    from home.models import StorySubmission
    from home.services import submissions

    editor = django_user_model.objects.create_user("ed", "ed@mail.example", "pw")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    shared = submissions.submit_story(
        index, title="My river walk", text="w" * 250, name="Jo", anonymous=True
    )

    listing = client.get(reverse("wagtailsnippets_home_storysubmission:list"))
    inspect = client.get(reverse("wagtailsnippets_home_storysubmission:inspect", args=[shared.pk]))
    edit = client.get(reverse("wagtailsnippets_home_storysubmission:edit", args=[shared.pk]))

    assert listing.status_code == 200 and "My river walk" in listing.content.decode()
    assert "Anonymous" in listing.content.decode()
    assert inspect.status_code == 200
    assert edit.status_code in (302, 403)
    assert StorySubmission.objects.get().title == "My river walk"


def test_settings_form_explains_why_the_banner_cannot_be_switched_on(admin_client, site):
    url = reverse("wagtailsettings:edit", args=["home", "sitesettings", site.pk])
    data = {
        "organisation_name": "Riverside",
        "tagline": "",
        "contact_email": "",
        "footer_text": "",
        "disclaimer": rich_text("<p>Not advice.</p>"),
        "crisis_banner_enabled": "on",
        "crisis_banner_text": "Need help?",
        "crisis_banner_phone": "",
        "crisis_banner_url": "",
        "crisis_banner_link_text": "Find help",
    }

    refused = admin_client.post(url, data)

    assert refused.status_code == 200
    assert "Add a phone number or a web address" in refused.content.decode()
    accepted = admin_client.post(url, {**data, "crisis_banner_phone": "0800 000 000"})
    assert accepted.status_code == 302
