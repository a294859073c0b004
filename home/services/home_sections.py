"""The home page's hero, welcome, current campaign and latest stories, kept rendered.

They change when an editor changes a page, an image, an author, a category or a tag
(each replaces the editorial stamp), when a new day starts (the campaign running today,
or the next one), and when a moderator approves a comment on a listed story (its card
shows the count). So the key names the day and the listed stories' ids, versions and
comment counts, read in the page's one query; the cards' rows and pictures are read only
when the sections are drawn. "Coming up" is kept apart (``calendar_tags.next_events``).
"""

from django.utils import timezone, translation

from events.calendar.services import listing
from events.core.services import editorial_stamp, fragments
from home.services import stories

LATEST = 3
PARTS = ("top", "stories")


def sections(request, page):
    """{"top", "stories"}: the kept HTML of the page's two editorial sections."""
    today = timezone.localdate()
    latest = editorial_stamp.kept_here(
        f"home-latest:{translation.get_language()}",
        lambda: list(stories.stamped(stories.newest_first(stories.live_story_pages()))[:LATEST]),
        also=("comments",),
    )

    def render():
        context = {
            "page": page,
            "current_campaign": listing.current_campaign(today),
            "latest_stories": stories.cards(latest),
        }
        return fragments.render_parts("home/includes/home_", PARTS, context, request)

    return fragments.kept_for_request("home-page", request, (request.path, today, latest), render)
