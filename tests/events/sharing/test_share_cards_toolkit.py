"""The campaign toolkit: square and story cards for the campaign and each public event,
with suggested posts, each downloadable; nothing private, nothing from other sites."""

import io
import re
from datetime import timedelta
from html import unescape

import pytest
from django.utils import timezone
from PIL import Image
from wagtail.models import PageViewRestriction

from events.models import ShareCard
from events.sharing.services import toolkit
from tests.events import factories

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.slow(reason="each publish draws the pages' cards with Pillow (4-5 s a test)"),
]

SECRET_ADDRESS = "7 Hidden Court"
SECRET_VENUE = "Larch Meeting Room"
SECRET_LINK = "https://meet.example/secret-room-4471"
DOWNLOAD = re.compile(r'<a [^>]*href="(/cards/[0-9a-f]{64}\.png)" download="([^"]+)"')
SIZES = {"square": (1080, 1080), "story": (1080, 1920)}


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def campaign():
    return factories.campaign(hashtag="TalkMore", theme="Small steps together")


def soon(days):
    return timezone.localdate() + timedelta(days=days)


@pytest.fixture
def programme(campaign):
    """Two public events, a private-address support group, and events that must not show."""
    walk = factories.event(campaign, title="Walk and talk", campaign=campaign, start_date=soon(4))
    room = factories.venue(
        name=SECRET_VENUE, address=f"{SECRET_ADDRESS}\nRiverside RV9 9ZZ", area="Riverside north"
    )
    group = factories.event(
        campaign,
        title="Thursday peer support",
        kind=factories.kind("Support group", "support-group"),
        campaign=campaign,
        venue=room,
        attendance_mode="hybrid",
        join_url=SECRET_LINK,
        address_after_registration=True,
        join_link_after_registration=True,
        start_date=soon(6),
    )
    # Named by the campaign but filed elsewhere in the tree: still part of it.
    elsewhere = factories.event(title="Library drop-in", campaign=campaign, start_date=soon(8))
    hidden = {
        "draft": factories.event(campaign, title="Draft event", campaign=campaign, publish=False),
        "past": factories.event(
            campaign, title="Last year's walk", campaign=campaign, start_date=soon(-400)
        ),
        "cancelled": factories.event(
            campaign,
            title="Called-off picnic",
            campaign=campaign,
            status="cancelled",
            status_reason="Rain.",
            start_date=soon(9),
        ),
        "restricted": factories.event(
            campaign, title="Volunteers' briefing", campaign=campaign, start_date=soon(10)
        ),
    }
    PageViewRestriction.objects.create(
        page=hidden["restricted"], restriction_type=PageViewRestriction.LOGIN
    )
    return [walk, group, elsewhere], hidden


def toolkit_url(campaign):
    return campaign.url + "toolkit/"


def test_toolkit_lists_square_and_story_cards_for_the_campaign_and_each_public_event(
    client, campaign, programme
):
    shown, hidden = programme

    response = client.get(toolkit_url(campaign))

    assert response.status_code == 200
    html = response.content.decode()
    downloads = DOWNLOAD.findall(html)
    expected = {
        f"{page.slug}-{layout}.png" for page in [campaign, *shown] for layout in ("square", "story")
    }
    assert {name for _url, name in downloads} == expected
    assert len(downloads) == len(expected)
    for page in hidden.values():
        assert page.title.replace("'", "&#x27;") not in html
    # Soonest first, after the campaign itself.
    positions = [html.index(page.title) for page in [campaign, *shown]]
    assert positions == sorted(positions)


def test_every_download_is_an_image_of_its_layouts_size(client, campaign, programme):
    html = client.get(toolkit_url(campaign)).content.decode()

    for url, name in DOWNLOAD.findall(html):
        layout = name.rsplit("-", 1)[1].removesuffix(".png")
        response = client.get(url)
        assert response.status_code == 200
        assert response["Content-Type"] == "image/png"
        image = Image.open(io.BytesIO(b"".join(response.streaming_content)))
        assert image.size == SIZES[layout], name
        assert f"{SIZES[layout][0]} \N{MULTIPLICATION SIGN} {SIZES[layout][1]} pixels" in html


PREVIEW = re.compile(
    r'<a href="(/cards/[0-9a-f]{64}\.png)" class="toolkit__preview"><img src="([^"]+)"'
    r' srcset="([^"]+)" sizes="[^"]+" alt="[^"]+" width="(\d+)" height="(\d+)"'
)


def test_toolkit_shows_small_thumbnails_linked_to_the_full_card(client, campaign, programme):
    shown, _hidden = programme
    html = client.get(toolkit_url(campaign)).content.decode()

    previews = PREVIEW.findall(html)
    assert len(previews) == 2 * (1 + len(shown))
    assert not re.search(r'<img src="/cards/[0-9a-f]{64}\.png"', html)
    page_bytes = 0
    for full, src, srcset, width, height in previews:
        card = client.get(full)
        card_bytes = len(b"".join(card.streaming_content))
        candidates = dict(reversed(item.rsplit(" ", 1)) for item in srcset.split(", "))
        assert set(candidates) == {"256w", "512w"}
        assert candidates["256w"] == src
        for descriptor, url in candidates.items():
            response = client.get(url)
            assert response.status_code == 200
            assert response["Content-Type"] == "image/webp"
            assert "immutable" in response["Cache-Control"]
            data = b"".join(response.streaming_content)
            image = Image.open(io.BytesIO(data))
            assert image.format == "WEBP"
            assert image.width == int(descriptor.removesuffix("w"))
            # Same shape as the card, so the width/height attributes reserve the right box.
            assert abs(image.height / image.width - int(height) / int(width)) < 0.01
            # Far smaller than the full card (a quarter of its pixels at most).
            shrink = 5 if descriptor == "256w" else 3
            assert len(data) * shrink < card_bytes, (url, len(data), card_bytes)
        page_bytes += len(b"".join(client.get(src).streaming_content))
        assert int(width) == 256
    # What the page loads at 256 px for all its cards is small.
    assert page_bytes < 300_000


def test_thumbnail_of_an_unknown_card_or_width_is_not_found(client, campaign, programme):
    html = client.get(toolkit_url(campaign)).content.decode()
    src = PREVIEW.findall(html)[0][1]
    assert client.get(src.replace("-256w", "-300w")).status_code == 404
    assert client.get("/cards/" + "0" * 64 + "-256w.webp").status_code == 404


def test_replaced_card_takes_its_thumbnails_with_it(
    campaign, media, django_capture_on_commit_callbacks
):
    from events.sharing.services import share_card_store, share_card_thumbs

    card = share_card_store.get_or_render(campaign, "square")
    share_card_thumbs.srcset(card)
    names = [share_card_thumbs.name_for(card.content_hash, w) for w in share_card_thumbs.WIDTHS]
    assert all((media / name).exists() for name in names)
    with django_capture_on_commit_callbacks(execute=True):
        share_card_store.delete_card(card)
    assert not any((media / name).exists() for name in names)


def test_suggested_posts_carry_the_hashtag_and_the_page_address(client, campaign, programme):
    shown, _hidden = programme
    html = unescape(client.get(toolkit_url(campaign)).content.decode())

    posts = re.findall(r'<p class="toolkit__post">([^<]+)</p>', html)

    assert len(posts) == 1 + len(shown)
    assert all(post.endswith("#TalkMore") for post in posts)
    assert "Small steps together." in posts[0]
    assert f"http://testserver{campaign.url}" in posts[0]
    for post, event in zip(posts[1:], shown, strict=True):
        assert event.title in post and f"http://testserver{event.url}" in post


def test_private_details_never_appear_in_the_toolkit(client, campaign, programme):
    html = client.get(toolkit_url(campaign)).content.decode()

    assert "Riverside north" in html  # the area is public...
    for secret in (SECRET_ADDRESS, SECRET_VENUE, SECRET_LINK, "RV9 9ZZ"):
        assert secret not in unescape(html)  # ...the address and link are not


def test_cards_drawn_once_are_reused_on_the_next_visit(client, campaign, programme):
    client.get(toolkit_url(campaign))
    count = ShareCard.objects.count()

    client.get(toolkit_url(campaign))

    # Square and story cards for the campaign and its three events, plus the campaign's
    # landscape card that the page's own Open Graph preview uses.
    assert count == 2 * 4 + 1
    assert ShareCard.objects.count() == count


def test_toolkit_is_calm_and_self_contained(client, campaign, programme):
    html = client.get(toolkit_url(campaign)).content.decode()

    assert "<script" not in html
    assert "<h1>Social media toolkit</h1>" in html
    for url in re.findall(r'(?:src|href)="([^"]+)"', html):
        assert not url.startswith(("http:", "https:", "//")), url
    # Every preview has a text alternative saying what the card says.
    for alt in re.findall(r'<img [^>]*alt="([^"]*)"', html):
        assert alt.strip()


def test_campaign_page_links_to_its_toolkit(client, campaign):
    html = client.get(campaign.url).content.decode()

    assert f'href="{toolkit_url(campaign)}"' in html


def test_restricted_campaign_has_no_public_toolkit(client, campaign, programme):
    PageViewRestriction.objects.create(
        page=campaign, restriction_type=PageViewRestriction.PASSWORD, password="pw"
    )

    html = client.get(toolkit_url(campaign)).content.decode()

    assert "/cards/" not in html
    assert not ShareCard.objects.exists()


def test_campaign_events_service_matches_the_page(campaign, programme):
    shown, _hidden = programme

    assert list(toolkit.campaign_events(campaign)) == shown
