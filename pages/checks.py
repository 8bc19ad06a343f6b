"""A live site must not publish the demo's placeholder ANBI numbers: receipts, the footer and the ANBI page show them.

The numbers live in the database (the ANBI setting of the default site), so this is a database check, deployment
only, as Django's own database checks: `manage.py check --deploy --database default` runs it, and so does the web
process at start (gunicorn.conf.py). Migrations and other management commands do not, so a new installation can
still be migrated and filled in.
"""

from django.conf import settings
from django.core.checks import Error
from django.db import connections

DATABASE = "default"
FIELDS = (("rsin", "RSIN", "pages.E001"), ("kvk_number", "KvK number", "pages.E002"))


def is_placeholder(value):
    # The demo content has 000000000 and 00000000; a real RSIN or KvK number is never all zeros.
    value = (value or "").strip()
    return not value or set(value) == {"0"}


def check_anbi_numbers(app_configs=None, databases=None, **kwargs):
    if settings.DEBUG or not databases or DATABASE not in databases:
        return []
    from wagtail.models import Site

    from .models import AnbiSettings

    tables = {Site._meta.db_table, AnbiSettings._meta.db_table}
    if not tables <= set(connections[DATABASE].introspection.table_names()):
        return []  # not migrated yet: nothing is published either
    site = Site.objects.using(DATABASE).filter(is_default_site=True).first()
    if site is None:
        return []
    anbi = AnbiSettings.objects.using(DATABASE).filter(site=site).first()
    hint = (
        "Enter the foundation's real RSIN and KvK number under Instellingen → ANBI-gegevens in the Wagtail admin; "
        "on a new installation, before the web process first starts, with `manage.py shell` (docs/deploy.md)."
    )
    errors = []
    for field, label, check_id in FIELDS:
        value = getattr(anbi, field, "") if anbi else ""
        if is_placeholder(value):
            what = "empty" if not value.strip() else f"the placeholder {value.strip()}"
            errors.append(
                Error(
                    f"The ANBI {label} of the default site ({site.hostname}) is {what}; "
                    "receipts and the ANBI page must show the real one.",
                    hint=hint,
                    obj=AnbiSettings,
                    id=check_id,
                )
            )
    return errors
