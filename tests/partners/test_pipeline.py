"""Status changes and logged conversations: the one way staff move a request along."""

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from wagtail.models import ModelLogEntry

from partners.models import PartnershipRequest, RequestStatus
from partners.pipeline import PIPELINE_UPDATED, change_status, log_conversation, update_pipeline
from partners.tasks import send_conversation_follow_up

from .conftest import at


@pytest.fixture
def staff_member(db):
    return get_user_model().objects.create_user(
        "marieke", email="marieke@leerkracht.example", first_name="Marieke", last_name="Jansen"
    )


def test_leaving_new_records_when_contact_was_made_once(make_request):
    partnership = make_request(at(2026, 3, 6, 16))

    contacted = change_status(partnership, RequestStatus.CONTACTED)
    first_contact = contacted.contacted_at
    planned = change_status(contacted, RequestStatus.MEETING_PLANNED)

    assert first_contact is not None
    assert planned.status == RequestStatus.MEETING_PLANNED
    assert planned.contacted_at == first_contact
    assert PartnershipRequest.objects.get().status == RequestStatus.MEETING_PLANNED


def test_an_unknown_status_is_refused(make_request):
    partnership = make_request(at(2026, 3, 6, 16))
    with pytest.raises(ValueError):
        change_status(partnership, "misschien")
    assert PartnershipRequest.objects.get().status == RequestStatus.NEW


def test_logging_a_conversation_records_it_and_sends_the_follow_up(
    make_request, staff_member, django_capture_on_commit_callbacks
):
    partnership = make_request(at(2026, 3, 6, 16), notes="Gebeld, voicemail ingesproken.")

    with django_capture_on_commit_callbacks(execute=True):
        log_conversation(partnership, staff_member, "Interesse in een middag in mei.")

    logged = PartnershipRequest.objects.get()
    assert logged.status == RequestStatus.CONTACTED
    assert logged.contacted_at and logged.conversation_logged_at and logged.follow_up_sent_at
    assert logged.owner == staff_member
    assert logged.notes.startswith("Gebeld, voicemail ingesproken.\n\nGesprek ")
    assert logged.notes.endswith("(Marieke Jansen)\nInteresse in een middag in mei.")

    (follow_up,) = mail.outbox
    assert follow_up.to == ["sanne@verbeter.example"]
    assert follow_up.from_email == settings.DEFAULT_FROM_EMAIL
    assert follow_up.reply_to == ["marieke@leerkracht.example"]
    assert follow_up.subject == "Bedankt voor het gesprek met Stichting leerKRACHT"
    assert "Beste Sanne de Boer," in follow_up.body
    assert "Uw vaste contactpersoon bij Stichting leerKRACHT is Marieke Jansen." in follow_up.body
    assert "Een middag 30 leraren ontvangen" in follow_up.body
    assert "English" not in follow_up.body and "English" not in follow_up.alternatives[0][0]
    assert "mailto:marieke@leerkracht.example" in follow_up.alternatives[0][0]
    # Staff notes stay internal.
    assert "mei" not in follow_up.body and "voicemail" not in follow_up.body


def test_a_second_conversation_is_recorded_without_a_second_follow_up(
    make_request, staff_member, django_capture_on_commit_callbacks
):
    partnership = make_request(at(2026, 3, 6, 16))
    colleague = get_user_model().objects.create_user("joost", first_name="Joost")

    with django_capture_on_commit_callbacks(execute=True):
        log_conversation(partnership, staff_member, "Eerste gesprek.")
        logged = log_conversation(partnership, colleague, "Tweede gesprek.")
    send_conversation_follow_up.delay(partnership.pk)

    assert len(mail.outbox) == 1
    assert logged.owner == staff_member
    assert "Eerste gesprek." in logged.notes and "(Joost)\nTweede gesprek." in logged.notes


def test_a_status_change_alone_sends_no_follow_up(make_request, django_capture_on_commit_callbacks):
    partnership = make_request(at(2026, 3, 6, 16))
    with django_capture_on_commit_callbacks(execute=True):
        change_status(partnership, RequestStatus.MEETING_PLANNED)
    assert send_conversation_follow_up.delay(partnership.pk).get() == "skipped"
    assert mail.outbox == []


def test_the_pipeline_form_without_a_conversation_changes_owner_and_status_and_mails_nobody(
    make_request, staff_member, django_capture_on_commit_callbacks
):
    partnership = make_request(at(2026, 3, 6, 16))

    with django_capture_on_commit_callbacks(execute=True):
        updated = update_pipeline(
            partnership, staff_member, status=RequestStatus.MEETING_PLANNED, owner=staff_member, conversation="  "
        )

    stored = PartnershipRequest.objects.get()
    assert (updated.status, stored.status, stored.owner) == (RequestStatus.MEETING_PLANNED,) * 2 + (staff_member,)
    assert stored.contacted_at is not None and stored.conversation_logged_at is None
    assert mail.outbox == []
    (entry,) = ModelLogEntry.objects.filter(object_id=str(stored.pk))
    assert (entry.action, entry.user, entry.data) == (
        PIPELINE_UPDATED,
        staff_member,
        {"status": RequestStatus.MEETING_PLANNED, "owner": staff_member.pk},
    )
