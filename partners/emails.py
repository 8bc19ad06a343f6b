"""The partnership e-mails as messages ready to send: the site's Dutch messages (core.emails), built in Dutch,
subjects and choice labels included."""

from django.conf import settings
from django.utils import timezone

from core.emails import build_email, in_dutch

from .workdays import working_days_between


def _message(template, subject, context, to, reply_to=None):
    return build_email(f"partners/email/{template}", context, subject=subject, to=to, reply_to=reply_to)


def staff_member_name(user):
    return user.get_full_name() or user.get_username()


@in_dutch
def confirmation(partnership):
    return _message(
        "confirmation",
        "Uw aanvraag voor een partnerschap met Stichting leerKRACHT",
        {"partnership": partnership},
        to=partnership.email,
    )


@in_dutch
def staff_notification(partnership):
    return _message(
        "staff_notification",
        f"Nieuwe partneraanvraag: {partnership.display_name} ({partnership.get_kind_display()})",
        {"partnership": partnership},
        to=settings.STAFF_NOTIFICATION_EMAIL,
        reply_to=[partnership.email],
    )


@in_dutch
def reminder(partnership, today):
    owner = partnership.owner
    mail_owner = bool(owner and owner.email)
    context = {
        "partnership": partnership,
        "owner_name": staff_member_name(owner) if mail_owner else "",
        "working_days_waiting": working_days_between(timezone.localdate(partnership.created_at), today),
    }
    return _message(
        "reminder",
        f"Herinnering: partneraanvraag van {partnership.display_name} wacht op contact",
        context,
        to=owner.email if mail_owner else settings.STAFF_NOTIFICATION_EMAIL,
        reply_to=[partnership.email],
    )


@in_dutch
def conversation_follow_up(partnership):
    owner = partnership.owner
    context = {
        "partnership": partnership,
        "contact_person": staff_member_name(owner) if owner else "",
        "contact_email": owner.email if owner and owner.email else settings.STAFF_NOTIFICATION_EMAIL,
    }
    return _message(
        "follow_up",
        "Bedankt voor het gesprek met Stichting leerKRACHT",
        context,
        to=partnership.email,
        reply_to=[context["contact_email"]],
    )
