"""Local development: `make run`. Never use these settings on a public server."""

from .base import *
from .env import env, env_int, env_list

DEBUG = True
# A fixed key is fine here: this module refuses nothing and serves only loopback by default.
SECRET_KEY = "dev-only-insecure-key-not-for-production"  # noqa: S105
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])

VAR_DIR.mkdir(parents=True, exist_ok=True)
CELERY_QUEUE_DIR.mkdir(parents=True, exist_ok=True)

# Sent mail goes to the console and to one .eml file per message under var/mail/.
EMAIL_BACKEND = env("EMAIL_BACKEND", "campaign.mail.ConsoleAndFileEmailBackend")
EMAIL_FILE_PATH = VAR_DIR / "mail"

# Off by default, so template and code changes show on the next reload;
# TAPESTRY_PAGE_CACHE_SECONDS=300 make run tries it out.
TAPESTRY_PAGE_CACHE_SECONDS = env_int("TAPESTRY_PAGE_CACHE_SECONDS", 0)
