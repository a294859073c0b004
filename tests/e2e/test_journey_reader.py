"""The reader journey: read a story on a phone, leave a comment, see it after moderation.

Comments are moderated: the reader is thanked but the comment stays out of sight (and out
of the count) until a moderator approves it in the Wagtail admin. The reader writes it
with the keyboard alone, which also proves the hidden honeypot field is out of the way.
"""

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from home import demo
from home.models import Comment, StoryIndexPage, StoryPage
from tests.support.browser import DESKTOP, PHONE, screenshot
from tests.support.wagtail_tree import ensure_editorial_roles

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-test-password"
COMMENT = "Thank you for writing this. The part about the first walk stayed with me."


@pytest.fixture
def story(live_server):
    _editors, moderators = ensure_editorial_roles()
    home = demo.load_home_page(lambda message: None)
    index = home.add_child(instance=StoryIndexPage(title="Stories", slug="stories", live=False))
    index.save_revision().publish()
    page = StoryPage(
        title="The bench by the river",
        slug="the-bench-by-the-river",
        intro="Some days the only goal was to reach the bench. That was enough.",
        storyteller_name="Jo",
        body=[("paragraph", "<p>I started with ten minutes a day.</p>")],
        live=False,
    )
    index.add_child(instance=page)
    page.save_revision().publish()
    # One thought is already public; one from someone else is still waiting.
    Comment.objects.create(page=page, name="Sam", body="Ten minutes is a lot. Well done.")
    Comment.objects.filter(page=page).update(status=Comment.Status.APPROVED)
    Comment.objects.create(page=page, name="Kim", body="Waiting for a moderator.")
    moderator = get_user_model().objects.create_user("mo", "mo@example.org", PASSWORD)
    moderator.groups.add(moderators)
    return StoryPage.objects.get(pk=page.pk)


def test_reader_comment_appears_only_after_a_moderator_approves_it(live_server, browsers, story):
    page = browsers.open(PHONE)

    # 1. From the story index to the story; one approved thought so far.
    page.goto(live_server.url + story.get_parent().url)
    expect(page.locator(".story-card")).to_contain_text("1 thought")
    page.get_by_role("link", name=story.title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(story.title)
    expect(page.locator(".story__meta")).to_contain_text("1 thought")
    comments = page.locator(".comment-list > li")
    expect(comments).to_have_count(1)

    # 2. Write a comment with the keyboard only: name, comment, (skip email), send.
    page.get_by_label("Display name").focus()
    page.keyboard.type("Robin")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "id_body"
    page.keyboard.type(COMMENT)
    page.keyboard.press("Tab")
    # Said once, not twice ("(optional) (optional)"); the help text says it stays private.
    expect(page.locator(":focus")).to_have_accessible_name("Email (optional)")
    page.keyboard.press("Tab")  # the honeypot field is skipped
    assert page.evaluate("document.activeElement.textContent") == "Send for moderation"
    page.keyboard.press("Enter")

    # 3. Thanked, but nothing shows yet and the count has not moved.
    page.wait_for_url("**?comment=received#comments")
    expect(page.get_by_role("status")).to_contain_text("once a moderator has read it")
    expect(comments).to_have_count(1)
    expect(page.get_by_text(COMMENT)).to_have_count(0)
    expect(page.locator(".story__meta")).to_contain_text("1 thought")
    screenshot(page, "journey-reader-thanked")
    waiting = Comment.objects.get(name="Robin")
    assert waiting.status == Comment.Status.PENDING

    # 4. A moderator approves it from the comment queue.
    admin = browsers.open(DESKTOP)
    admin.goto(live_server.url + "/admin/login/")
    admin.get_by_label("Username").fill("mo")
    admin.get_by_label("Password").fill(PASSWORD)
    admin.keyboard.press("Enter")
    admin.wait_for_url(live_server.url + "/admin/")
    admin.goto(live_server.url + "/admin/snippets/home/comment/?status=pending")
    row = admin.get_by_role("row").filter(has_text="Robin")
    expect(row).to_contain_text("Waiting for moderation")
    row.get_by_role("button", name="More options").click()
    row.get_by_role("link", name="Approve", exact=True).click()
    expect(admin.get_by_text("Change 1 comment to")).to_be_visible()
    admin.get_by_role("button", name="Approve", exact=True).click()
    expect(admin.get_by_role("status")).to_contain_text("1 comment changed to 'Approved'")
    screenshot(admin, "journey-reader-moderated")
    waiting.refresh_from_db()
    assert waiting.status == Comment.Status.APPROVED

    # 5. The reader comes back: the comment is there and the count says two.
    page.goto(live_server.url + story.url)
    expect(comments).to_have_count(2)
    expect(comments.last).to_contain_text("Robin")
    expect(comments.last).to_contain_text(COMMENT)
    expect(page.get_by_role("heading", name=f"2 thoughts on “{story.title}”")).to_be_visible()
    expect(page.locator(".story__meta")).to_contain_text("2 thoughts")
    screenshot(page, "journey-reader-approved")
    page.goto(live_server.url + story.get_parent().url)
    expect(page.locator(".story-card")).to_contain_text("2 thoughts")
    assert browsers.outside == []
