"""The word "periodieke gift" is Dutch tax language for the 5-year gift agreement, which makes a gift deductible
without the threshold. An ordinary monthly or yearly direct debit is not one: the site must never call it that."""

import gettext
import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CHECKED = ["templates", "donations", "campaigns", "pages", "partners", "backoffice", "core", "delivery", "demo"]
CHECKED_FILES = [REPO / "devtools" / "stripe-standin" / "stripe_standin" / "templates"]
WORD = re.compile(r"periodiek", re.IGNORECASE)


def _sources():
    for folder in [*(REPO / name for name in CHECKED), *CHECKED_FILES]:
        for path in folder.rglob("*"):
            if path.suffix in {".py", ".html", ".txt", ".json"} and "migrations" not in path.parts:
                yield path


def test_no_page_mail_or_admin_text_calls_a_recurring_gift_a_periodieke_gift():
    found = [
        f"{path.relative_to(REPO)}:{number}"
        for path in _sources()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if WORD.search(line)
    ]
    assert found == []


def test_the_english_catalogue_says_recurring_gift_not_periodic():
    with (REPO / "locale" / "en" / "LC_MESSAGES" / "django.mo").open("rb") as compiled:
        catalogue = gettext.GNUTranslations(compiled)._catalog
    texts = [(str(msgid), str(msgstr)) for msgid, msgstr in catalogue.items() if msgid]
    assert [msgid for msgid, _ in texts if WORD.search(msgid)] == []
    assert [msgstr for _, msgstr in texts if re.search(r"periodic", msgstr, re.IGNORECASE)] == []
