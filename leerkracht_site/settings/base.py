"""Settings shared by every environment.

The environment is read here and only here (django-environ, typed). Values that are secrets have no default in
production; dev/test give safe local defaults.
"""

from pathlib import Path
from urllib.parse import urlsplit

import environ
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()

DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "core",
    "pages",
    "campaigns",
    "donations",
    "periodic_gifts",
    "newsletter",
    "partners",
    "reconciliation",
    "backoffice",
    "delivery",
    "staff_two_factor",
    "demo",
    "wagtail.contrib.forms",
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.simple_translation",
    "wagtail.locales",
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
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
]

MIDDLEWARE = [
    # Outermost: compresses what the others answer, unless already compressed (static files, page-cache hits).
    "django.middleware.gzip.GZipMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "leerkracht_site.middleware.PermissionsPolicyMiddleware",
    # Before anything reads the request: a NUL in the path, query or form gets a 400 instead of a database error.
    "leerkracht_site.middleware.RefuseNulCharactersMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Anonymous visitors' pages from the cache, before sessions, users and routing: no database on a hit.
    "delivery.page_cache.PageCacheMiddleware",
    "backoffice.middleware.StaffLoginRateLimitMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # After sessions, before common: the language comes from the URL (/en/…), Dutch everywhere else.
    "leerkracht_site.middleware.LanguageFromAddressMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "staff_two_factor.middleware.RequireVerifiedStaffMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "leerkracht_site.urls"

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

# Content-Security-Policy without 'unsafe-inline': the public site has no inline scripts or styles. The Wagtail
# admin needs inline code and is excluded. Donation forms redirect to Stripe Checkout, so form-action allows it.
CHECKOUT_ORIGINS = env.list("CHECKOUT_ORIGINS", default=["https://checkout.stripe.com"])
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "style-src": ["'self'"],
        "script-src": ["'self'"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'", *CHECKOUT_ORIGINS],
    },
}
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=()"
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

WSGI_APPLICATION = "leerkracht_site.wsgi.application"

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Write transactions take the lock at BEGIN, so two webhook deliveries queue up instead of failing.
    DATABASES["default"]["OPTIONS"] = {"transaction_mode": "IMMEDIATE", "timeout": 20}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=0)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Dutch is the site language, at the URLs without a prefix; English is the second language, under /en/.
# Interface strings are marked with Dutch source text; locale/en/LC_MESSAGES/django.po holds their English.
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True
# Pages are translated in Wagtail: one page tree per locale, linked by translation_key (wagtail.locales,
# wagtail.contrib.simple_translation). The en locale is created by a data migration (pages 0003).
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(BASE_DIR / "var" / "static")))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / "var" / "media")))
MEDIA_URL = "/media/"

# Uploaded images and documents: on the local disk (MEDIA_ROOT) or in an S3-compatible bucket (django-storages).
MEDIA_STORAGE_CHOICES = ("local", "s3")
MEDIA_STORAGE = env.str("MEDIA_STORAGE", default="local").strip().lower()
if MEDIA_STORAGE not in MEDIA_STORAGE_CHOICES:
    raise ImproperlyConfigured(
        f"MEDIA_STORAGE must be one of {', '.join(MEDIA_STORAGE_CHOICES)}, not {MEDIA_STORAGE!r}"
    )
if MEDIA_STORAGE == "s3":
    # No default: with s3 chosen, a missing bucket stops every process at start-up ("Set the … variable").
    AWS_STORAGE_BUCKET_NAME = env.str("AWS_STORAGE_BUCKET_NAME")
    _s3_endpoint_url = env.str("AWS_S3_ENDPOINT_URL", default="")  # non-AWS stores, e.g. https://s3.nl-ams.scw.cloud
    _s3_region = env.str("AWS_S3_REGION_NAME", default="")
    _s3_custom_domain = env.str("AWS_S3_CUSTOM_DOMAIN", default="")  # CDN host name in front of the bucket
    _s3_options = {
        "bucket_name": AWS_STORAGE_BUCKET_NAME,
        "region_name": _s3_region or None,
        "endpoint_url": _s3_endpoint_url or None,
        "custom_domain": _s3_custom_domain or None,
        # Other S3 stores address buckets by path; AWS by host name.
        "addressing_style": "path" if _s3_endpoint_url else "virtual",
        # Public image URLs without signatures, so the CDN and browsers can cache them.
        "querystring_auth": False,
        # Objects get no ACL of their own: the bucket policy decides what is public (images, not documents).
        "default_acl": None,
        "file_overwrite": False,
        "object_parameters": {"CacheControl": "public, max-age=86400"},
    }
    # Credentials only from the environment; without them boto3 uses the host's role (e.g. an instance profile).
    _s3_access_key = env.str("AWS_ACCESS_KEY_ID", default="")
    _s3_secret_key = env.str("AWS_SECRET_ACCESS_KEY", default="")
    if _s3_access_key and _s3_secret_key:
        _s3_options |= {"access_key": _s3_access_key, "secret_key": _s3_secret_key}
    _default_storage = {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": _s3_options}
    # Signed periodieke-gift agreements: in the bucket's private/ folder, which the bucket policy must not make
    # public, read only through the site's own views; no CDN domain, no cache headers.
    _private_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            **_s3_options,
            "location": "private",
            "custom_domain": None,
            "querystring_auth": True,
            "object_parameters": {"CacheControl": "private, no-store"},
        },
    }
    # Pages show images from the bucket (or the CDN), so the CSP must allow that origin.
    if _s3_custom_domain:
        MEDIA_ORIGIN = f"https://{_s3_custom_domain}"
    elif _s3_endpoint_url:
        _endpoint = urlsplit(_s3_endpoint_url)
        MEDIA_ORIGIN = f"{_endpoint.scheme}://{_endpoint.netloc}"
    else:
        _aws_host = f"s3.{_s3_region}.amazonaws.com" if _s3_region else "s3.amazonaws.com"
        MEDIA_ORIGIN = f"https://{AWS_STORAGE_BUCKET_NAME}.{_aws_host}"
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"].append(MEDIA_ORIGIN)
else:
    _default_storage = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    MEDIA_ORIGIN = ""
    # Signed periodieke-gift agreements: outside MEDIA_ROOT, so no web server serves them; the site's views read them.
    _private_storage = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {
            "location": env.str("PRIVATE_MEDIA_ROOT", default=str(BASE_DIR / "var" / "private")),
            "base_url": None,
            "file_permissions_mode": 0o600,
            "directory_permissions_mode": 0o700,
        },
    }

STORAGES = {
    "default": _default_storage,
    "private": _private_storage,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
# Uploads larger than this are refused with a message rather than filling the disk.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

WAGTAIL_SITE_NAME = "Stichting leerKRACHT"
# The site's own address: links in e-mails and the admin, and the default Wagtail Site's host and port
# (pages/site_address.py), from which the sitemap, robots.txt and canonical links take theirs.
SITE_BASE_URL = env.str("SITE_BASE_URL", default="http://127.0.0.1:8000")
WAGTAILADMIN_BASE_URL = SITE_BASE_URL
# Staff avatars are Wagtail's own image: no staff e-mail hash goes to Gravatar; the admin loads nothing from outside.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# Documents always go through Wagtail's view, which checks collection privacy, also when they are in a bucket
# (Wagtail would otherwise redirect to the bucket's URL). The documents/ folder must not be publicly readable.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 8 * 1024 * 1024
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp"]
# Make a published page's image renditions in the background, before the first visitor asks for them.
PREGENERATE_RENDITIONS = env.bool("PREGENERATE_RENDITIONS", default=True)

# A CDN in front of the site (docs/deploy.md): how long it may keep anonymous pages without a form, and how Wagtail's
# frontend cache purges it when the page cache starts a new generation. Nothing is purged when no backend is set.
CDN_CACHE_SECONDS = env.int("CDN_CACHE_SECONDS", default=0)
CDN_PURGE_DELAY_SECONDS = env.int("CDN_PURGE_DELAY_SECONDS", default=30)
WAGTAILFRONTENDCACHE = {}
# The purge task lists the pages of both languages itself; Wagtail need not re-prefix their URLs per language.
WAGTAILFRONTENDCACHE_LANGUAGES = []
if env.str("CDN_PURGE_URL", default=""):  # Varnish, Fastly or another cache that takes HTTP PURGE requests
    WAGTAILFRONTENDCACHE["http"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": env.str("CDN_PURGE_URL"),
    }
if env.str("CLOUDFLARE_ZONE_ID", default=""):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "ZONEID": env.str("CLOUDFLARE_ZONE_ID"),
        "BEARER_TOKEN": env.str("CLOUDFLARE_API_TOKEN"),  # required once a zone is set
    }
if env.str("CLOUDFRONT_DISTRIBUTION_ID", default=""):
    WAGTAILFRONTENDCACHE["cloudfront"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
        "DISTRIBUTION_ID": env.str("CLOUDFRONT_DISTRIBUTION_ID"),
    }
WAGTAILIMAGES_FORMAT_CONVERSIONS = {"jpeg": "webp", "png": "webp", "gif": "webp", "webp": "webp"}
WAGTAILEMBEDS_FINDERS = []  # No oEmbed calls to the outside world; video blocks store a link.
WAGTAIL_ALLOW_UNICODE_SLUGS = False

EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=30)
# With EMAIL_BACKEND=anymail.backends.<provider>.EmailBackend, ANYMAIL holds the provider's API key.
ANYMAIL = {"POSTMARK_SERVER_TOKEN": env.str("POSTMARK_SERVER_TOKEN", default="")}
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Stichting leerKRACHT <info@stichting-leerkracht.nl>")
STAFF_NOTIFICATION_EMAIL = env.str("STAFF_NOTIFICATION_EMAIL", default="partners@stichting-leerkracht.nl")

# Logs go to stderr, as plain lines or (LOG_FORMAT=json, the production default) one JSON object per line with
# timestamp, level, logger and message, plus status_code, method and path for Django's request logs. Both formatters
# mask e-mail addresses and Stripe secrets. Celery workers use this same configuration (leerkracht_site/celery.py).
LOG_FORMAT_CHOICES = ("plain", "json")


def log_format(default):
    value = env.str("LOG_FORMAT", default=default).strip().lower()
    if value not in LOG_FORMAT_CHOICES:
        raise ImproperlyConfigured(f"LOG_FORMAT must be one of {', '.join(LOG_FORMAT_CHOICES)}, not {value!r}")
    return value


LOG_FORMAT = log_format("plain")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {
            "()": "leerkracht_site.log_format.PlainFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s",
        },
        "json": {"()": "leerkracht_site.log_format.JsonFormatter"},
    },
    "filters": {
        # A publish queues one rendition task per page (the demo content: dozens at once); Celery's "received" and
        # "succeeded" lines of these are noise. Their failures still show.
        "quiet_tasks": {
            "()": "leerkracht_site.log_format.QuietTasks",
            "tasks": ["delivery.tasks.generate_renditions"],
        },
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT, "filters": ["quiet_tasks"]},
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        # Wagtail's index updates run as tasks; one log line each is noise.
        "django_tasks": {"level": "WARNING"},
        # Django's own handlers (with DEBUG a second, bare copy of each line; runserver's request lines in a format
        # of their own) give way to the console handler above: one line each, in one format.
        "django": {"handlers": [], "level": "INFO", "propagate": True},
        "django.server": {"handlers": [], "level": "INFO", "propagate": True},
    },
}
CELERY_WORKER_HIJACK_ROOT_LOGGER = False

# Stripe. STRIPE_API_BASE points the official client at the offline stand-in; empty means real Stripe.
STRIPE_SECRET_KEY = env.str("STRIPE_SECRET_KEY", default="")
STRIPE_WEBHOOK_SECRET = env.str("STRIPE_WEBHOOK_SECRET", default="")
STRIPE_API_BASE = env.str("STRIPE_API_BASE", default="")

# Online gifts: € 1 – € 25.000; larger gifts go through a partnership conversation.
DONATION_MIN_CENTS = 100
DONATION_MAX_CENTS = 2_500_000
# Estimate of Stripe's fee for "kosten bijdragen": 1,5% + € 0,25, rounded up to whole cents.
DONATION_FEE_PERCENT_BASIS_POINTS = 150
DONATION_FEE_FIXED_CENTS = 25
# Rate limits key on the visitor's address; behind N proxies that append to X-Forwarded-For, set TRUSTED_PROXY_COUNT=N.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
RATELIMIT_IP_META_KEY = "core.client_ip.client_ip"
DONATION_RATE_LIMIT = env.str("DONATION_RATE_LIMIT", default="10/m")
PARTNER_RATE_LIMIT = env.str("PARTNER_RATE_LIMIT", default="5/m")
STAFF_LOGIN_RATE_LIMIT = env.str("STAFF_LOGIN_RATE_LIMIT", default="10/15m")
# Two-factor login (TOTP) is optional per staff member; with STAFF_2FA_REQUIRED every staff member must set it up.
STAFF_2FA_REQUIRED = env.bool("STAFF_2FA_REQUIRED", default=False)
OTP_TOTP_ISSUER = "Stichting leerKRACHT"
# "Mijn donaties" links stay valid this long.
DONOR_LINK_MAX_AGE_SECONDS = 14 * 24 * 3600
# Asking for a new link by e-mail: per address, so nobody's inbox is flooded, and per client IP, so nobody tries
# address after address.
DONOR_LINK_RATE_LIMIT_PER_ADDRESS = env.str("DONOR_LINK_RATE_LIMIT_PER_ADDRESS", default="3/h")
DONOR_LINK_RATE_LIMIT_PER_IP = env.str("DONOR_LINK_RATE_LIMIT_PER_IP", default="10/h")

# Celery. The default broker needs no server: kombu's filesystem transport in var/broker (dev; its worker stops in time:
# leerkracht_site/filesystem_broker.py); Redis in production. The filesystem transport has no host, but kombu warns of
# a URL without one ("No hostname was supplied").
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="filesystem://localhost//")
_broker_folder = Path(env.str("CELERY_BROKER_FOLDER", default=str(BASE_DIR / "var" / "broker")))
CELERY_BROKER_TRANSPORT_OPTIONS = (
    {
        "data_folder_in": str(_broker_folder),
        "data_folder_out": str(_broker_folder),
        "processed_folder": str(_broker_folder / "processed"),
        "control_folder": str(_broker_folder / "control"),
    }
    if CELERY_BROKER_URL.startswith("filesystem")
    else {"visibility_timeout": 3600}
)
CELERY_TASK_DEFAULT_QUEUE = env.str("CELERY_TASK_DEFAULT_QUEUE", default="celery")
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_ACKS_LATE = True  # a task is acknowledged after it ran, so a killed worker does not lose it
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 120
CELERY_TASK_SOFT_TIME_LIMIT = 90
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
CELERY_TIMEZONE = TIME_ZONE

CELERY_BEAT_SCHEDULE = {
    "sweep-unsent-receipts": {"task": "donations.tasks.sweep_unsent_receipts", "schedule": 300.0},
    "sweep-unsent-refund-notices": {"task": "donations.tasks.sweep_unsent_refund_notices", "schedule": 300.0},
    "apply-waiting-stripe-events": {"task": "donations.tasks.apply_waiting_stripe_events", "schedule": 300.0},
    "sweep-unsent-partner-emails": {"task": "partners.tasks.sweep_unsent_request_emails", "schedule": 300.0},
    "sweep-unlisted-payouts": {"task": "reconciliation.tasks.sweep_unlisted_payouts", "schedule": 600.0},
    "annual-overviews": {
        "task": "donations.tasks.send_annual_overviews",
        "schedule": crontab(minute=0, hour=9, day_of_month="2-31", month_of_year=1),
    },
    "erase-inactive-donors": {
        "task": "donations.tasks.erase_inactive_donors",
        "schedule": crontab(minute=30, hour=3, day_of_month=1),
    },
    "periodic-gift-terms": {
        "task": "periodic_gifts.tasks.track_agreement_terms",
        "schedule": crontab(minute=15, hour=7),
    },
    "partner-request-reminders": {
        "task": "partners.tasks.send_partner_reminders",
        "schedule": crontab(minute=0, hour=8),
    },
}
# A Stripe event about a payment that is not in the ledger waits; this long after it arrived, staff are warned.
STRIPE_EVENT_WAIT_WARNING_SECONDS = env.int("STRIPE_EVENT_WAIT_WARNING_SECONDS", default=3600)
# A paid gift that no Stripe payout has held this many days after its payment is flagged in the reconciliation.
RECONCILIATION_PAYOUT_EXPECTED_WITHIN_DAYS = env.int("RECONCILIATION_PAYOUT_EXPECTED_WITHIN_DAYS", default=10)
# A paid donation whose receipt is still unsent this long after queueing is queued again by the sweep.
RECEIPT_SWEEP_AFTER_SECONDS = env.int("RECEIPT_SWEEP_AFTER_SECONDS", default=300)
# First retry delay for mail and Stripe errors; doubles up to an hour.
TASK_RETRY_BACKOFF_SECONDS = env.int("TASK_RETRY_BACKOFF_SECONDS", default=30)

# Periodieke gift (5-year agreement): yearly amount bounds, the signed copy's upload limit, and how long the donor's
# link to their agreement stays valid (the agreement runs for years; the link comes with every mail about it).
PERIODIC_GIFT_MIN_YEARLY_CENTS = 6_000
PERIODIC_GIFT_MAX_YEARLY_CENTS = 2_500_000
PERIODIC_GIFT_UPLOAD_MAX_BYTES = env.int("PERIODIC_GIFT_UPLOAD_MAX_BYTES", default=5 * 1024 * 1024)
PERIODIC_GIFT_LINK_MAX_AGE_SECONDS = 400 * 24 * 3600
