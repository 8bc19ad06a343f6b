"""What does not add up between Stripe's payouts and the ledger, each said in Dutch for the treasurer.

Worked out when shown, from the stored rows, so a gift that reaches the ledger later clears its flag by itself:
- a payout whose listed transactions do not sum to its amount;
- a transaction about a charge no gift in the ledger has;
- a gift whose amount at Stripe is not what the ledger says;
- a paid gift that no payout has held `RECONCILIATION_PAYOUT_EXPECTED_WITHIN_DAYS` after its payment.
"""

import datetime

from django.conf import settings
from django.db.models import Exists, OuterRef, Sum
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core.money import format_euro
from donations.models import Donation, DonationStatus

from .models import RECONCILIATION_IN_PROGRESS, BalanceTransaction, PayoutStatus, TransactionKind

LEDGER_KINDS = (TransactionKind.CHARGE, TransactionKind.REFUND, TransactionKind.DISPUTE)


def listed_net_cents(payout):
    """The sum of the nets of what the payout holds, its own payout transaction left out."""
    total = payout.balance_transactions.exclude(kind=TransactionKind.PAYOUT).aggregate(total=Sum("net_cents"))
    return total["total"] or 0


def payout_difference_cents(payout):
    return payout.amount_cents - listed_net_cents(payout)


def payout_differences(payout):
    """The Dutch explanations of everything that does not add up in one payout; empty when it all does."""
    found = []
    if payout.status == PayoutStatus.FAILED:
        found.append(_("Deze uitbetaling is mislukt: het geld staat weer op het Stripe-saldo."))
    if not payout.automatic:
        found.append(
            _("Handmatige uitbetaling: Stripe zegt niet welke transacties erin zitten; stem die zelf af met het saldo.")
        )
        return found
    if payout.reconciliation_status == RECONCILIATION_IN_PROGRESS:
        found.append(_("Stripe stelt de lijst van transacties bij deze uitbetaling nog samen."))
        return found
    if payout.awaiting_listing:
        found.append(_("De transacties bij deze uitbetaling worden bij Stripe opgehaald."))
        return found
    difference = payout_difference_cents(payout)
    if difference:
        found.append(
            _(
                "De transacties bij deze uitbetaling tellen op tot %(listed)s, maar er is %(amount)s uitbetaald: "
                "%(difference)s is niet verklaard."
            )
            % {
                "listed": format_euro(listed_net_cents(payout), always_cents=True),
                "amount": format_euro(payout.amount_cents, always_cents=True),
                "difference": format_euro(difference, always_cents=True),
            }
        )
    transactions = payout.balance_transactions.filter(kind__in=LEDGER_KINDS).select_related("donation")
    found += [text for text in map(transaction_difference, transactions) if text]
    return found


def transaction_difference(transaction):
    """Why one transaction does not fit the ledger, or an empty string."""
    if transaction.kind not in LEDGER_KINDS:
        return ""
    if transaction.donation is None:
        return _("Transactie %(transaction)s (%(source)s) hoort bij geen gift in de administratie.") % {
            "transaction": transaction.stripe_id,
            "source": transaction.charge_id or transaction.source_id,
        }
    ledger_cents = transaction.donation.amount_cents + transaction.donation.fee_cents
    if transaction.kind == TransactionKind.CHARGE and transaction.amount_cents != ledger_cents:
        return _("Gift %(transaction)s: bij Stripe %(stripe)s, in de administratie %(ledger)s.") % {
            "transaction": transaction.stripe_id,
            "stripe": format_euro(transaction.amount_cents, always_cents=True),
            "ledger": format_euro(ledger_cents, always_cents=True),
        }
    return ""


def gifts_missing_from_payouts(now=None):
    """Paid gifts through Stripe, paid longer ago than the set number of days, that no payout has held."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=settings.RECONCILIATION_PAYOUT_EXPECTED_WITHIN_DAYS)
    paid_out = BalanceTransaction.objects.filter(
        donation=OuterRef("pk"), kind=TransactionKind.CHARGE, payout__status=PayoutStatus.PAID
    )
    return (
        Donation.objects.filter(status=DonationStatus.PAID, paid_at__lt=cutoff, stripe_payment_intent_id__isnull=False)
        .exclude(Exists(paid_out))
        .select_related("campaign", "donor")
        .order_by("paid_at", "pk")
    )


def missing_gift_difference(donation):
    return _("Gift van %(donor)s, betaald op %(date)s, zit na %(days)s dagen nog in geen uitbetaling van Stripe.") % {
        "donor": donation.donor.name or donation.donor.email,
        "date": date_format(timezone.localtime(donation.paid_at), "j F Y"),
        "days": settings.RECONCILIATION_PAYOUT_EXPECTED_WITHIN_DAYS,
    }
