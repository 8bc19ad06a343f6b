"""The list of newsletter subscribers for the mailing tool: a CSV download for fundraising and finance staff."""

import csv

from django.db import transaction
from django.http import HttpResponse
from django.utils import timezone
from wagtail.log_actions import log

from core.admin.responses import forbidden
from donations.models import Donor
from donations.privacy import ERASED_EMAIL_DOMAIN

# Given to Fondsenwerving, Financiën and Beheer by donations' migration 0012; Redactie never sees donor data.
EXPORT_PERMISSION = "donations.export_newsletter"
NEWSLETTER_EXPORTED = "leerkracht.newsletter_exported"
COLUMNS = ["e-mail", "naam", "taal", "aangemeld op"]
# A cell starting with one of these is a formula to a spreadsheet program: a donor's name must stay text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def subscribers():
    """The donors who get the newsletter now, longest-standing first."""
    return (
        Donor.objects.filter(newsletter_opt_in=True)
        .exclude(email__endswith=f"@{ERASED_EMAIL_DOMAIN}")
        .order_by("newsletter_opt_in_at", "pk")
    )


def export_subscribers(request):
    if not request.user.has_perm(EXPORT_PERMISSION):
        return forbidden(request)
    donors = list(subscribers())
    # Each donor's history shows who took their address out of the site, and when, like a data download does.
    with transaction.atomic():
        for donor in donors:
            log(donor, NEWSLETTER_EXPORTED, user=request.user, data={"subscribers": len(donors)})
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    filename = f"nieuwsbrief-{timezone.localdate():%Y-%m-%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = csv.writer(response)
    writer.writerow(COLUMNS)
    for donor in donors:
        writer.writerow([donor.email, _text_cell(donor.name), donor.language, _local_time(donor.newsletter_opt_in_at)])
    return response


def _text_cell(value):
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value


def _local_time(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else ""
