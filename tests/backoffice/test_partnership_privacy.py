"""Erasing the person behind a partnership request: from the admin, and two calendar years after a closed one."""

import io
import json
from datetime import datetime
from zoneinfo import ZoneInfo

import time_machine
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import ModelLogEntry

from partners.models import IndicativeBudget, PartnerInterest, PartnerKind, PartnershipRequest, RequestStatus
from partners.tasks import send_conversation_follow_up, send_partner_reminder, send_request_confirmation

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
PERSONAL = ("Bert Jansen", "bert@fonds.example", "Fonds Goed Onderwijs", "030 123 45 67")


def at(year, month, day, hour=12, minute=0):
    """A moment in Dutch time."""
    return datetime(year, month, day, hour, minute, tzinfo=AMSTERDAM)


def make_request(**fields):
    values = {
        "kind": PartnerKind.FOUNDATION,
        "organisation": "Fonds Goed Onderwijs",
        "contact_name": "Bert Jansen",
        "email": "bert@fonds.example",
        "phone": "030 123 45 67",
        "interest": PartnerInterest.ACCELERATOR,
        "budget": IndicativeBudget.FROM_50K_TO_250K,
        "message": "Bert hier: graag een gesprek over de Versneller.",
        "consent_to_contact": True,
        **fields,
    }
    return PartnershipRequest.objects.create(**values)


def _contains_personal_data(text):
    return any(value.lower() in text.lower() for value in PERSONAL) or "bert" in text.lower()


def test_finance_erases_a_request_and_its_audit_log_keeps_only_what_was_done(staff_client, db):
    partnership = make_request()
    fundraiser = staff_client("Fondsenwerving")
    pipeline = {"status": RequestStatus.DECLINED, "owner": "", "conversation": "Bert belde: toch geen budget."}
    assert fundraiser.post(reverse("partnershiprequest:pipeline", args=[partnership.pk]), pipeline).status_code == 302
    assert _contains_personal_data(json.dumps([entry.label for entry in ModelLogEntry.objects.all()]))
    before = {entry.pk: (entry.action, entry.timestamp, entry.user_id) for entry in ModelLogEntry.objects.all()}
    finance = staff_client("Financiën")
    url = reverse("partnershiprequest:erase", args=[partnership.pk])

    assert "Persoonsgegevens wissen" in finance.get(url).content.decode()
    assert finance.post(url).status_code == 302

    erased = PartnershipRequest.objects.get()
    personal = [erased.contact_name, erased.email, erased.organisation, erased.phone, erased.message, erased.notes]
    assert personal == ["verwijderd", f"verwijderd-{erased.pk}@invalid", "", "", "", ""]
    assert erased.consent_to_contact is False
    kept = (erased.kind, erased.interest, erased.budget, erased.status, erased.created_at)
    assert kept == (
        partnership.kind,
        partnership.interest,
        partnership.budget,
        RequestStatus.DECLINED,
        partnership.created_at,
    )
    assert erased.contacted_at is not None
    entries = ModelLogEntry.objects.order_by("pk")
    assert not _contains_personal_data(json.dumps([(entry.label, entry.data) for entry in entries]))
    assert {
        entry.pk: (entry.action, entry.timestamp, entry.user_id) for entry in entries if entry.pk in before
    } == before
    erasure = ModelLogEntry.objects.get(action="leerkracht.partnership_erased")
    assert (erasure.user, erasure.object_id, erasure.label) == (finance.user, str(partnership.pk), "verwijderd")
    # The request no longer offers erasure; the pipeline still counts it.
    inspect = finance.get(reverse("partnershiprequest:inspect", args=[partnership.pk])).content.decode()
    assert url not in inspect


def test_fundraising_staff_may_not_erase_a_request(staff_client, db):
    partnership = make_request()
    client = staff_client("Fondsenwerving")
    url = reverse("partnershiprequest:erase", args=[partnership.pk])

    assert url not in client.get(reverse("partnershiprequest:inspect", args=[partnership.pk])).content.decode()
    assert client.get(url).status_code == 403
    assert client.post(url).status_code == 403
    assert PartnershipRequest.objects.get().email == "bert@fonds.example"


def test_no_e_mail_goes_to_or_about_an_erased_request(staff_client, db):
    with time_machine.travel(at(2026, 3, 2, 9), tick=False):  # a Monday
        partnership = make_request()
        PartnershipRequest.objects.filter(pk=partnership.pk).update(conversation_logged_at=at(2026, 3, 2, 9))
        assert (
            staff_client("Beheer").post(reverse("partnershiprequest:erase", args=[partnership.pk])).status_code == 302
        )

        assert send_request_confirmation.delay(partnership.pk).get() == "skipped"
        assert send_conversation_follow_up.delay(partnership.pk).get() == "skipped"
    with time_machine.travel(at(2026, 3, 6, 9), tick=False):  # a still-new request's reminder would be due
        assert send_partner_reminder.delay(partnership.pk).get() == "skipped"
    assert mail.outbox == []


def test_the_monthly_job_erases_closed_requests_two_calendar_years_after_their_last_activity(db, settings):
    from donations.tasks import erase_inactive_donors

    assert settings.CELERY_BEAT_SCHEDULE["erase-inactive-donors"]["task"] == erase_inactive_donors.name
    with time_machine.travel(at(2026, 2, 1), tick=False):
        declined = make_request(email="declined@example.org")
        partner = make_request(email="partner@example.org")
        make_request(email="open@example.org")  # still new
        later = make_request(email="later@example.org")
    with time_machine.travel(at(2026, 11, 30), tick=False):
        for request, status in ((declined, RequestStatus.DECLINED), (partner, RequestStatus.PARTNER)):
            request.status = status
            request.save()
    with time_machine.travel(at(2027, 1, 1, 0, 30), tick=False):
        later.status = RequestStatus.DECLINED
        later.save()

    def kept_on(moment):
        with time_machine.travel(moment, tick=False):
            erase_inactive_donors.delay()
        return sorted(PartnershipRequest.objects.exclude(email__endswith="@invalid").values_list("email", flat=True))

    # Last activity in year Y: kept through 31 December of Y+2, erased from 1 January of Y+3 (Dutch time).
    everyone = sorted(["declined@example.org", "partner@example.org", "open@example.org", "later@example.org"])
    assert kept_on(at(2028, 12, 31, 23, 30)) == everyone
    assert kept_on(at(2029, 1, 1, 0, 30)) == ["later@example.org", "open@example.org"]
    assert kept_on(at(2030, 1, 1, 0, 30)) == ["open@example.org"]  # a request still open is never erased by age


def test_the_command_reports_what_it_erased(db):
    with time_machine.travel(at(2020, 5, 1), tick=False):
        make_request(status=RequestStatus.DECLINED)
    out = io.StringIO()

    call_command("erase_closed_partnership_requests", stdout=out)

    assert out.getvalue() == "Partneraanvragen gewist: 1.\n"
    assert PartnershipRequest.objects.get().contact_name == "verwijderd"
