"""The site's e-mails: plain text with an HTML alternative, from a pair of templates, in one language.

A message is in the language it is built for (`language`, Dutch unless a caller says otherwise), also when it is
built inside a request in another language (eager tasks in tests): workers have no visitor to take a language from,
so donor mails pass the donor's own. Templates mark their texts with `{% translate %}`; Dutch is the source text.
"""

import functools

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation


def in_dutch(build):
    """Run `build` in Dutch: for what a message needs beside its templates, such as a subject with choice labels."""

    @functools.wraps(build)
    def build_in_dutch(*args, **kwargs):
        with translation.override("nl"):
            return build(*args, **kwargs)

    return build_in_dutch


def build_email(template, context, *, subject, to, language="nl", reply_to=None, headers=None, attachments=()):
    """A message from `template`.txt and `template`.html (e.g. "partners/email/confirmation") to the address `to`.

    Rendered with `language` active (a lazy `subject` too). The templates also get `site_url`, the site's address,
    and `language`. `attachments` are (filename, content, mimetype).
    """
    with translation.override(language):
        context = {"site_url": settings.WAGTAILADMIN_BASE_URL, "language": language, **context}
        message = EmailMultiAlternatives(
            subject=str(subject),
            body=render_to_string(f"{template}.txt", context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[to],
            reply_to=reply_to,
            headers=headers,
        )
        message.attach_alternative(render_to_string(f"{template}.html", context), "text/html")
    for filename, content, mimetype in attachments:
        message.attach(filename, content, mimetype)
    return message
