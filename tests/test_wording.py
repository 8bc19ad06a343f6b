"""The word "periodieke gift" is Dutch tax language for the 5-year gift agreement, which makes a gift deductible
without the threshold. An ordinary monthly or yearly direct debit is not one: the site must never call it that.

The agreement has its own app and templates (`periodic_gifts`); elsewhere the word may only stand on a line that is
about the agreement itself (it names the overeenkomst, its transaction number or the "Periodiek schenken" page)."""

import gettext
import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CHECKED = ["templates", "donations", "campaigns", "pages", "partners", "backoffice", "core", "delivery", "demo"]
AGREEMENT_HOME = [REPO / "templates" / "periodic_gifts"]
ABOUT_THE_AGREEMENT = re.compile(
    r"overeenkomst|agreement|transactienummer|\(number\)s|onderteken|Periodiek schenken"
    r"|periodic_gifts|PERIODIC_TAX_TEXT",
    re.IGNORECASE,
)
CHECKED_FILES = [REPO / "devtools" / "stripe-standin" / "stripe_standin" / "templates"]
WORD = re.compile(r"periodiek", re.IGNORECASE)


def _sources():
    for folder in [*(REPO / name for name in CHECKED), *CHECKED_FILES]:
        for path in folder.rglob("*"):
            in_agreement_home = any(home in path.parents for home in AGREEMENT_HOME)
            if path.suffix in {".py", ".html", ".txt", ".json"} and "migrations" not in path.parts:
                if not in_agreement_home:
                    yield path


def test_no_page_mail_or_admin_text_calls_a_recurring_gift_a_periodieke_gift():
    found = [
        f"{path.relative_to(REPO)}:{number}"
        for path in _sources()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if WORD.search(line) and not ABOUT_THE_AGREEMENT.search(line)
    ]
    assert found == []


def test_the_english_catalogue_says_recurring_gift_not_periodic():
    with (REPO / "locale" / "en" / "LC_MESSAGES" / "django.mo").open("rb") as compiled:
        catalogue = gettext.GNUTranslations(compiled)._catalog
    texts = [(str(msgid), str(msgstr)) for msgid, msgstr in catalogue.items() if msgid]
    # "Periodic" in English only translates a text about the agreement.
    periodic = [(msgid, msgstr) for msgid, msgstr in texts if re.search(r"periodic", msgstr, re.IGNORECASE)]
    assert [msgstr for msgid, msgstr in periodic if not WORD.search(msgid)] == []
