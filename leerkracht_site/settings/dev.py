"""Local development: SQLite, no external services, mails written to var/mail."""

from .base import *  # noqa: F403
from .base import BASE_DIR, Path, env

DEBUG = env.bool("DJANGO_DEBUG", default=True)
SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="dev-only-insecure-key-never-used-in-production")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])

EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="leerkracht_site.mail.EmlFileBackend")
EMAIL_FILE_PATH = Path(env.str("EMAIL_FILE_PATH", default=str(BASE_DIR / "var" / "mail")))

# Without real keys, the official client talks to the offline Stripe stand-in that `make run` starts.
STRIPE_SECRET_KEY = env.str("STRIPE_SECRET_KEY", default="sk_test_standin_dev")
STRIPE_WEBHOOK_SECRET = env.str("STRIPE_WEBHOOK_SECRET", default="whsec_standin_dev")
STRIPE_API_BASE = env.str("STRIPE_API_BASE", default="http://127.0.0.1:12111")
# The stand-in's checkout page runs on this machine.
CHECKOUT_ORIGINS = ["https://checkout.stripe.com", "http://127.0.0.1:*", "http://localhost:*"]
CONTENT_SECURITY_POLICY["DIRECTIVES"]["form-action"] = ["'self'", *CHECKOUT_ORIGINS]  # noqa: F405
