"""GET /api/v1/occurrences/: the read-only JSON API, cacheable and readable from any site."""

import json

from django.http import HttpResponse, HttpResponseNotAllowed
from django.views.decorators.csrf import csrf_exempt

from events.opendata.services import occurrences
from events.opendata.views.open_headers import allow_any_origin, open_and_cacheable

CONTENT_TYPE = "application/json"
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


def _json(data, status=200):
    body = json.dumps(data, ensure_ascii=False, indent=1).encode()
    return HttpResponse(body, content_type=CONTENT_TYPE, status=status)


@csrf_exempt  # it changes nothing, so a POST gets its honest 405, not a CSRF 403
def occurrences_list(request):
    """One page of occurrences; 304 when the client has these bytes, 400 for bad parameters."""
    if request.method == "OPTIONS":  # a browser's CORS preflight
        response = allow_any_origin(HttpResponse(status=204))
        response["Access-Control-Allow-Methods"] = ", ".join(SAFE_METHODS)
        response["Access-Control-Allow-Headers"] = "If-None-Match"
        response["Access-Control-Max-Age"] = "86400"
        return response
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(SAFE_METHODS)
    try:
        data = occurrences.page_of_occurrences(request.GET, request)
    except occurrences.BadRequest as exc:
        problem = {"error": "Bad parameters.", "fields": exc.args[0]}
        return allow_any_origin(_json(problem, status=400))
    return open_and_cacheable(request, _json(data))
