"""In development every mail is an .eml file a person can open, PDF attachment included."""

from email import message_from_bytes

from django.core.mail import EmailMessage, get_connection


def test_each_message_becomes_an_eml_file_with_its_attachment(tmp_path, settings):
    settings.EMAIL_FILE_PATH = tmp_path
    connection = get_connection("leerkracht_site.mail.EmlFileBackend")
    message = EmailMessage("Bedankt voor uw gift", "Hartelijk dank.", "info@example.org", ["anna@example.org"])
    message.attach("ontvangstbewijs.pdf", b"%PDF-1.4 test", "application/pdf")
    assert connection.send_messages([message, message]) == 2

    files = sorted(tmp_path.glob("*.eml"))
    assert len(files) == 2
    parsed = message_from_bytes(files[0].read_bytes())
    assert parsed["Subject"] == "Bedankt voor uw gift"
    attachment = [part for part in parsed.walk() if part.get_filename() == "ontvangstbewijs.pdf"][0]
    assert attachment.get_payload(decode=True) == b"%PDF-1.4 test"
