"""WSGI entry point. Set DJANGO_SETTINGS_MODULE=campaign.settings.production on a server."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "campaign.settings.dev")

application = get_wsgi_application()
