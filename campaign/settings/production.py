"""Production: every secret and URL comes from the environment; missing ones stop startup."""

from django.core.exceptions import ImproperlyConfigured

from .base import *
from .env import env, env_bool, env_int, env_list, env_required

DEBUG = False

SECRET_KEY = env_required("SECRET_KEY")
if len(SECRET_KEY) < 50 or SECRET_KEY.startswith(("dev-only", "test-only", "django-insecure")):
    raise ImproperlyConfigured("SECRET_KEY must be a long random value unique to this site.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must list the site's host names.")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

env_required("DATABASE_URL")
DATABASES = {"default": database_from_env(None)}
WAGTAILADMIN_BASE_URL = env_required("TAPESTRY_BASE_URL")
# Redis is the broker and the cache; the filesystem transport is for one machine only.
env_required("REDIS_URL")

# Mail through an SMTP relay.
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = env_required("EMAIL_HOST")
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
EMAIL_TIMEOUT = 20

# HTTPS is terminated by the proxy in front, which sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
# The preload flag only makes the domain eligible for browsers' HTTPS-only lists; a site
# on a shared parent domain that may still need plain HTTP can set it to false.
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

# The app serves its own static files (no CDN): compressed copies and content-hashed
# names, so browsers can cache them for a year.
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "whitenoise.middleware.WhiteNoiseMiddleware",
)
STORAGES["staticfiles"]["BACKEND"] = "whitenoise.storage.CompressedManifestStaticFilesStorage"

# Media (uploaded images and documents) on local disk by default, or in an S3-compatible
# bucket when TAPESTRY_MEDIA_BUCKET is set (install the "s3" extra: django-storages).
MEDIA_BUCKET = env("TAPESTRY_MEDIA_BUCKET", "")
if MEDIA_BUCKET:
    media_options = {
        "bucket_name": MEDIA_BUCKET,
        "endpoint_url": env("TAPESTRY_MEDIA_ENDPOINT_URL", "") or None,
        "region_name": env("TAPESTRY_MEDIA_REGION", "") or None,
        "custom_domain": env("TAPESTRY_MEDIA_DOMAIN", "") or None,
        # Objects are private; pages link to signed URLs (documents go through Wagtail's
        # serve view in any case).
        "default_acl": None,
        "querystring_auth": env_bool("TAPESTRY_MEDIA_SIGNED_URLS", True),
        "file_overwrite": False,
    }
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {key: value for key, value in media_options.items() if value is not None},
    }
    # Images then load from the bucket's origin: the only other origin pages may use.
    media_origin = env("TAPESTRY_MEDIA_ORIGIN", "")
    if not media_origin:
        raise ImproperlyConfigured(
            "TAPESTRY_MEDIA_ORIGIN must name the bucket's origin (e.g. https://media.example) "
            "so the Content Security Policy can allow its images."
        )
    for policy in (CONTENT_SECURITY_POLICY["DIRECTIVES"], TAPESTRY_ADMIN_CONTENT_SECURITY_POLICY):
        policy["img-src"] = [*policy["img-src"], media_origin]

# Sessions are read from the Redis cache and written through to the database, so an editor
# stays signed in while Redis is away (the cache then only misses).
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
# Structured logs by default on servers.
LOGGING["handlers"]["console"]["formatter"] = (
    "json" if env("LOG_FORMAT", "json") == "json" else "plain"
)
