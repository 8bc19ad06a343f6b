"""Donor e-mails: in the donor's language (core.emails), with their link to "mijn donaties" in that language."""

from contextlib import contextmanager

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from core.emails import build_email
from newsletter.signing import unsubscribe_link
from pages.i18n import locale_id_for, localize_pages

from .manage_tokens import token_for
from .models import DonorLanguage


def donor_language(donor):
    """The language the donor gave in; Dutch for anything else (a row written before languages were kept)."""
    return donor.language if donor.language in DonorLanguage.values else DonorLanguage.DUTCH


@contextmanager
def in_language_of(donor):
    """For what a donor mail needs beside its templates (its subject): in the donor's language."""
    with translation.override(donor_language(donor)):
        yield


def manage_link(donor):
    """The donor's "mijn donaties" link, at the address of their language (/en/mijn-donaties/… in English)."""
    token = token_for(donor)
    with translation.override(donor_language(donor)):
        return settings.WAGTAILADMIN_BASE_URL + reverse("donations:my_donations", args=[token])


def campaign_title(campaign):
    """The campaign's title in the active language: its translation's when it has one (a gift may have been made on
    either language's page)."""
    (page,) = localize_pages([campaign], locale_id_for())
    return page.title


def donor_email(template, context, *, donor, subject, headers=None, attachments=()):
    """A mail to `donor` from `template`, in their language. Build `subject` inside `in_language_of(donor)`, or pass
    it lazily.

    A donor who gets the newsletter finds the way out in every mail: a footer link and the List-Unsubscribe headers
    (RFC 2369, with RFC 8058's one-click POST), which mail programs show as an "unsubscribe" button.
    """
    language = donor_language(donor)
    context = {"donor": donor, **context}
    headers = dict(headers or {})
    if donor.newsletter_opt_in:
        unsubscribe_url = unsubscribe_link(donor, language)
        context["unsubscribe_url"] = unsubscribe_url
        headers["List-Unsubscribe"] = f"<{unsubscribe_url}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    return build_email(
        template,
        context,
        subject=subject,
        to=donor.email,
        language=language,
        headers=headers,
        attachments=attachments,
    )
