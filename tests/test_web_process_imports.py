"""A web process serving pages does not import what only payments, the Celery worker, beat or the tests need.

Each module a web worker imports costs every worker memory and start-up time; these are imported where they are first
used (see the comment at each import), so a process that only serves pages never loads them.
"""

import io
import json
import os
import subprocess
import sys
from pathlib import Path

from django.core.management import call_command

from scripts.worker_footprint import SERVE_PAGES
from tests.test_production_settings import PRODUCTION_ENV, _test_database_url

REPO = Path(__file__).resolve().parents[1]
PAGES = (
    "/",
    "/campagnes/besturenprogramma/",
    "/verhalen/mariaschool-rotterdam-bordsessies-groep-3/",
    "/periodiek-schenken/",
)

# Module (and its submodules) -> who needs it instead.
NOT_FOR_PAGE_VIEWS = {
    "stripe": "payments, webhooks and refunds (donations/stripe_gateway.py imports it on first use)",
    "holidays": "the partner reminder task in the Celery worker (partners/workdays.py)",
    "reportlab": "the receipts' PDFs, made in the Celery worker (donations/pdf.py)",
    "openpyxl": "the admin's spreadsheet exports",
    "pypdf": "checking and joining signed periodieke-gift agreements (periodic_gifts/agreement_pdf.py)",
    "num2words": "the amount in words on a periodieke-gift agreement (periodic_gifts/agreement_pdf.py)",
    "celery.beat": "celery beat",
    "celery.apps": "the celery worker and beat commands",
    "stripe_standin": "development and tests (devtools/stripe-standin)",
    "hypothesis": "the tests",
    "factory": "the tests",
    "pytest": "the tests",
}


def _production(command, tmp_path):
    leaking = {*PRODUCTION_ENV, "DJANGO_ALLOW_ASYNC_UNSAFE", "CELERY_TASK_ALWAYS_EAGER", "MEDIA_ROOT"}
    clean = {key: value for key, value in os.environ.items() if key not in leaking}
    env = {
        **clean,
        **PRODUCTION_ENV,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": _test_database_url(),  # the demo pages this test committed
        "CACHE_URL": "locmemcache://",
        "CELERY_BROKER_URL": "redis://127.0.0.1:9/0",  # nothing listens there; a page view queues nothing
        "STATIC_ROOT": str(tmp_path / "static"),
        "MEDIA_ROOT": str(tmp_path / "media"),
        "PREGENERATE_RENDITIONS": "false",
        "LOG_LEVEL": "WARNING",
    }
    result = subprocess.run(  # noqa: S603
        [sys.executable, *command], cwd=REPO, env=env, capture_output=True, text=True, timeout=180
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_serving_pages_imports_nothing_only_payments_the_worker_or_the_tests_need(
    django_db_serialized_rollback, transactional_db, tmp_path
):
    call_command("load_demo_content", stdout=io.StringIO())
    _production(["manage.py", "collectstatic", "--noinput"], tmp_path)  # the manifest production's templates need

    served = json.loads(_production(["-c", SERVE_PAGES, *PAGES], tmp_path).splitlines()[-1])

    assert served["statuses"] == ["200 OK"] * len(PAGES)
    loaded = {
        name: needed_by
        for name, needed_by in NOT_FOR_PAGE_VIEWS.items()
        if any(module == name or module.startswith(name + ".") for module in served["modules"])
    }
    assert not loaded, f"imported by a web process serving pages, but only needed by: {loaded}"
