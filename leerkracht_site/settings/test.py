"""Test settings: SQLite by default, PostgreSQL when DATABASE_URL says so."""

import os

from .base import *  # noqa: F403
from .base import BASE_DIR, Path, env

DEBUG = False
SECRET_KEY = "test-only-secret-key"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.locmem.EmailBackend")
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / "var" / "test-media")))
ALLOWED_HOSTS = ["*"]
STRIPE_SECRET_KEY = "sk_test_site_tests"  # noqa: S105
STRIPE_WEBHOOK_SECRET = "whsec_site_tests"  # noqa: S105
STRIPE_API_BASE = env.str("STRIPE_API_BASE", default="http://127.0.0.1:9")  # each test points it at its stand-in
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=True)
CELERY_TASK_EAGER_PROPAGATES = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file, not memory: worker tests start a real Celery worker that must see the same test database.
    # One file per test process, so parallel runs never share (or delete) each other's database.
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / "var" / f"test-db-{os.getpid()}.sqlite3")}  # noqa: F405
    (BASE_DIR / "var").mkdir(exist_ok=True)  # a fresh clone has no var/ yet
CHECKOUT_ORIGINS = ["https://checkout.stripe.com", "http://127.0.0.1:*", "http://localhost:*"]
CONTENT_SECURITY_POLICY["DIRECTIVES"]["form-action"] = ["'self'", *CHECKOUT_ORIGINS]  # noqa: F405
PREGENERATE_RENDITIONS = False  # the demo is loaded for many tests; tests/delivery/test_renditions.py turns it on
STORAGES["private"] = {  # noqa: F405
    "BACKEND": "django.core.files.storage.FileSystemStorage",
    "OPTIONS": {
        "location": env.str("PRIVATE_MEDIA_ROOT", default=str(BASE_DIR / "var" / "test-private")),
        "base_url": None,
    },
}
