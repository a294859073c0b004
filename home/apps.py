from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Site content")

    def ready(self):
        # The whole-page cache purges on publishing, in every process (web, worker, beat):
        # a page, comment or snippet only the URLs that show it.
        from campaign import pagecache
        from home.services import page_urls

        pagecache.connect_purge_signals(
            affected_urls=page_urls.affected_urls, instance_urls=page_urls.instance_urls
        )

        # Mails and calendars read the organisation's name; a saved change shows at once.
        from django.db.models.signals import post_save

        from campaign import organisation

        post_save.connect(
            lambda **kwargs: organisation.forget(),
            sender="home.SiteSettings",
            weak=False,
            dispatch_uid="organisation-name",
        )

        # The story index's category and tag choices and a story's article are kept under
        # the editorial stamp (home.services.stories, story_article): a renamed or removed
        # category, tag or author replaces it.
        from django.db.models.signals import post_delete

        from events.core.services import editorial_stamp

        for sender in ("home.StoryCategory", "taggit.Tag", "home.Author"):
            for signal in (post_save, post_delete):
                signal.connect(
                    editorial_stamp.renew,
                    sender=sender,
                    weak=False,
                    dispatch_uid=f"editorial-stamp-{sender}-{signal is post_save}",
                )
        # A story's page of comments and the counts on story lists are kept under the
        # comments stamp: a comment saved (in the admin too) or deleted replaces it, as
        # does moderating (home.services.comments.moderate, a bulk update).
        for signal in (post_save, post_delete):
            signal.connect(
                editorial_stamp.renew_comments,
                sender="home.Comment",
                weak=False,
                dispatch_uid=f"comments-stamp-{signal is post_save}",
            )
