"""Production: every secret from the environment, no defaults; refuses to start without them.

Required variables that are missing or empty, a "*" host and Stripe keys of the wrong kind stop every process
(settings/required.py); the demo's placeholder ANBI numbers stop the web process (pages/checks.py, gunicorn.conf.py).
"""

from .required import allowed_hosts, require, stripe_secret_key, stripe_webhook_secret

# Before base, which parses DATABASE_URL and CACHE_URL itself and would misread an empty one.
require()

from .base import *  # noqa: E402, F403
from .base import LOGGING, STORAGES, env, log_format  # noqa: E402

DEBUG = False
SECRET_KEY = env.str("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = allowed_hosts(env.str("DJANGO_ALLOWED_HOSTS"))
DATABASES = {"default": env.db("DATABASE_URL")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
CACHES = {"default": env.cache("CACHE_URL")}

# Media as chosen in base (MEDIA_STORAGE): base already refuses an unknown MEDIA_STORAGE, and s3 without
# AWS_STORAGE_BUCKET_NAME, so no production process starts with uploads going nowhere.
STORAGES = {
    "default": STORAGES["default"],
    "private": STORAGES["private"],
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# One JSON object per log line unless LOG_FORMAT=plain; web, worker and beat share this.
LOG_FORMAT = log_format("json")
LOGGING["handlers"]["console"]["formatter"] = LOG_FORMAT

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

# Live keys only, unless a staging site says it takes test-mode payments.
STRIPE_ALLOW_TEST_KEYS = env.bool("STRIPE_ALLOW_TEST_KEYS", default=False)
STRIPE_SECRET_KEY = stripe_secret_key(env.str("STRIPE_SECRET_KEY"), allow_test_keys=STRIPE_ALLOW_TEST_KEYS)
STRIPE_WEBHOOK_SECRET = stripe_webhook_secret(env.str("STRIPE_WEBHOOK_SECRET"))
STRIPE_API_BASE = ""  # production always talks to Stripe itself, never to the stand-in
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL")  # e.g. redis://redis:6379/0
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
