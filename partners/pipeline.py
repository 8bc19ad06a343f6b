"""A request's way through the pipeline. These are the only functions that change a request's state;
each queues the e-mails the change calls for once the change is committed (core.queueing: a broker that is down
leaves the request stored, and the sweep queues its e-mails again)."""

from functools import partial

from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from core.queueing import queue_on_commit

from .emails import staff_member_name
from .models import PartnershipRequest, RequestStatus

# Audit-log actions of the pipeline.
PIPELINE_UPDATED = "leerkracht.partnership_updated"
CONVERSATION_LOGGED = "leerkracht.conversation_logged"


def _mark_queued(request_id, queued_mark):
    PartnershipRequest.objects.filter(pk=request_id).update(**{queued_mark: timezone.now()})


def _queue_with_mark(task, request_id, queued_mark):
    """Queue `task` once committed and record in `queued_mark` that it reached the broker (the sweep looks there)."""
    queue_on_commit(task, request_id, on_queued=partial(_mark_queued, request_id, queued_mark))


def _locked(partnership):
    return PartnershipRequest.objects.select_for_update(of=("self",)).get(pk=partnership.pk)


def receive_request(form):
    """Store a valid request form and queue the confirmation to the requester and the notice to staff."""
    from .tasks import notify_staff_of_request, send_request_confirmation

    with transaction.atomic():
        partnership = form.save()
        _queue_with_mark(send_request_confirmation, partnership.pk, "confirmation_queued_at")
        _queue_with_mark(notify_staff_of_request, partnership.pk, "staff_notification_queued_at")
    return partnership


def change_status(partnership, status):
    """Move a request to `status`; the first move away from "new" records when contact was made.

    Returns the request as stored.
    """
    status = RequestStatus(status)
    with transaction.atomic():
        locked = _locked(partnership)
        locked.status = status
        if status != RequestStatus.NEW and locked.contacted_at is None:
            locked.contacted_at = timezone.now()
        locked.save()
    return locked


def log_conversation(partnership, user, notes):
    """Record a conversation staff member `user` had with the requester and queue the follow-up e-mail.

    The notes are kept with the request, dated and signed, and never sent to the requester. A new request counts as
    contacted from here on, and the staff member becomes its owner if it had none. The follow-up e-mail goes out
    once per request, after the first conversation. Returns the request as stored.
    """
    from .tasks import send_conversation_follow_up

    with transaction.atomic():
        locked = _locked(partnership)
        now = timezone.now()
        if locked.owner_id is None:
            locked.owner = user
        if locked.status == RequestStatus.NEW:
            locked.status = RequestStatus.CONTACTED
        if locked.contacted_at is None:
            locked.contacted_at = now
        locked.conversation_logged_at = now
        heading = f"Gesprek {timezone.localtime(now):%d-%m-%Y %H:%M} ({staff_member_name(user)})"
        locked.notes = "\n\n".join(part for part in (locked.notes.strip(), f"{heading}\n{notes.strip()}") if part)
        locked.save()
        if locked.follow_up_sent_at is None:
            queue_on_commit(send_conversation_follow_up, locked.pk)
    return locked


def update_pipeline(partnership, user, *, status, owner, conversation):
    """Apply staff member `user`'s pipeline form: a conversation first (it may move a new request on and give it an
    owner), then whatever they changed in the form compared to what they saw; each step in the audit log."""
    owner_before, status_before = partnership.owner, partnership.status
    if conversation.strip():
        partnership = log_conversation(partnership, user, conversation)
        log(partnership, CONVERSATION_LOGGED, user=user)
    if owner != owner_before:
        # Who follows a request up is bookkeeping, not a pipeline step: no e-mail follows from it.
        PartnershipRequest.objects.filter(pk=partnership.pk).update(owner=owner)
        partnership.owner = owner
    if status != status_before:
        partnership = change_status(partnership, status)
    log(partnership, PIPELINE_UPDATED, user=user, data={"status": partnership.status, "owner": owner and owner.pk})
    return partnership
