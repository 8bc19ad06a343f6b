"""Stripe's payouts to the foundation's bank account and the balance transactions each one holds."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PayoutStatus(models.TextChoices):
    PAID = "paid", _("Uitbetaald")
    FAILED = "failed", _("Mislukt")
    CANCELED = "canceled", _("Geannuleerd")
    IN_TRANSIT = "in_transit", _("Onderweg")
    PENDING = "pending", _("In afwachting")


# Stripe may tell of a payout in any order; once it failed or was canceled, a late "paid" does not bring it back.
FINAL_PAYOUT_STATUSES = (PayoutStatus.FAILED, PayoutStatus.CANCELED)
RECONCILIATION_IN_PROGRESS = "in_progress"
# `Payout.transactions_listable` as a query: automatic, neither failed nor canceled, reconciliation not in progress.
LISTABLE_PAYOUTS = (
    models.Q(automatic=True)
    & ~models.Q(status__in=FINAL_PAYOUT_STATUSES)
    & ~models.Q(reconciliation_status=RECONCILIATION_IN_PROGRESS)
)


class Payout(models.Model):
    """One transfer from Stripe to the bank account."""

    wagtail_reference_index_ignore = True

    stripe_id = models.CharField(max_length=255, unique=True)
    amount_cents = models.BigIntegerField(_("bedrag (centen)"))
    currency = models.CharField(max_length=3, default="eur")
    status = models.CharField(_("status"), max_length=20, choices=PayoutStatus.choices)
    # Stripe's `reconciliation_status`: its transactions can be listed once it is "completed".
    reconciliation_status = models.CharField(max_length=20, blank=True)
    # Only an automatic payout says which transactions it holds; a manual one is a sum taken from the balance.
    automatic = models.BooleanField(default=True)
    arrival_date = models.DateTimeField(_("op de bank"))
    created = models.DateTimeField(_("aangemaakt bij Stripe"))
    received_at = models.DateTimeField(auto_now_add=True)
    # When the transactions it holds were last listed from Stripe (by a task, not the webhook). Empty: not yet.
    transactions_listed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("uitbetaling")
        verbose_name_plural = _("uitbetalingen")
        ordering = ["-arrival_date", "-pk"]

    def __str__(self):
        return self.stripe_id

    @property
    def transactions_listable(self):
        """Whether Stripe can list what it holds: an automatic payout, neither failed nor canceled, whose
        reconciliation at Stripe is no longer in progress."""
        return (
            self.automatic
            and self.status not in FINAL_PAYOUT_STATUSES
            and self.reconciliation_status != RECONCILIATION_IN_PROGRESS
        )

    @property
    def awaiting_transactions(self):
        """Whether what it holds is still to come from Stripe: put together there, or being listed here."""
        if not self.automatic or self.status in FINAL_PAYOUT_STATUSES:
            return False
        return self.reconciliation_status == RECONCILIATION_IN_PROGRESS or self.transactions_listed_at is None

    @property
    def awaiting_listing(self):
        """Whether Stripe can list what it holds and the listing has not run yet."""
        return self.transactions_listable and self.transactions_listed_at is None


class TransactionKind(models.TextChoices):
    CHARGE = "charge", _("Gift")
    REFUND = "refund", _("Terugbetaling")
    DISPUTE = "dispute", _("Betwisting")
    PAYOUT = "payout", _("Uitbetaling")
    OTHER = "other", _("Overig")


class BalanceTransaction(models.Model):
    """One movement of Stripe's balance: a gift (less Stripe's fee), a refund, a dispute, or the payout itself.

    Amounts are signed cents as Stripe gives them: `net_cents` = `amount_cents` - `fee_cents`.
    """

    wagtail_reference_index_ignore = True

    stripe_id = models.CharField(max_length=255, unique=True)
    kind = models.CharField(_("soort"), max_length=10, choices=TransactionKind.choices)
    stripe_type = models.CharField(max_length=40)
    reporting_category = models.CharField(max_length=40, blank=True)
    amount_cents = models.BigIntegerField(_("bedrag (centen)"))
    fee_cents = models.BigIntegerField(_("Stripe-kosten (centen)"))
    net_cents = models.BigIntegerField(_("netto (centen)"))
    source_id = models.CharField(max_length=255, blank=True)
    # The charge the movement is about (a refund's or dispute's charge too), by which it is traced to a gift.
    charge_id = models.CharField(max_length=255, blank=True, db_index=True)
    payment_intent_id = models.CharField(max_length=255, blank=True)
    donation = models.ForeignKey(
        "donations.Donation", on_delete=models.PROTECT, null=True, blank=True, related_name="balance_transactions"
    )
    payout = models.ForeignKey(
        Payout, on_delete=models.PROTECT, null=True, blank=True, related_name="balance_transactions"
    )
    created = models.DateTimeField()
    available_on = models.DateTimeField()

    class Meta:
        verbose_name = _("Stripe-transactie")
        verbose_name_plural = _("Stripe-transacties")
        ordering = ["created", "pk"]

    def __str__(self):
        return self.stripe_id
