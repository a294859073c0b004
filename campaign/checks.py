"""System checks for settings that are easy to get wrong in production."""

from django.conf import settings
from django.core.checks import Tags, Warning, register

PROXY_HOPS_UNSET = "tapestry.W001"


@register(Tags.security, deploy=True)
def proxy_hops_set_behind_a_proxy(app_configs, **kwargs):
    """Behind a proxy every request comes from the proxy's address: with no trusted hops
    every rate limit and login lockout is then one shared bucket for everyone."""
    implied = bool(
        getattr(settings, "SECURE_PROXY_SSL_HEADER", None)
        or getattr(settings, "USE_X_FORWARDED_HOST", False)
        or getattr(settings, "USE_X_FORWARDED_PORT", False)
    )
    if implied and getattr(settings, "TAPESTRY_TRUSTED_PROXY_HOPS", 0) < 1:
        return [
            Warning(
                "These settings trust a reverse proxy (SECURE_PROXY_SSL_HEADER or "
                "USE_X_FORWARDED_*), but TAPESTRY_TRUSTED_PROXY_HOPS is not set: every "
                "visitor then shares one rate limit and one login lockout.",
                hint="Set TAPESTRY_TRUSTED_PROXY_HOPS to the number of proxies that append "
                "to X-Forwarded-For (usually 1).",
                id=PROXY_HOPS_UNSET,
            )
        ]
    return []
