from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = "Site content"

    def ready(self):
        # The whole-page cache purges on publishing, in every process (web, worker, beat).
        from campaign import pagecache

        pagecache.connect_purge_signals()
