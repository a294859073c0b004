"""Every public page carries the strict Content Security Policy and has nothing inline that
it would block; pages with forms, signed-in pages and the admin are never cached."""

import re

from django.conf import settings
from django.urls import reverse

from home.models import StoryPage
from tests.support.demo_pages import EMBEDS

PUBLIC_POLICY = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]
INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\bsrc=)(?![^>]*type=\"application/(ld\+)?json\")")
INLINE_STYLE = re.compile(r"<style\b|\sstyle=", re.IGNORECASE)
INLINE_HANDLER = re.compile(r"<[a-z][^>]*\son[a-z]+=", re.IGNORECASE)


def directives(header):
    return {
        name: values
        for name, *values in (part.split() for part in header.split(";") if part.strip())
    }


def test_every_public_page_carries_the_strict_policy(client, demo):
    extra = {
        "story-feed": reverse("home:story_feed_rss"),
        "calendar": reverse("events:feed"),
        "not-found": "/no-such-page/",
    }
    for name, path in {**demo, **extra}.items():
        response = client.get(path)
        assert response.status_code in {200, 404}, name
        policy = directives(response["Content-Security-Policy"])
        for directive, values in PUBLIC_POLICY.items():
            if name in EMBEDS and directive == "frame-ancestors":
                # Made to be framed by partner sites (tests/events/opendata/test_embeds.py).
                assert policy[directive] == ["*"], name
                continue
            assert policy[directive] == list(values), (name, directive)
        header = response["Content-Security-Policy"]
        assert "unsafe-inline" not in header, name
        assert "http" not in header, f"{name}: no other origin may be allowed"


def test_public_pages_have_no_inline_script_style_or_handler(client, demo):
    for name, path in demo.items():
        html = client.get(path).content.decode()
        assert not INLINE_SCRIPT.search(html), name
        assert not INLINE_STYLE.search(html), name
        assert not INLINE_HANDLER.search(html), name


def test_the_admin_alone_gets_its_looser_policy(staff_client):
    response = staff_client.get("/admin/")
    policy = directives(response["Content-Security-Policy"])
    assert policy["script-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["style-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["default-src"] == ["'self'"]
    assert "http" not in response["Content-Security-Policy"]


def no_store(response):
    cache_control = response.get("Cache-Control", "")
    return "private" in cache_control and "no-store" in cache_control


def test_pages_with_forms_are_never_cached(client, demo):
    for path in (
        demo["share-story"],
        demo["resend-links"],
        demo["manage"],
        demo["confirm"],
        "/admin/login/",
    ):
        assert no_store(client.get(path)), path


def test_form_errors_and_posts_are_never_cached(client, demo):
    response = client.post(demo["resend-links"], {"email": "not an address"})
    assert no_store(response)


def test_signed_in_pages_and_the_admin_are_never_cached(staff_client, demo):
    for path in ("/admin/", "/admin/pages/", demo["home"], demo["events-list"]):
        assert no_store(staff_client.get(path)), path


def test_anonymous_pages_without_a_form_stay_cacheable(client, demo):
    for name in ("home", "events-list", "month", "story-index", "subscribe"):
        response = client.get(demo[name])
        assert "private" not in response.get("Cache-Control", ""), name


def test_story_pages_stay_cacheable_with_their_comment_form(client, demo):
    # The comment form carries no CSRF token (its post is checked for coming from one of
    # our pages instead), so no cookie is set and the story can be cached.
    story = StoryPage.objects.live().filter(allow_comments=True).first()
    response = client.get(story.url)
    assert 'class="comment-form"' in response.content.decode()
    assert "private" not in response.get("Cache-Control", "")
    assert "csrftoken" not in response.cookies
