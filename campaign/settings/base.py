"""Settings shared by every environment. Secrets and URLs come from the environment."""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from csp.constants import NONE, SELF, UNSAFE_INLINE

from .env import env, env_int, env_list, env_rate
from .release import release

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent
# Local state for the embedded setup: SQLite file, sent mail, Celery's file queue.
VAR_DIR = Path(env("TAPESTRY_VAR_DIR", BASE_DIR / "var"))

INSTALLED_APPS = [
    "home",
    "events",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "rest_framework",
    "wagtail.api.v2",
    "csp",
    "axes",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.forms",
]

MIDDLEWARE = [
    # Outermost: refuses TRACE and adds Permissions-Policy to every response (static
    # files and cached pages included).
    "campaign.middleware.BaselineMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Outermost but for security (and WhiteNoise in production): a hit skips sessions,
    # the database and templates, and a stored page keeps every header given inside.
    "campaign.middleware.AnonymousPageCacheMiddleware",
    # Inside the page cache, so a stored page is stored trimmed.
    "campaign.middleware.TrailingWhitespaceMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The language lives in the URL (/es/...), never in a cookie or Accept-Language.
    "campaign.middleware.UrlLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # After the CSRF middleware, so it still sees whether the page handed out a token.
    "campaign.middleware.PrivateResponseMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "campaign.middleware.ScopedCSPMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: it turns a lockout into its 429 response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "campaign.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# Form widgets render through TEMPLATES, so templates/django/forms/ can correct Django's
# markup (a tick box inside its label needs no "for").
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

WSGI_APPLICATION = "campaign.wsgi.application"


# Database: DATABASE_URL when given (PostgreSQL in production and CI), else SQLite in var/.
# Web, worker and beat share the SQLite file, so WAL, a busy timeout and IMMEDIATE
# transactions keep a writer from failing with "database is locked".
SQLITE_OPTIONS = {
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
}


def database_from_env(default_sqlite_path):
    url = env("DATABASE_URL")
    if url:
        config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    else:
        config = {"ENGINE": "django.db.backends.sqlite3", "NAME": str(default_sqlite_path)}
    if config["ENGINE"] == "django.db.backends.sqlite3":
        config["CONN_MAX_AGE"] = 0
        config.setdefault("OPTIONS", {}).update(SQLITE_OPTIONS)
    return config


DATABASES = {"default": database_from_env(VAR_DIR / "tapestry.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


# Redis, when given, serves as the Celery broker and the cache.
REDIS_URL = env("REDIS_URL")

# The code's release (TAPESTRY_RELEASE, else a fingerprint of the sources; see
# release.py). The cache's keys carry it (campaign/cache_keys.py), so a deploy never
# serves what older code drew.
TAPESTRY_RELEASE = release(BASE_DIR)
CACHE_KEY_FUNCTION = "campaign.cache_keys.release_scoped_key"


def redis_cache(url):
    """The cache settings for a Redis at ``url``."""
    return {
        # Degrades to "always a miss" while Redis is away (campaign/cache.py): pages get
        # slower, never a 500.
        "BACKEND": "campaign.cache.DegradingRedisCache",
        "LOCATION": url,
        "KEY_PREFIX": "tapestry",
        "KEY_FUNCTION": CACHE_KEY_FUNCTION,
        # Fail fast: a request must not hang on a Redis that is not answering.
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 1.0},
    }


if REDIS_URL:
    CACHES = {"default": redis_cache(REDIS_URL)}
else:
    # A file cache is shared by the web, worker and beat processes (locmem is not).
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
            "KEY_FUNCTION": CACHE_KEY_FUNCTION,
        }
    }


# Whole pages for anonymous readers (campaign/pagecache.py): kept this many seconds at
# most (0 turns the cache off). Publishing a story or an event drops the pages that show it
# (home.services.page_urls), anything else every page.
TAPESTRY_PAGE_CACHE_SECONDS = env_int("TAPESTRY_PAGE_CACHE_SECONDS", 300)
TAPESTRY_PAGE_CACHE_ALIAS = "default"
# Never stored, whatever their headers say: the admin, booking links, forms, health,
# documents (privacy rules), share cards and calendar feeds (both cached their own way).
TAPESTRY_PAGE_CACHE_SKIP = [
    r"^/admin/",
    r"^/documents/",
    r"^/my-bookings/",
    r"^/bookings/",
    r"^/healthz",
    r"^/comments/",
    r"^/share-your-story/",
    r"^/cards/",
    r"/volunteer/\d+/",
    r"/register/",
    r"\.ics$",
]
# Saving or deleting one of these purges the pages showing it (home.services.page_urls:
# instance_urls), or every cached page for what every page shows (settings, wording).
# Pages also purge on publish, unpublish, move and delete. Comment moderation purges in
# home.services.comments, as it updates rows in bulk without signals.
TAPESTRY_PAGE_CACHE_PURGE_MODELS = [
    "events.Venue",
    "events.EventKind",
    "events.Partner",
    "events.BrandSettings",
    "home.Author",
    "home.StoryCategory",
    "home.SiteSettings",
    "home.SiteWording",
    "home.Comment",
    "wagtailcore.PageViewRestriction",
    "wagtailcore.Site",
]
# New rows of these are shown nowhere yet: a reader's comment waits for moderation (and a
# flood of them must not empty the cache); a site's settings row is created by its first
# reader (``for_site``, a share card's rendering) with the defaults pages already show.
TAPESTRY_PAGE_CACHE_IGNORE_NEW = ["home.Comment", "home.SiteSettings", "events.BrandSettings"]
# A CDN or Varnish in front: Wagtail's front-end cache backends are sent the URLs a publish
# drops (off unless configured; see docs/deployment.md, "Front-end cache").
if env("TAPESTRY_FRONTEND_CACHE_URL"):
    WAGTAILFRONTENDCACHE = {
        "default": {
            # Wagtail's HTTPBackend with a time limit (a hung front end fails and is retried).
            "BACKEND": "campaign.frontend_cache.TimedHTTPBackend",
            "LOCATION": env("TAPESTRY_FRONTEND_CACHE_URL"),
        }
    }
# The purge list already holds each address in every language (English has no prefix,
# which Wagtail's own expansion into /<code>/... assumes every language has).
WAGTAILFRONTENDCACHE_LANGUAGES = []

# Celery. Without a broker URL the queue is a table in its own SQLite file under var/celery/
# (kombu's SQLAlchemy transport), so `make run` needs no Redis. It replaced the filesystem
# transport, whose worker died for good on a half-written message file: a row is written
# in one transaction, so a reader sees the whole message or none of it.
CELERY_QUEUE_DIR = VAR_DIR / "celery"
EMBEDDED_BROKER_URL = f"sqla+sqlite:///{CELERY_QUEUE_DIR / 'broker.sqlite3'}"
CELERY_BROKER_URL = env("CELERY_BROKER_URL", REDIS_URL or EMBEDDED_BROKER_URL)
CELERY_BROKER_TRANSPORT_OPTIONS = {}
# How long work a dead worker had in hand waits before another worker takes it over. One
# setting for both paths: Redis hands an unacknowledged task to another worker after this
# (its visibility timeout), and the outbox sweep reclaims a mail claimed longer ago than
# this (events/services/outbox.py). A task running longer than this may run twice, which
# every task allows (they re-check their rows); keep it above the longest task.
TAPESTRY_REDELIVERY_SECONDS = env_int("TAPESTRY_REDELIVERY_SECONDS", 60)
if CELERY_BROKER_URL.startswith("redis"):
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "visibility_timeout": TAPESTRY_REDELIVERY_SECONDS,
        # Look for overdue unacknowledged tasks often enough to honour that timeout
        # (kombu's default looks every 10 s and scans every 10th look).
        "unacked_restore_interval": max(1, min(10, TAPESTRY_REDELIVERY_SECONDS // 4)),
        "unacked_restore_throttle": 1,
    }
if CELERY_BROKER_URL.startswith("sqla+sqlite"):
    # Passed to SQLAlchemy's create_engine: web, worker and beat write the one file, so a
    # writer waits for the lock (seconds) instead of failing at once.
    CELERY_BROKER_TRANSPORT_OPTIONS = {"connect_args": {"timeout": 30}}
# Sites sharing one Redis keep apart by queue name.
CELERY_TASK_DEFAULT_QUEUE = env("TAPESTRY_CELERY_QUEUE", "tapestry")
CELERY_TASK_IGNORE_RESULT = True
# A task is acknowledged only after it ran, and redelivered if its worker died mid-way:
# tasks must therefore be idempotent (they re-check their row before acting).
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# What a task prints (the development mail backend's one line per mail) is not a warning.
CELERY_WORKER_REDIRECT_STDOUTS_LEVEL = "INFO"
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = "UTC"
# When the broker goes away the worker keeps trying to reconnect, for ever: at start-up,
# after a lost connection and after channel errors. Anything that still ends the process
# is for the process manager (Procfile platform, systemd Restart=always; see
# docs/deployment.md), and /healthz fails while owed mail is not moving.
CELERY_BROKER_CONNECTION_RETRY = True
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_CONNECTION_MAX_RETRIES = None
CELERY_BROKER_CHANNEL_ERROR_RETRY = True

# How often beat proves it is alive; /healthz reports the last tick.
HEARTBEAT_INTERVAL_SECONDS = env_int("TAPESTRY_HEARTBEAT_SECONDS", 30)
# /healthz answers 503 when the last beat tick is older than this.
HEARTBEAT_STALE_AFTER_SECONDS = env_int("TAPESTRY_HEARTBEAT_STALE_SECONDS", 300)
# /healthz answers 503 when a due mail has waited longer than this: beat, broker and a
# worker may each look alive while nothing is sent (a worker that exited for good).
TAPESTRY_MAIL_STALL_SECONDS = env_int("TAPESTRY_MAIL_STALL_SECONDS", 300)
CELERY_BEAT_SCHEDULE = {
    "heartbeat": {
        "task": "events.tasks.heartbeat",
        "schedule": float(HEARTBEAT_INTERVAL_SECONDS),
    },
    "outbox-sweep": {
        "task": "events.tasks.sweep_outbox",
        "schedule": float(env_int("TAPESTRY_SWEEP_SECONDS", 60)),
    },
    "release-expired-bookings": {"task": "events.tasks.release_expired_bookings", "schedule": 60.0},
    # Each source keeps its own interval (and back-off); this only looks for due ones.
    "pull-partner-calendars": {
        "task": "events.tasks.pull_partner_calendars",
        "schedule": float(env_int("TAPESTRY_IMPORT_CHECK_SECONDS", 5 * 60)),
    },
    # Scheduled publishing only happens when something runs Wagtail's publish_scheduled.
    "publish-scheduled-pages": {
        "task": "home.tasks.publish_scheduled_pages",
        "schedule": float(env_int("TAPESTRY_PUBLISH_SCHEDULED_SECONDS", 60)),
    },
    # A safety net: new comments also enqueue this task as soon as they arrive.
    "notify-comment-moderators": {
        "task": "home.tasks.notify_comment_moderators",
        "schedule": 15 * 60.0,
    },
    # Likewise for stories shared by readers.
    "notify-story-editors": {
        "task": "home.tasks.notify_waiting_story_editors",
        "schedule": 15 * 60.0,
    },
    # The morning after a shift (09:07 UTC): thanks to the volunteers who came, once each.
    "thank-volunteers": {
        "task": "events.tasks.thank_volunteers",
        "schedule": crontab(hour=9, minute=7),
    },
    # Daily: anonymise people whose bookings ended longer ago than the retention period.
    "purge-personal-data": {
        "task": "events.tasks.purge_personal_data",
        "schedule": crontab(hour=3, minute=41),
    },
    # Daily: standing registrations ("every meeting until I cancel") book the next meetings.
    "extend-standing-registrations": {
        "task": "events.tasks.extend_standing_registrations",
        "schedule": crontab(hour=3, minute=29),
    },
    # Daily: "add your event" submissions never confirmed by their link are forgotten.
    "forget-unconfirmed-submissions": {
        "task": "events.tasks.forget_unconfirmed_submissions",
        "schedule": crontab(hour=3, minute=53),
    },
    # Daily: extend the occurrence table of repeating events over the rolling horizon.
    "refresh-occurrences": {
        "task": "events.tasks.refresh_occurrences",
        "schedule": crontab(hour=3, minute=17),
    },
}
if CELERY_BROKER_URL.startswith("sqla+sqlite"):
    # The embedded broker keeps every delivered message; beat clears them (campaign/broker_tidy.py).
    CELERY_BEAT_SCHEDULE["tidy-embedded-broker"] = {
        "task": "campaign.celery.tidy_embedded_broker",
        "schedule": 15 * 60.0,
    }

# Sent mails marked per database commit by a send task. Higher is faster; it is also the
# most mails a worker killed mid-task can send twice (README, "Bookings and mail").
TAPESTRY_OUTBOX_COMMIT_EVERY = env_int("TAPESTRY_OUTBOX_COMMIT_EVERY", 10)
# Reminders before a booked shift or event, in hours; a bookable may set its own list.
TAPESTRY_REMINDER_HOURS = [48, 3]
# The default for people who registered to attend an event (an event may set its own).
TAPESTRY_ATTENDEE_REMINDER_HOURS = [24, 1]
# "Every meeting until I cancel" books each meeting this many days ahead (daily task).
TAPESTRY_STANDING_REGISTRATION_DAYS = env_int("TAPESTRY_STANDING_REGISTRATION_DAYS", 42)
# Names, contact details and access needs of people who booked are anonymised this many
# days after the last thing they booked ended (counts are kept).
TAPESTRY_RETENTION_DAYS = env_int("TAPESTRY_RETENTION_DAYS", 90)
# An "add your event" submission whose address was never confirmed (and its draft) goes
# after this many days.
TAPESTRY_UNCONFIRMED_SUBMISSION_DAYS = env_int("TAPESTRY_UNCONFIRMED_SUBMISSION_DAYS", 14)
# Links in booking mail (confirm, my sign-ups, private feed) stop working after this long.
TAPESTRY_CURRENCY = env("TAPESTRY_CURRENCY", "GBP")  # ISO 4217, for free events' offers
TAPESTRY_LINK_MAX_AGE_DAYS = env_int("TAPESTRY_LINK_MAX_AGE_DAYS", 180)

# Events: how far ahead repeating events are materialised, and the most rows one may have.
TAPESTRY_OCCURRENCE_HORIZON_DAYS = env_int("TAPESTRY_OCCURRENCE_HORIZON_DAYS", 548)
TAPESTRY_OCCURRENCE_CAP = env_int("TAPESTRY_OCCURRENCE_CAP", 2000)
# Calendar feeds: how often clients should refresh, how long cancelled events stay listed.
TAPESTRY_FEED_REFRESH_SECONDS = env_int("TAPESTRY_FEED_REFRESH_SECONDS", 3600)
TAPESTRY_FEED_TOMBSTONE_DAYS = env_int("TAPESTRY_FEED_TOMBSTONE_DAYS", 30)


# Passwords: staff accounts can publish to a vulnerable audience, so at least 12 characters,
# not a common password, not all digits and not close to the user's own name or email.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Login rate limiting (django-axes): its backend refuses a locked-out address before any
# password is checked. It must come first.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Failed attempts are rows in the database: shared by every web process, atomic on
# SQLite too (django-axes refuses a file or local-memory cache), and kept for a review.
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
# Only failures are recorded, not every successful staff login.
AXES_DISABLE_ACCESS_LOG = True
AXES_FAILURE_LIMIT = env_int("TAPESTRY_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("TAPESTRY_LOGIN_COOLOFF_MINUTES", 15))
# Per address, never per username alone: otherwise anyone could lock an editor out by
# typing their name wrongly five times.
AXES_LOCKOUT_PARAMETERS = ["ip_address"]
AXES_RESET_ON_SUCCESS = True
# The same proxy-aware address rule as every other rate limit on the site.
AXES_CLIENT_IP_CALLABLE = "events.core.services.ratelimit.client_address"
AXES_USERNAME_FORM_FIELD = "username"


# Internationalisation
LANGUAGE_CODE = "en-gb"
# The site's languages, each named in its own words (the switcher shows these names):
# English and Spanish (the demo town's second community language).
# Wagtail's locales and the URL prefixes (/es/...) follow this list.
LANGUAGES = [("en-gb", "English"), ("es", "Español")]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
WAGTAIL_I18N_ENABLED = True
TIME_ZONE = env("TAPESTRY_TIME_ZONE", "Europe/London")
USE_I18N = True
USE_TZ = True


# Static and media files: everything is served from this site, never from a CDN.
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [PROJECT_DIR / "static"]
STATIC_ROOT = Path(env("STATIC_ROOT", BASE_DIR / "static"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Wagtail's page editor can post many fields.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
# Request bodies other than file uploads (a page with a long StreamField is a few hundred
# kB); files are limited by the image and document limits below.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024


# Mail
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Tapestry <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL


# Wagtail
WAGTAIL_SITE_NAME = env("TAPESTRY_SITE_NAME", "Tapestry")
WAGTAILADMIN_BASE_URL = env("TAPESTRY_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# Documents go through Wagtail's view (privacy rules are checked, served as attachments),
# never straight from the media folder.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# No SVG: it can carry scripts.
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp", "avif"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# Decoding a huge image (a "pixel bomb") would take a worker's memory.
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No avatars from another site: Gravatar would learn who works in the admin, and when.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# Public forms: (attempts, seconds) per sender, counted in the shared cache.
TAPESTRY_COMMENT_RATE_LIMIT = (5, 10 * 60)
TAPESTRY_STORY_RATE_LIMIT = (3, 60 * 60)
# Generous: a community centre's volunteers may all sign up from one address.
# TAPESTRY_SIGNUP_RATE_LIMIT=ATTEMPTS/SECONDS overrides it (the sign-up benchmark raises it).
TAPESTRY_SIGNUP_RATE_LIMIT = env_rate("TAPESTRY_SIGNUP_RATE_LIMIT", (30, 60 * 60))
# How many reverse proxies in front of the site append to X-Forwarded-For (0: none, so
# REMOTE_ADDR is the reader). Rate limits count per reader address.
# Bounds on unconfirmed holds (events/services/holds.py): at a time per address, new
# holds per client per window (ATTEMPTS/SECONDS), the share of a bookable's places that
# may be unconfirmed at once (percent), and how long a lapsed hold costs its holder.
TAPESTRY_HOLDS_PER_ADDRESS = env_int("TAPESTRY_HOLDS_PER_ADDRESS", 3)
TAPESTRY_HOLDS_PER_CLIENT = env_rate("TAPESTRY_HOLDS_PER_CLIENT", (5, 60 * 60))
TAPESTRY_HOLDS_PER_CLIENT_PER_BOOKABLE = env_int("TAPESTRY_HOLDS_PER_CLIENT_PER_BOOKABLE", 1)
TAPESTRY_HOLDS_PER_BOOKABLE_SHARE = env_int("TAPESTRY_HOLDS_PER_BOOKABLE_PERCENT", 50) / 100
TAPESTRY_HOLD_LAPSE_PENALTY_HOURS = env_int("TAPESTRY_HOLD_LAPSE_PENALTY_HOURS", 24)
# Production settings trust a proxy, so `check --deploy` warns (tapestry.W001) until it is set.
TAPESTRY_TRUSTED_PROXY_HOPS = env_int("TAPESTRY_TRUSTED_PROXY_HOPS", 0)
# Device features no page here uses, turned off for every page (and anything it embeds).
TAPESTRY_PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=()"
)


# Content Security Policy: everything comes from this site; nothing inline runs.
# Public pages keep their scripts and styles in static files.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "media-src": [SELF],
        # Embedded videos open (after the reader's click) in a frame from their site, which
        # this blocks; the link beside each embed still works. A site that wants the frames
        # lists those origins in TAPESTRY_CSP_FRAME_ORIGINS (comma separated).
        "frame-src": [SELF, *env_list("TAPESTRY_CSP_FRAME_ORIGINS")],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [SELF],
    }
}
# Only the embeddable calendar (/embed/...) may be framed, by these origins (space
# separated in TAPESTRY_EMBED_FRAME_ANCESTORS, e.g. "https://partner.example"); any site
# when unset. Every other page keeps frame-ancestors 'self' and X-Frame-Options DENY.
TAPESTRY_EMBED_FRAME_ANCESTORS = env("TAPESTRY_EMBED_FRAME_ANCESTORS", "*").split()
# Wagtail 8's page editor still starts StreamFields and inline panels from inline <script>
# elements and sets style attributes from its scripts (checked in Chromium by
# tests/e2e/test_csp.py), so under /admin/ alone both may be inline. Still nothing from
# another site, and the admin is only for signed-in staff.
TAPESTRY_ADMIN_CSP_PREFIX = "/admin/"
TAPESTRY_ADMIN_CONTENT_SECURITY_POLICY = {
    **CONTENT_SECURITY_POLICY["DIRECTIVES"],
    "script-src": [SELF, UNSAFE_INLINE],
    "style-src": [SELF, UNSAFE_INLINE],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        # One JSON object a line, for log collectors; LOG_FORMAT=json turns it on.
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s %(process)d",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
    },
    # Booking links carry secret tokens in the path: never let one reach a log line.
    "filters": {"redact_tokens": {"()": "campaign.logs.RedactTokens"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json" if env("LOG_FORMAT") == "json" else "plain",
            "filters": ["redact_tokens"],
        },
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # runserver's request lines (Django gives them a handler of their own otherwise):
        # through ours, so a booking link's token never reaches the console.
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
        # Wagtail's in-process tasks log every run at INFO; only problems are worth showing.
        "django_tasks": {"level": "WARNING"},
    },
}
