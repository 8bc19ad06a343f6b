"""What production refuses to start with: required variables missing or empty, and values that cannot be right.

Messages name the variable and what is wrong with it, never its value: they end up in deploy logs.
"""

import os

from django.core.exceptions import ImproperlyConfigured

REQUIRED_VARIABLES = (
    "DJANGO_SECRET_KEY",
    "DJANGO_ALLOWED_HOSTS",
    "DATABASE_URL",
    "CACHE_URL",
    "CELERY_BROKER_URL",
    "STRIPE_SECRET_KEY",
    "STRIPE_WEBHOOK_SECRET",
)
STRIPE_LIVE_KEY_PREFIXES = ("sk_live_", "rk_live_")  # secret and restricted keys; pk_ keys are for browsers
STRIPE_TEST_KEY_PREFIXES = ("sk_test_", "rk_test_")
STRIPE_WEBHOOK_SECRET_PREFIX = "whsec_"  # noqa: S105 - a prefix, not a secret


def require(names=REQUIRED_VARIABLES):
    """Refuse a missing or empty variable; read straight from the environment, so it can run before base.py."""
    for name in names:
        value = os.environ.get(name)
        if value is None:
            raise ImproperlyConfigured(f"Set the {name} environment variable")  # as django-environ says it
        if not value.strip():
            raise ImproperlyConfigured(f"{name} is set but empty; production needs its real value")


def allowed_hosts(value, name="DJANGO_ALLOWED_HOSTS"):
    hosts = [host.strip() for host in value.split(",") if host.strip()]
    if not hosts:
        raise ImproperlyConfigured(f"{name} names no host; list the site's host names, separated by commas")
    if any("*" in host for host in hosts):
        # Django reads "*" as any Host header (and "*.x" as nothing); ".example.org" is its subdomain pattern.
        raise ImproperlyConfigured(
            f"{name} must not contain '*': list the site's host names (.example.org for all its subdomains)"
        )
    return hosts


def _starts_with(value, prefixes):
    return any(value.startswith(prefix) and len(value) > len(prefix) for prefix in prefixes)


def stripe_secret_key(key, allow_test_keys, name="STRIPE_SECRET_KEY"):
    if key.startswith("pk_"):
        raise ImproperlyConfigured(
            f"{name} is a publishable key (pk_…); the server needs the secret key (sk_live_…) or a restricted key "
            "(rk_live_…)"
        )
    if _starts_with(key, STRIPE_TEST_KEY_PREFIXES):
        if allow_test_keys:
            return key
        raise ImproperlyConfigured(
            f"{name} is a test-mode key (sk_test_…/rk_test_…) and takes no real payments; production needs a live "
            "key (sk_live_…/rk_live_…), or STRIPE_ALLOW_TEST_KEYS=true on a staging site"
        )
    if not _starts_with(key, STRIPE_LIVE_KEY_PREFIXES):
        raise ImproperlyConfigured(
            f"{name} is not a Stripe secret or restricted key; it must start with sk_live_ or rk_live_"
        )
    return key


def stripe_webhook_secret(secret, name="STRIPE_WEBHOOK_SECRET"):
    if not _starts_with(secret, (STRIPE_WEBHOOK_SECRET_PREFIX,)):
        # A wrong secret fails every signature check, so no payment would ever be recorded.
        raise ImproperlyConfigured(
            f"{name} is not a webhook signing secret; it must start with {STRIPE_WEBHOOK_SECRET_PREFIX} "
            "(the webhook endpoint's signing secret in the Stripe dashboard)"
        )
    return secret
