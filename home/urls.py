from django.urls import path
from wagtail.contrib.sitemaps import Sitemap as PageSitemap
from wagtail.contrib.sitemaps.views import sitemap

import campaign.converters  # noqa: F401 (registers the <id:...> path converter)
from events.partners.services.sitemap import PartnerPagesSitemap
from home import feeds, views

app_name = "home"

urlpatterns = [
    path("feeds/stories/rss/", feeds.StoryFeed(), name="story_feed_rss"),
    path("feeds/stories/atom/", feeds.AtomStoryFeed(), name="story_feed_atom"),
    path("feeds/stories/<slug:category>/rss/", feeds.StoryFeed(), name="category_feed_rss"),
    path(
        "feeds/stories/<slug:category>/atom/",
        feeds.AtomStoryFeed(),
        name="category_feed_atom",
    ),
    path("search/", views.site_search, name="search"),
    path("comments/<id:page_id>/", views.post_comment, name="post_comment"),
    path("share-your-story/", views.share_story, name="share_story"),
    path("share-your-story/thanks/", views.share_story_thanks, name="share_story_thanks"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("apple-touch-icon.png", views.icon_png, {"size": 180}, name="apple_touch_icon"),
    path("icon-192.png", views.icon_png, {"size": 192}, name="icon_192"),
    path("icon-512.png", views.icon_png, {"size": 512}, name="icon_512"),
    path("manifest.webmanifest", views.web_manifest, name="web_manifest"),
    # Every live page the public may see (Wagtail leaves out drafts and restricted pages),
    # and the partner pages, which are views rather than pages.
    path(
        "sitemap.xml",
        sitemap,
        {"sitemaps": {"pages": PageSitemap, "partners": PartnerPagesSitemap}},
        name="sitemap",
    ),
    path("robots.txt", views.robots_txt, name="robots_txt"),
]
