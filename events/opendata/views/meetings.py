"""GET /meetings.json: the meeting-finder feed, with the public feeds' caching manners."""

import hashlib
import json

from django.conf import settings
from django.http import HttpResponse
from django.utils import translation
from django.utils.cache import get_conditional_response
from django.views.decorators.http import require_safe

from events.opendata.services import meetings

CONTENT_TYPE = "application/json"


def _headers(response, etag):
    response["ETag"] = etag
    response["Cache-Control"] = "public, max-age=300"
    # Meeting finders on other sites read the feed from the browser.
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_safe
def meetings_json(request):
    """The whole feed, or a 304 when the client already has these bytes."""
    # A machine-read feed: its few words stay in the source language whatever the request.
    with translation.override(settings.LANGUAGE_CODE):
        body = json.dumps(meetings.meetings(), ensure_ascii=False, indent=1).encode()
    etag = '"' + hashlib.sha256(body).hexdigest()[:40] + '"'
    not_modified = get_conditional_response(request, etag=etag)
    if not_modified is not None:
        return _headers(not_modified, etag)
    return _headers(HttpResponse(body, content_type=CONTENT_TYPE), etag)
