"""The fundraising reports through HTTP, as each staff group: their rows add up to the ledger, and their CSV and
XLSX exports hold the same rows."""

import csv
import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from donations.models import Donation, DonationStatus, EndReason, Frequency, MonthlyOffer, RecurringStatus
from tests.factories import RecurringDonationFactory

from .conftest import GROUPS, make_donation

REPORTS = ["gifts_by_month", "recurring", "conversion"]


def _export(client, name, data=None, export="csv"):
    response = client.get(reverse(f"fundraising_reports:{name}"), {**(data or {}), "export": export})
    assert response.status_code == 200, response.status_code
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if export == "xlsx":
        return list(openpyxl.load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True))
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))


def _as_dicts(table):
    heading, *rows = table
    return [dict(zip(heading, row, strict=True)) for row in rows]


def _paid(campaign, email, cents, paid_at, **fields):
    donation = make_donation(campaign, email, amount_cents=cents, stripe_checkout_session_id=f"cs_{email}", **fields)
    Donation.objects.filter(pk=donation.pk).update(paid_at=paid_at)
    return donation


@pytest.mark.parametrize("group", GROUPS)
@pytest.mark.parametrize("report", REPORTS)
def test_fundraisers_see_the_reports_finance_also_exports_them_editors_neither(staff_client, campaign, group, report):
    client = staff_client(group)
    page = client.get(reverse(f"fundraising_reports:{report}"))
    export = client.get(reverse(f"fundraising_reports:{report}"), {"export": "csv"})
    assert page.status_code == (403 if group == "Redactie" else 200)
    assert export.status_code == (200 if group in ("Financiën", "Beheer") else 403)


def test_gifts_per_month_add_up_to_the_ledger_and_follow_the_filters(staff_client, campaign):
    november = timezone.make_aware(datetime.datetime(2026, 11, 30, 23, 30))  # still November in Amsterdam
    december = timezone.make_aware(datetime.datetime(2026, 12, 1, 0, 30))
    _paid(campaign, "a@example.org", 5_000, november, fee_cents=204, payment_method="ideal")
    _paid(campaign, "b@example.org", 2_500, december, refunded_cents=1_000, payment_method="card")
    _paid(campaign, "c@example.org", 10_000, december, status=DonationStatus.DISPUTED, payment_method="ideal")
    _paid(campaign, "d@example.org", 99_900, december, status=DonationStatus.FAILED)
    client = staff_client("Financiën")

    rows = _as_dicts(_export(client, "gifts_by_month"))

    assert [(row["Maand"], row["Campagne"], row["Giften"]) for row in rows] == [
        ("2026-12", "Besturenprogramma", "2"),
        ("2026-11", "Besturenprogramma", "1"),
    ]
    december_row, november_row = rows
    assert (november_row["Giften (€)"], november_row["Bijdrage transactiekosten (€)"]) == ("50,00", "2,04")
    assert december_row["Terugbetaald (€)"] == "10,00" and december_row["Betwist (€)"] == "100,00"
    assert december_row["Behouden (€)"] == "15,00"
    kept = sum(Decimal(row["Behouden (€)"].replace(",", ".")) for row in rows)
    paid = Donation.objects.exclude(status=DonationStatus.FAILED).exclude(status=DonationStatus.DISPUTED)
    assert kept * 100 == sum(gift.total_cents - gift.refunded_cents for gift in paid)

    by_card = _as_dicts(_export(client, "gifts_by_month", {"payment_method": "card"}))
    assert [(row["Maand"], row["Giften (€)"]) for row in by_card] == [("2026-12", "25,00")]
    in_november = _as_dicts(_export(client, "gifts_by_month", {"period_from": "2026-11-01", "period_to": "2026-11-30"}))
    assert [row["Maand"] for row in in_november] == ["2026-11"]

    sheet = _as_dicts(_export(client, "gifts_by_month", export="xlsx"))
    assert sheet[1]["Giften (€)"] == Decimal("50.00")

    page = client.get(reverse("fundraising_reports:gifts_by_month")).content.decode()
    assert "€ 175,00" in page  # the totals line: 50 + 25 + 100 in gifts
    assert "<td>december 2026</td>" in page and "<td>november 2026</td>" in page


def test_the_recurring_report_counts_running_gifts_income_and_churn_by_reason(staff_client, campaign):
    now = timezone.now()
    RecurringDonationFactory(campaign=campaign, amount_cents=2_500)
    RecurringDonationFactory(campaign=campaign, amount_cents=1_000, status=RecurringStatus.PAST_DUE)
    RecurringDonationFactory(campaign=campaign, amount_cents=12_000, frequency=Frequency.YEARLY)
    for reason in (EndReason.DONOR, EndReason.DONOR, EndReason.PAYMENT_FAILED):
        RecurringDonationFactory(
            campaign=campaign, amount_cents=500, status=RecurringStatus.CANCELED, canceled_at=now, end_reason=reason
        )
    RecurringDonationFactory(
        campaign=campaign, status=RecurringStatus.EXPIRED, end_reason=EndReason.FIRST_PAYMENT_FAILED
    )

    monthly, yearly = _as_dicts(_export(staff_client("Beheer"), "recurring"))

    assert (monthly["Frequentie"], monthly["Lopend"], monthly["Inkomsten per maand (€)"]) == (
        "Maandelijks",
        "2",
        "35,00",
    )
    assert monthly["Gestopt: Gestopt door de donateur"] == "2"
    assert monthly["Gestopt: Betalingen bleven mislukken"] == "1"
    assert monthly["Betaling mislukt, wacht op nieuwe poging"] == "1"
    assert monthly["Eerste betaling niet gelukt"] == "1"
    assert monthly["Verloop (%)"] == "60,0"  # 3 stopped of the 5 that ran
    assert (yearly["Lopend"], yearly["Inkomsten per maand (€)"]) == ("1", "10,00")


def test_the_conversion_report_counts_checkouts_and_the_monthly_offer(staff_client, campaign):
    now = timezone.now()
    _paid(campaign, "a@example.org", 5_000, now, payment_method="ideal", monthly_offer=MonthlyOffer.DECLINED)
    _paid(
        campaign,
        "b@example.org",
        2_500,
        now,
        payment_method="ideal",
        monthly_offer=MonthlyOffer.ACCEPTED,
        frequency="monthly",
    )
    _paid(campaign, "c@example.org", 2_500, now, payment_method="card")
    _paid(campaign, "d@example.org", 2_500, None, status=DonationStatus.EXPIRED, monthly_offer=MonthlyOffer.DECLINED)
    _paid(campaign, "e@example.org", 2_500, None, status=DonationStatus.PENDING)
    make_donation(campaign, "renewal@example.org")  # a later period of a recurring gift: no checkout

    rows = {row["Betaalmethode"]: row for row in _as_dicts(_export(staff_client("Financiën"), "conversion"))}

    assert set(rows) == {"iDEAL | Wero", "Kaart of wallet", "Geen (niet betaald)"}
    assert (rows["iDEAL | Wero"]["Gestart"], rows["iDEAL | Wero"]["Betaald"]) == ("2", "2")
    unpaid = rows["Geen (niet betaald)"]
    assert (unpaid["Gestart"], unpaid["Afgebroken of verlopen"], unpaid["Nog open"]) == ("2", "1", "1")
    assert sum(int(row["Gestart"]) for row in rows.values()) == 5
    assert sum(int(row["Aanbod maandelijks getoond"]) for row in rows.values()) == 3
    assert sum(int(row["Aanbod aangenomen"]) for row in rows.values()) == 1
