"""The headers every open-data answer carries: readable from any site (CORS), an ETag so a
client that has the bytes gets a 304, and public caching for five minutes."""

import hashlib

from django.utils.cache import get_conditional_response

MAX_AGE = 300


def allow_any_origin(response):
    response["Access-Control-Allow-Origin"] = "*"
    return response


def open_and_cacheable(request, response):
    """Return ``response`` (or a 304 in its place) with ETag, caching and CORS headers.

    ``request`` is Django's HttpRequest; ``response`` must have its content rendered."""
    etag = '"' + hashlib.sha256(response.content).hexdigest()[:40] + '"'
    response = get_conditional_response(request, etag=etag) or response
    response["ETag"] = etag
    response["Cache-Control"] = f"public, max-age={MAX_AGE}"
    return allow_any_origin(response)
