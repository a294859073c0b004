"""Serve stored share cards at /cards/<content hash>.<png|webp>.

Served through this view rather than straight from MEDIA_URL so the headers are right
whatever serves media: a hash URL never changes meaning, so it may be cached for a year
and marked immutable, and a conditional request on the hash answers 304 without reading
the file. Cards are public images with no personal data; nothing here sets cookies.
"""

from django.http import FileResponse, Http404, HttpResponseNotModified
from django.views.decorators.http import require_safe

from events.sharing.models import ShareCard
from events.sharing.services import card_types, share_card_store, share_card_thumbs

ONE_YEAR = 365 * 24 * 60 * 60


def _cache_headers(response, etag):
    response["Cache-Control"] = f"public, max-age={ONE_YEAR}, immutable"
    response["ETag"] = etag
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_safe
def share_card(request, content_hash, ext):
    etag = f'"{content_hash}"'
    card = share_card_store.find_by_hash(content_hash, ext)
    if card is None:
        raise Http404("No such card.")
    if etag in request.headers.get("If-None-Match", ""):
        return _cache_headers(HttpResponseNotModified(), etag)
    try:
        handle = card.image.open("rb")
    except FileNotFoundError:
        raise Http404("No such card.") from None
    response = FileResponse(handle, content_type=card_types.FORMATS[ext])
    return _cache_headers(response, etag)


@require_safe
def share_card_thumb(request, content_hash, width):
    """A small WebP copy of a stored card, drawn on first request if need be."""
    width = int(width)
    etag = f'"{content_hash}-{width}"'
    card = ShareCard.objects.filter(content_hash=content_hash).order_by("pk").first()
    if card is None or width not in share_card_thumbs.WIDTHS:
        raise Http404("No such card.")
    if etag in request.headers.get("If-None-Match", ""):
        return _cache_headers(HttpResponseNotModified(), etag)
    try:
        name = share_card_thumbs.ensure(card, width)
        handle = share_card_thumbs.default_storage.open(name, "rb")
    except FileNotFoundError:
        raise Http404("No such card.") from None
    return _cache_headers(FileResponse(handle, content_type="image/webp"), etag)
