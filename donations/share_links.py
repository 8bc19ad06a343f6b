"""Share links for the thank-you page: plain links to each service's own share address, no scripts, no tracking.

Each service takes the prepared text and the campaign's address as query parameters; the donor's browser opens the
service only when the donor follows the link.
"""

from dataclasses import dataclass
from urllib.parse import quote, urlencode

from django.utils.translation import gettext as _


@dataclass(frozen=True)
class ShareLink:
    service: str  # a short name for the CSS class and tests: whatsapp, linkedin, facebook, x, email
    label: str
    url: str


def share_links(campaign_title, campaign_url, text=""):
    """The links for one campaign; `text` is the campaign's own share text, or empty for the standard one."""
    text = text.strip() or _(
        "Ik heb net gegeven aan %(campaign)s van Stichting leerKRACHT: betere kansen voor alle leerlingen, "
        "doordat leraren van elkaar leren. Doe je ook mee?"
    ) % {"campaign": campaign_title}
    subject = _("Doe je ook mee met %(campaign)s?") % {"campaign": campaign_title}
    body = f"{text}\n\n{campaign_url}"
    return [
        ShareLink("whatsapp", "WhatsApp", "https://wa.me/?" + urlencode({"text": f"{text} {campaign_url}"})),
        ShareLink(
            "linkedin",
            "LinkedIn",
            "https://www.linkedin.com/sharing/share-offsite/?" + urlencode({"url": campaign_url}),
        ),
        ShareLink(
            "facebook", "Facebook", "https://www.facebook.com/sharer/sharer.php?" + urlencode({"u": campaign_url})
        ),
        ShareLink("x", "X", "https://x.com/intent/post?" + urlencode({"text": text, "url": campaign_url})),
        ShareLink(
            "email",
            _("E-mail"),
            f"mailto:?subject={quote(subject)}&body={quote(body)}",
        ),
    ]
