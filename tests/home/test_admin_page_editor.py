"""The editors' side: pages made through the real editor form, under a story index of
their own (the rest of the admin, which shares one story index, is in test_admin.py)."""

from django.urls import reverse
from django.utils.text import slugify
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from home.models import StoryPage


class EditorCreatesPagesTests(WagtailPageTestCase):
    """Pages are made through the real editor form, as an editor would."""

    def setUp(self):
        from home import demo
        from home.models import StoryIndexPage

        self.login()
        home = demo.load_home_page(log=lambda message: None)
        self.index = home.add_child(instance=StoryIndexPage(title="Stories", slug="stories"))

    def form(self, title, body):
        return nested_form_data(
            {
                "title": title,
                "slug": slugify(title),
                "intro": "A short summary.",
                "body": streamfield(body),
                "storyteller_name": "",
                "canonical_url": "",
                "allow_comments": "on",
                "tags": "hope, walking",
            }
        )

    def test_an_editor_can_create_a_story_with_blocks(self):
        body = [
            ("heading", {"text": "Section", "level": "h2"}),
            ("paragraph", rich_text("<p>Hello</p>")),
            ("key_points", {"heading": "", "points": streamfield([("item", "One")])}),
        ]
        self.assertCanCreate(self.index, StoryPage, self.form("Made in the editor", body))
        page = StoryPage.objects.get(title="Made in the editor")
        assert [b.block_type for b in page.body] == ["heading", "paragraph", "key_points"]
        assert sorted(page.tags.names()) == ["hope", "walking"]

    def test_the_editor_refuses_a_skipped_heading_level_with_a_message(self):
        url = reverse("wagtailadmin_pages:add", args=["home", "storypage", self.index.pk])
        body = [("heading", {"text": "Detail", "level": "h3"})]

        response = self.client.post(url, self.form("Bad outline", body))

        assert response.status_code == 200  # the form again, not a crash
        assert "needs a section heading (h2) before it" in response.content.decode()
        assert not StoryPage.objects.filter(title="Bad outline").exists()
