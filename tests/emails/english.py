"""The English of the e-mails' new Dutch texts, for the tests until the catalogue (locale/) has them.

`english_texts` puts these in the active English catalogue for one test, never over an entry the catalogue already
has: with the catalogue complete, the tests run on its own English.
"""

import pytest
from django.utils.translation import trans_real

ENGLISH = {
    # donor e-mails
    "U krijgt ook onze nieuwsbrief.": "You also receive our newsletter.",
    "Afmelden voor de nieuwsbrief": "Unsubscribe from the newsletter",
    "Bedankt voor uw gift": "Thank you for your gift",
    "Beste %(name)s,": "Dear %(name)s,",
    "Beste donateur,": "Dear donor,",
    "Ontvangstbewijs": "Receipt",
    "%(name)s is een door de Belastingdienst erkende ANBI (RSIN %(rsin)s). Uw gift is daardoor fiscaal aftrekbaar. "
    "Een pdf van dit ontvangstbewijs zit in de bijlage.": "%(name)s is a public benefit organisation (ANBI) "
    "recognised by the Dutch Tax Administration (RSIN %(rsin)s), so your gift is tax-deductible. A PDF of this "
    "receipt is attached.",
    "Bekijk uw giften of wijzig een maandelijkse of jaarlijkse gift": "See your gifts or change a monthly or yearly "
    "gift",
    "Uw giften bekijken of een maandelijkse of jaarlijkse gift wijzigen": "See your gifts or change a monthly or "
    "yearly gift",
    "Met vriendelijke groet,": "Kind regards,",
    "Jaaroverzicht %(year)s": "Annual overview %(year)s",
    "Uw jaaroverzicht %(year)s": "Your annual overview %(year)s",
    "Hartelijk dank voor uw steun in %(year)s. Hieronder staan uw giften; de pdf in de bijlage kunt u gebruiken voor "
    "uw belastingaangifte.": "Thank you very much for your support in %(year)s. Your gifts are listed below; you can "
    "use the attached PDF for your tax return.",
    "Hartelijk dank voor uw steun in %(year)s. Dit zijn uw giften; de pdf in de bijlage kunt u gebruiken voor uw "
    "belastingaangifte.": "Thank you very much for your support in %(year)s. These are your gifts; you can use the "
    "attached PDF for your tax return.",
    "Subtotaal": "Subtotal",
    "Totaal": "Total",
    "%(name)s is een ANBI (RSIN %(rsin)s).": "%(name)s is a public benefit organisation (ANBI, RSIN %(rsin)s).",
    "Periodieke giften geeft u op als giften op basis van een periodieke overeenkomst, met het transactienummer: ze "
    "zijn volledig aftrekbaar.": "In your Dutch tax return, periodic gifts go under “giften op basis van een "
    "periodieke overeenkomst”, with the transaction number: they are fully deductible.",
    "Betaling mislukt": "Payment failed",
    "De betaling van uw gift is niet gelukt": "The payment of your gift did not go through",
    "De laatste betaling van uw %(gift)s van %(amount)s aan %(campaign)s is niet gelukt. We proberen het automatisch "
    "opnieuw.": "The latest payment of your %(gift)s of %(amount)s to %(campaign)s did not go through. We will try "
    "again automatically.",
    "Bekijk of wijzig uw gift": "View or change your gift",
    "Gift gestopt": "Gift stopped",
    "Uw %(gift)s is gestopt": "Your %(gift)s has stopped",
    "Uw %(gift)s van %(amount)s aan %(campaign)s is gestopt. Er worden geen nieuwe betalingen meer afgeschreven. "
    "Hartelijk dank voor uw steun!": "Your %(gift)s of %(amount)s to %(campaign)s has stopped. No further payments "
    "will be collected. Thank you for your support!",
    "periodieke gift": "periodic gift",
    "jaarlijkse gift": "yearly gift",
    "maandelijkse gift": "monthly gift",
    "Bedankt voor uw gift aan %(campaign)s": "Thank you for your gift to %(campaign)s",
    "Uw terugkerende gift aan Stichting leerKRACHT: betaling mislukt": "Your recurring gift to Stichting "
    "leerKRACHT: payment failed",
    "Uw terugkerende gift aan Stichting leerKRACHT is gestopt": "Your recurring gift to Stichting leerKRACHT has "
    "stopped",
    "Uw jaaroverzicht %(year)s van Stichting leerKRACHT": "Your %(year)s annual overview from Stichting leerKRACHT",
    "Periodieke gift, transactienummer %(number)s (%(tax_text)s)": "Periodic gift, transaction number %(number)s "
    "(%(tax_text)s)",
    "Andere giften (eenmalige en terugkerende giften)": "Other gifts (one-off and recurring gifts)",
    "Giften": "Gifts",
    "Dankzij uw gift kunnen meer leraren van elkaar leren en samen hun onderwijs verbeteren. Zo krijgt ieder kind "
    "meer kansen.": "Thanks to your gift, more teachers can learn from each other and improve their teaching "
    "together. That gives every child more opportunities.",
    # the refund notice
    "Uw gift is terugbetaald": "Your gift has been refunded",
    "Wij hebben %(amount)s van uw gift aan %(campaign)s van %(date)s aan u terugbetaald.": "We have refunded "
    "%(amount)s of your gift of %(date)s to %(campaign)s.",
    "In totaal is nu %(refunded)s van uw gift van %(total)s terugbetaald.": "In all, %(refunded)s of your gift of "
    "%(total)s has now been refunded.",
    "Het bedrag staat meestal binnen 5 tot 10 werkdagen weer op uw rekening, op dezelfde manier als u betaalde "
    "(bankrekening of creditcard). Hoe snel precies, hangt af van uw bank.": "The amount usually reaches your "
    "account within 5 to 10 working days, the same way you paid (bank account or credit card). Exactly how soon "
    "depends on your bank.",
    "Heeft u vragen? Beantwoord dan deze e-mail.": "Any questions? Just reply to this e-mail.",
    # the unsubscribe page
    "U bent afgemeld voor de nieuwsbrief.": "You have been unsubscribed from the newsletter.",
    "Ja, meld mij af": "Yes, unsubscribe me",
    "Deze afmeldlink is ongeldig": "This unsubscribe link is not valid",
}


@pytest.fixture
def english_texts():
    """The English above in the catalogue, for this test only (the live server's thread shares the catalogue)."""
    catalogue = trans_real.translation("en")._catalog
    added = [msgid for msgid in ENGLISH if msgid not in catalogue]
    for msgid in added:
        catalogue[msgid] = ENGLISH[msgid]
    yield ENGLISH
    for msgid in added:
        del catalogue._catalogs[0][msgid]
