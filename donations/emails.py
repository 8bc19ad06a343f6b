"""Donor e-mails: Dutch HTML and text parts from templates, with PDFs attached where the tax office needs them.

Always Dutch, also when a task runs inside an English request (eager tasks in tests): the links go to the Dutch
addresses, and the texts stay in one language."""

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from .my_donations import SALT


def manage_link(donor):
    token = signing.dumps({"donor": donor.pk}, salt=SALT)
    with translation.override("nl"):
        return settings.WAGTAILADMIN_BASE_URL + reverse("donations:my_donations", args=[token])


def build(template, context, subject, to, attachments=(), headers=None):
    with translation.override("nl"):
        return _build(template, context, subject, to, attachments, headers)


def _build(template, context, subject, to, attachments, headers):
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string(f"donations/email/{template}.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
        headers=headers,
    )
    message.attach_alternative(render_to_string(f"donations/email/{template}.html", context), "text/html")
    for filename, content in attachments:
        message.attach(filename, content, "application/pdf")
    return message
