from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from events.outbox.services import health


@require_safe
@never_cache
def healthz(request):
    healthy, details = health.report()
    return JsonResponse(details, status=200 if healthy else 503)
