"""The site's e-mails: text and HTML from a template pair in the language asked for (Dutch unless told otherwise),
also when built inside a request in the other language."""

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy

from core.emails import build_email, in_dutch


def test_a_message_has_the_text_and_html_templates_attachments_and_headers():
    message = build_email(
        "donations/email/recurring_stopped",
        {"recurring": None},
        subject="Onderwerp",
        to="anna@example.org",
        reply_to=["team@leerkracht.example"],
        headers={"Message-ID": "<1@leerkracht.example>"},
        attachments=[("bijlage.pdf", b"%PDF-1.4", "application/pdf")],
    )

    assert (message.subject, message.to, message.reply_to) == (
        "Onderwerp",
        ["anna@example.org"],
        ["team@leerkracht.example"],
    )
    assert message.from_email == settings.DEFAULT_FROM_EMAIL
    assert message.extra_headers == {"Message-ID": "<1@leerkracht.example>"}
    assert message.body.startswith("Beste donateur,")
    ((html, mimetype),) = message.alternatives
    assert mimetype == "text/html" and "<html" in html
    assert message.attachments == [("bijlage.pdf", b"%PDF-1.4", "application/pdf")]


def test_messages_are_dutch_inside_an_english_request():
    @in_dutch
    def subject():
        return str(gettext_lazy("Partneraanvragen"))

    with translation.override("en"):
        message = build_email(
            "donations/email/recurring_stopped", {"recurring": None}, subject=gettext_lazy("Annuleren"), to="a@b.nl"
        )
        assert subject() == "Partneraanvragen"
        assert translation.get_language() == "en"
    assert message.subject == "Annuleren"


def test_a_message_built_for_english_is_english_inside_a_dutch_request():
    with translation.override("nl"):
        message = build_email(
            "donations/email/recurring_stopped",
            {"recurring": None},
            subject=gettext_lazy("Annuleren"),
            to="a@b.nl",
            language="en",
        )
        assert translation.get_language() == "nl"
    assert message.subject == "Cancel"
    assert message.body.startswith("Dear donor,")
    assert '<html lang="en">' in message.alternatives[0][0]
