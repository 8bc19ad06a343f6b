"""The site's e-mails: Dutch, plain text with an HTML alternative, from a pair of templates.

Always Dutch, also when the message is built inside an English request (eager tasks in tests): workers have no
visitor to take a language from, links go to the Dutch addresses, and the texts stay in one language."""

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


@in_dutch
def build_email(template, context, *, subject, to, reply_to=None, headers=None, attachments=()):
    """A message from `template`.txt and `template`.html (e.g. "partners/email/confirmation") to the address `to`.

    The templates also get `site_url`, the site's address. `attachments` are (filename, content, mimetype).
    """
    context = {"site_url": settings.WAGTAILADMIN_BASE_URL, **context}
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
