"""The site's URLs plus one trivial view: what Django and the middleware alone cost."""

from django.http import HttpResponse
from django.urls import path
from django.views.decorators.cache import never_cache

from campaign.urls import urlpatterns as site_urlpatterns


@never_cache  # the ceiling is a full trip through Django, never a page-cache hit
def bare(request):
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [path("bench/bare/", bare), *site_urlpatterns]
