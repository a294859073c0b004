"""The editor journey: write a story in the Wagtail admin, have it moderated, see it live.

An editor (Editors group, no publish permission) logs in, creates a story with an
uploaded image and a resource card, and submits it to the moderators' workflow. A
moderator approves it in the admin, which publishes it. The story is then on the story
index and in the RSS feed, with its image and card.
"""

import xml.etree.ElementTree as ET

import pytest
from django.contrib.auth import get_user_model
from PIL import Image as PillowImage
from playwright.sync_api import expect

from home import demo
from home.models import StoryIndexPage, StoryPage
from tests.support.browser import screenshot
from tests.support.wagtail_tree import ensure_editorial_roles

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-test-password"
FEED = "/feeds/stories/rss/"
TITLE = "Finding my feet again"
RESOURCE = {
    "name": "Riverside Listening Line",
    "url": "https://listening-line.example/",
    "description": "Free, confidential listening for anyone who needs to talk.",
}


@pytest.fixture
def newsroom(live_server, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    editors, moderators = ensure_editorial_roles()
    demo.load_site(log=lambda message: None)
    home = demo.load_home_page(lambda message: None)
    index = home.add_child(instance=StoryIndexPage(title="Stories", slug="stories", live=False))
    index.save_revision().publish()
    users = get_user_model()
    editor = users.objects.create_user("eddie", "eddie@example.org", PASSWORD)
    editor.groups.add(editors)
    moderator = users.objects.create_user("mo", "mo@example.org", PASSWORD)
    moderator.groups.add(moderators)
    return StoryIndexPage.objects.get(pk=index.pk)


@pytest.fixture
def photo(tmp_path):
    """A small, calm gradient, made here so the test needs no files of its own."""
    image = PillowImage.new("RGB", (640, 400))
    image.putdata([(60 + x // 8, 110 + y // 8, 120) for y in range(400) for x in range(640)])
    path = tmp_path / "river-at-dawn.png"
    image.save(path)
    return path


def log_in(browsers, live_server, username):
    page = browsers.open()
    page.goto(live_server.url + "/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(live_server.url + "/admin/")
    return page


def test_editor_writes_a_story_and_a_moderator_publishes_it(live_server, browsers, newsroom, photo):
    index = newsroom

    # 1. The editor starts a story below the story index.
    page = log_in(browsers, live_server, "eddie")
    page.goto(f"{live_server.url}/admin/pages/add/home/storypage/{index.pk}/")
    page.get_by_role("textbox", name="Title").fill(TITLE)
    page.get_by_role("textbox", name="Intro").fill(
        "How a Tuesday walk helped me out of a long winter."
    )
    page.get_by_role("textbox", name="Shared by").fill("Alex")

    # 2. An image, uploaded from the chooser with a description (its alt text).
    page.get_by_role("button", name="Choose an image").click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_role("tab", name="Upload").click()
    dialog.get_by_label("File").set_input_files(photo)
    dialog.get_by_label("Title").fill("River at dawn")
    dialog.get_by_label("Description").fill("A river in soft morning light.")
    dialog.get_by_role("button", name="Upload").click()
    expect(dialog).to_be_hidden()
    expect(page.locator("#id_image-chooser")).to_contain_text("River at dawn")

    # 3. A resource card in the body.
    page.get_by_role("button", name="Insert a block").first.click()
    page.get_by_role("option", name="Resource organisation").click()
    body = page.get_by_role("region", name="Body")
    body.get_by_role("textbox", name="Name").fill(RESOURCE["name"])
    body.get_by_role("textbox", name="Web address").fill(RESOURCE["url"])
    body.get_by_role("textbox", name="Description").fill(RESOURCE["description"])
    screenshot(page, "journey-editor-draft")

    # 4. Editors cannot publish; they submit to the moderators.
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Submit to Moderators approval").click()
    expect(page.get_by_role("status")).to_contain_text("created and submitted for moderation")
    story = StoryPage.objects.get(title=TITLE)
    assert not story.live
    assert story.current_workflow_state is not None

    # Not public yet: neither on the index nor in the feed.
    public = browsers.open()
    assert TITLE not in public.request.get(live_server.url + index.url).text()
    assert TITLE not in public.request.get(live_server.url + FEED).text()

    # 5. A moderator approves it, which publishes it.
    page = log_in(browsers, live_server, "mo")
    page.goto(f"{live_server.url}/admin/pages/{story.pk}/edit/")
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Approve and Publish", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text(f"Page '{TITLE}' has been updated")
    story.refresh_from_db()
    assert story.live

    # 6. The public sees it on the story index, in the feed, with its image and card.
    page = public
    page.goto(live_server.url + index.url)
    page.get_by_role("link", name=TITLE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    image = page.locator(".story__image img")
    expect(image).to_have_attribute("alt", "A river in soft morning light.")
    expect(image).to_have_js_property("complete", True)
    assert image.evaluate("img => img.naturalWidth") > 0
    card = page.locator(".story__body").get_by_role("link", name=RESOURCE["name"])
    expect(card).to_have_attribute("href", RESOURCE["url"])
    expect(page.locator(".story__body")).to_contain_text(RESOURCE["description"])
    screenshot(page, "journey-editor-published")

    feed = public.request.get(live_server.url + FEED)
    assert feed.ok
    items = ET.fromstring(feed.body()).findall("./channel/item")  # noqa: S314
    assert [item.findtext("title") for item in items] == [TITLE]
    assert items[0].findtext("link").endswith(story.url)

    # Nobody's browser was sent anywhere else (no avatars, fonts or scripts from afar).
    assert browsers.outside == []
