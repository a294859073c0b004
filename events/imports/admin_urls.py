from django.urls import path

import campaign.converters  # noqa: F401 (registers the <id:...> path converter)
from events.imports.views import review

app_name = "imports_admin"

urlpatterns = [
    path("", review.pending, name="review"),
    path("<id:change_id>/approve/", review.decide, {"action": "approve"}, name="approve"),
    path("<id:change_id>/reject/", review.decide, {"action": "reject"}, name="reject"),
]
