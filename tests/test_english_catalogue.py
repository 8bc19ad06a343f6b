"""The English catalogue: every interface string translated, and the committed django.mo compiled from django.po.

CI machines have no GNU gettext, so the compiled catalogue is committed; this test notices a .po edited without
running `manage.py compilemessages` (or a .mo that lags behind it).
"""

import ast
import gettext
from pathlib import Path

from django.conf import settings

LC_MESSAGES = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES"


def _po_entries():
    """(msgid, msgid_plural or None, [msgstr, ...]) for every entry but the header."""
    entries, current, field = [], None, None
    for line in (LC_MESSAGES / "django.po").read_text().splitlines() + [""]:
        if not line.strip() or line.startswith("#"):
            if current and not line.strip():
                entries.append(current)
                current = None
            continue
        keyword, _, rest = line.partition(" ")
        if line.startswith('"'):
            current[field] += ast.literal_eval(line)
            continue
        current = current or {}
        field = keyword
        current[field] = ast.literal_eval(rest)
    return [
        (entry["msgid"], entry.get("msgid_plural"), [v for k, v in entry.items() if k.startswith("msgstr")])
        for entry in entries
        if entry.get("msgid")
    ]


def test_every_string_has_an_english_translation():
    entries = _po_entries()
    assert len(entries) > 400
    untranslated = [msgid for msgid, _, translations in entries if not all(translations)]
    assert untranslated == []
    fuzzy = "#, fuzzy" in (LC_MESSAGES / "django.po").read_text().split('msgstr ""', 1)[1]
    assert not fuzzy, "a fuzzy entry is not used at run time: check it and remove the fuzzy flag"


def test_the_committed_mo_file_holds_what_the_po_file_says():
    with (LC_MESSAGES / "django.mo").open("rb") as mo:
        catalogue = gettext.GNUTranslations(mo)
    for msgid, plural, translations in _po_entries():
        if plural is None:
            assert catalogue.gettext(msgid) == translations[0], msgid
        else:
            assert [catalogue.ngettext(msgid, plural, n) for n in (1, 2)] == translations, msgid
