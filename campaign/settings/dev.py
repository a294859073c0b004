"""Local development: `make run`. Never use these settings on a public server."""

from .base import *
from .env import env, env_int, env_list

DEBUG = True
# A fixed key is fine here: this module refuses nothing and serves only loopback by default.
SECRET_KEY = "dev-only-insecure-key-not-for-production"  # noqa: S105
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])

# One address for the whole run: mail links, calendar files, feeds, the admin's own links and
# the Wagtail Site record (load_demo writes it there). `make run` passes HOST and PORT;
# TAPESTRY_BASE_URL wins when set (e.g. behind a tunnel).
_HOST = env("HOST", "127.0.0.1")
_HOST = "127.0.0.1" if _HOST in ("0.0.0.0", "") else _HOST  # noqa: S104 (an address to link to)
WAGTAILADMIN_BASE_URL = env("TAPESTRY_BASE_URL", f"http://{_HOST}:{env('PORT', '8000')}").rstrip(
    "/"
)

VAR_DIR.mkdir(parents=True, exist_ok=True)
CELERY_QUEUE_DIR.mkdir(parents=True, exist_ok=True)

# Sent mail goes to the console and to one .eml file per message under var/mail/.
EMAIL_BACKEND = env("EMAIL_BACKEND", "campaign.mail.ConsoleAndFileEmailBackend")
EMAIL_FILE_PATH = VAR_DIR / "mail"

# Off by default, so template and code changes show on the next reload;
# TAPESTRY_PAGE_CACHE_SECONDS=300 make run tries it out.
TAPESTRY_PAGE_CACHE_SECONDS = env_int("TAPESTRY_PAGE_CACHE_SECONDS", 0)

# The site's own 404 page for a mistyped address, as evaluators of the demo should see it;
# TAPESTRY_DEBUG_404=1 shows Django's debug page (with the URL patterns) instead.
if not env("TAPESTRY_DEBUG_404"):
    MIDDLEWARE = [*MIDDLEWARE, "campaign.middleware.DesignedNotFoundMiddleware"]

# A quiet console: one line per task run is noise in development (LOG_LEVEL=DEBUG shows
# them again); campaign/celery.py applies it after Celery sets up its own logging.
TAPESTRY_QUIET_TASK_LOGS = env("LOG_LEVEL", "INFO").upper() != "DEBUG"
