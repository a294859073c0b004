from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = "Site content"

    def ready(self):
        # The whole-page cache purges on publishing, in every process (web, worker, beat).
        from campaign import pagecache

        pagecache.connect_purge_signals()

        # Mails and calendars read the organisation's name; a saved change shows at once.
        from django.db.models.signals import post_save

        from campaign import organisation

        post_save.connect(
            lambda **kwargs: organisation.forget(),
            sender="home.SiteSettings",
            weak=False,
            dispatch_uid="organisation-name",
        )
