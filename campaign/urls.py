from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Everything the public reads, once per language: English (the source) without a prefix,
# the others under theirs (/es/...). Wagtail's page serving catches everything else, so it
# comes last.
urlpatterns += i18n_patterns(
    path("", include("events.urls")),
    path("", include("home.urls")),
    path("", include("home.serving")),
    prefix_default_language=False,
)
