import uuid

from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from core.money import format_euro


class Frequency(models.TextChoices):
    ONCE = "once", _("Eenmalig")
    MONTHLY = "monthly", _("Maandelijks")
    YEARLY = "yearly", _("Jaarlijks")


class MonthlyOffer(models.TextChoices):
    """What a one-off donor answered to the offer to give monthly instead (recorded so the back office can count it)."""

    NOT_OFFERED = "", _("Niet aangeboden")
    ACCEPTED = "accepted", _("Aangenomen")
    DECLINED = "declined", _("Afgeslagen")


class PaymentMethod(models.TextChoices):
    """How a gift was paid, as Stripe names the charge's method; wallets (Apple Pay, Google Pay) pay by card."""

    IDEAL = "ideal", "iDEAL | Wero"
    BANCONTACT = "bancontact", "Bancontact"
    CARD = "card", _("Kaart of wallet")
    SEPA_DEBIT = "sepa_debit", _("SEPA-incasso")
    OTHER = "other", _("Anders")


class EndReason(models.TextChoices):
    """Why a recurring gift ended: for the churn report."""

    DONOR = "donor", _("Gestopt door de donateur")
    STAFF = "staff", _("Gestopt door een medewerker")
    PAYMENT_FAILED = "payment_failed", _("Betalingen bleven mislukken")
    PAYMENT_DISPUTED = "payment_disputed", _("Betaling betwist")
    FIRST_PAYMENT_FAILED = "first_payment_failed", _("Eerste betaling niet gelukt")


class DonationStatus(models.TextChoices):
    PENDING = "pending", _("In afwachting")
    PAID = "paid", _("Betaald")
    FAILED = "failed", _("Mislukt")
    EXPIRED = "expired", _("Verlopen")
    REFUNDED = "refunded", _("Terugbetaald")
    DISPUTED = "disputed", _("Betwist")


class RecurringStatus(models.TextChoices):
    # Until its first payment succeeds, a gift has not started: nothing is "past due" yet.
    INCOMPLETE = "incomplete", _("Nog niet gestart")
    FAILED = "failed", _("Niet gestart: eerste betaling mislukt")
    ACTIVE = "active", _("Actief")
    PAST_DUE = "past_due", _("Betaling achterstallig")
    CANCELED = "canceled", _("Gestopt")
    # Stripe ends a gift whose first payment never succeeded after 23 hours; it never ran, so it was not "stopped".
    EXPIRED = "expired", _("Vervallen: eerste betaling niet gelukt")


# A gift in one of these states takes no more payments and cannot be changed or stopped.
ENDED_RECURRING_STATUSES = (RecurringStatus.CANCELED, RecurringStatus.EXPIRED)


class DonorLanguage(models.TextChoices):
    """The language a donor gave in (the address of the form: /en/ is English); their e-mails are in it."""

    DUTCH = "nl", _("Nederlands")
    ENGLISH = "en", _("Engels")


class Donor(models.Model):
    # Keeps ledger rows out of the editors' "usage" listings of pages, and skips the index on every save.
    wagtail_reference_index_ignore = True

    email = models.EmailField(_("e-mail"), unique=True)
    name = models.CharField(_("naam"), max_length=160, blank=True)
    newsletter_opt_in = models.BooleanField(_("nieuwsbrief"), default=False)
    newsletter_opt_in_at = models.DateTimeField(_("nieuwsbrief aangevraagd op"), null=True, blank=True)
    newsletter_opt_out_at = models.DateTimeField(_("nieuwsbrief afgemeld op"), null=True, blank=True)
    language = models.CharField(_("taal"), max_length=2, choices=DonorLanguage.choices, default=DonorLanguage.DUTCH)
    stripe_customer_id = models.CharField(max_length=255, unique=True, null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("donateur")
        verbose_name_plural = _("donateurs")
        permissions = [("export_newsletter", _("Kan de nieuwsbrieflijst exporteren"))]

    def __str__(self):
        return self.name or self.email

    def paid_years(self):
        """The years (Dutch time) in which this donor has paid gifts, newest first: each has a yearly overview."""
        moments = self.donations.filter(status=DonationStatus.PAID).datetimes("paid_at", "year", order="DESC")
        return [moment.year for moment in moments]


class RecurringDonation(models.Model):
    """A monthly or yearly gift: one Stripe subscription, producing one Donation per paid invoice."""

    # Keeps ledger rows out of the editors' "usage" listings of pages, and skips the index on every save.
    wagtail_reference_index_ignore = True

    donor = models.ForeignKey(Donor, on_delete=models.PROTECT, related_name="recurring_donations")
    campaign = models.ForeignKey("campaigns.CampaignPage", on_delete=models.PROTECT, related_name="+")
    amount_cents = models.PositiveIntegerField(_("bedrag per termijn (centen)"))
    frequency = models.CharField(_("frequentie"), max_length=10, choices=Frequency.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=RecurringStatus.choices, default=RecurringStatus.ACTIVE
    )
    stripe_subscription_id = models.CharField(max_length=255, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    canceled_at = models.DateTimeField(null=True, blank=True)
    end_reason = models.CharField(_("reden van stoppen"), max_length=30, choices=EndReason.choices, blank=True)
    # The transactienummer of the periodieke gift (5-year agreement) these payments fulfil; empty for an ordinary one.
    agreement_number = models.CharField(_("periodieke gift"), max_length=20, blank=True, db_index=True)
    # Stripe's `pause_collection.resumes_at` as last read: until then no payments are collected. Empty: not paused.
    paused_until = models.DateTimeField(_("gepauzeerd tot"), null=True, blank=True)
    # Paused at Stripe without a `resumes_at` (the dashboard can do that): nothing is collected until it is resumed.
    paused_without_end = models.BooleanField(_("gepauzeerd zonder einddatum"), default=False)

    class Meta:
        verbose_name = _("terugkerende gift")
        verbose_name_plural = _("terugkerende giften")

    def __str__(self):
        return f"{format_euro(self.amount_cents)} {self.get_frequency_display().lower()} – {self.donor}"

    @property
    def has_ended(self):
        return self.status in ENDED_RECURRING_STATUSES

    @property
    def is_periodic_gift(self):
        return bool(self.agreement_number)

    @property
    def gift_noun(self):
        """The gift in a sentence ("uw maandelijkse gift van € 10"), in the active language."""
        if self.agreement_number:
            return _("periodieke gift")  # the gift of an agreement (overeenkomst)
        return _("jaarlijkse gift") if self.frequency == Frequency.YEARLY else _("maandelijkse gift")

    @property
    def is_paused(self):
        return self.paused_without_end or (self.paused_until is not None and self.paused_until > timezone.now())


COUNTED_FIELDS = frozenset({"in_total_cents", "in_donor_count"})


class Donation(models.Model):
    """One payment to one campaign. Paid only when a verified Stripe webhook says so."""

    # Keeps ledger rows out of the editors' "usage" listings of pages, and skips the index on every save.
    wagtail_reference_index_ignore = True

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    campaign = models.ForeignKey("campaigns.CampaignPage", on_delete=models.PROTECT, related_name="+")
    donor = models.ForeignKey(Donor, on_delete=models.PROTECT, related_name="donations")
    recurring = models.ForeignKey(
        RecurringDonation, on_delete=models.PROTECT, related_name="donations", null=True, blank=True
    )
    amount_cents = models.PositiveIntegerField(_("gift (centen)"))
    fee_cents = models.PositiveIntegerField(_("bijdrage transactiekosten (centen)"), default=0)
    refunded_cents = models.PositiveIntegerField(_("terugbetaald (centen)"), default=0)
    currency = models.CharField(max_length=3, default="eur", editable=False)
    frequency = models.CharField(_("frequentie"), max_length=10, choices=Frequency.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=DonationStatus.choices, default=DonationStatus.PENDING, db_index=True
    )
    anonymous = models.BooleanField(_("anoniem"), default=False)
    payment_method = models.CharField(
        _("betaalmethode"), max_length=20, choices=PaymentMethod.choices, blank=True, db_index=True
    )
    # The first name shown with the gift on the campaign page ("Anna gaf € 25"); empty shows "Anoniem".
    public_name = models.CharField(_("naam bij de gift"), max_length=40, blank=True)
    monthly_offer = models.CharField(
        _("aanbod maandelijks geven"), max_length=10, choices=MonthlyOffer.choices, blank=True, default=""
    )
    # The transactienummer of the periodieke gift this payment fulfils; empty for an ordinary gift. The yearly
    # overview lists such payments apart, with this number, for the donor's tax return.
    agreement_number = models.CharField(_("periodieke gift"), max_length=20, blank=True, db_index=True)
    cover_fees = models.BooleanField(_("draagt transactiekosten"), default=False)
    stripe_checkout_session_id = models.CharField(max_length=255, unique=True, null=True, blank=True)
    stripe_payment_intent_id = models.CharField(max_length=255, unique=True, null=True, blank=True)
    stripe_invoice_id = models.CharField(max_length=255, unique=True, null=True, blank=True)
    stripe_charge_id = models.CharField(max_length=255, unique=True, null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)
    paid_at = models.DateTimeField(null=True, blank=True)
    receipt_number = models.CharField(_("ontvangstbewijsnummer"), max_length=20, unique=True, null=True, blank=True)
    # Given with the number, before the first send: a resend after a crash is the same message, not a second receipt.
    receipt_message_id = models.CharField(max_length=255, blank=True, editable=False)
    receipt_queued_at = models.DateTimeField(null=True, blank=True)
    receipt_sent_at = models.DateTimeField(null=True, blank=True)
    # The running refund total the donor was last told about: a repeated or racing refund event mails nothing, a
    # further partial refund mails only what came on top.
    refund_notice_sent_cents = models.PositiveIntegerField(default=0, editable=False)
    receipt_failed_at = models.DateTimeField(
        _("bevestiging mislukt op"),
        null=True,
        blank=True,
        help_text=_("Alle nieuwe pogingen zijn op; opnieuw versturen kan."),
    )
    stripe_dispute_id = models.CharField(max_length=255, blank=True)
    dispute_status = models.CharField(
        _("status betwisting"), max_length=30, blank=True, help_text=_("Zoals Stripe die het laatst meldde.")
    )
    # What this row adds to its campaign's running total (`CampaignTotal`) right now, kept by `totals.py` in the same
    # transaction as the change: the next change adds only the difference.
    in_total_cents = models.PositiveIntegerField(default=0, editable=False)
    in_donor_count = models.BooleanField(default=False, editable=False)

    class Meta:
        verbose_name = _("donatie")
        verbose_name_plural = _("donaties")
        permissions = [
            ("refund_donation", _("Kan donaties terugbetalen")),
            ("export_donation", _("Kan donateursgegevens exporteren")),
        ]
        indexes = [
            models.Index(fields=["campaign", "status"]),
            # The newest paid gifts of a campaign (donations.recent_gifts), without sorting all of them.
            models.Index(fields=["campaign", "status", "-paid_at"], name="donation_newest_paid"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(amount_cents__gte=100), name="donation_amount_at_least_one_euro"),
            models.CheckConstraint(
                condition=Q(refunded_cents__lte=models.F("amount_cents") + models.F("fee_cents")),
                name="donation_refund_not_above_amount",
            ),
        ]

    def __str__(self):
        return f"{format_euro(self.total_cents)} · {self.campaign.title} · {self.get_status_display()}"

    def save(self, *args, **kwargs):
        # What the row adds to its campaign's total is `totals.count_donation`'s alone to write: a save of an instance
        # read before the last change must not put back an older figure (and so count a change twice or never).
        if not self._state.adding and kwargs.get("update_fields") is None and not kwargs.get("force_insert"):
            kwargs["update_fields"] = [
                field.name
                for field in self._meta.concrete_fields
                if not field.primary_key and field.name not in COUNTED_FIELDS
            ]
        super().save(*args, **kwargs)

    @property
    def is_periodic_gift(self):
        return bool(self.agreement_number)

    @property
    def kind_label(self):
        """Which kind of gift this is, in the words of the tax rules: only the 5-year agreement is "periodiek"."""
        if self.agreement_number:
            return _("Periodieke gift (overeenkomst %(number)s)") % {"number": self.agreement_number}
        return {
            Frequency.ONCE: _("Eenmalige gift"),
            Frequency.MONTHLY: _("Maandelijkse gift"),
            Frequency.YEARLY: _("Jaarlijkse gift"),
        }[self.frequency]

    @property
    def total_cents(self):
        """What the donor pays: the gift plus, if chosen, the transaction costs."""
        return self.amount_cents + self.fee_cents

    @property
    def counted_cents(self):
        """What this donation adds to its campaign's total: the gift less what was refunded, never below zero.

        A refund lowers the total by exactly its amount, also when the donor covered the costs; a refund that
        also returns (part of) those costs lowers it by no more than the gift. See `counted_cents_expression`.
        """
        return counted_cents(self.status, self.amount_cents, self.refunded_cents)


def counted_cents(status, amount_cents, refunded_cents):
    """What a donation in this state adds to its campaign's total; see `Donation.counted_cents`."""
    if status != DonationStatus.PAID:
        return 0
    return max(0, amount_cents - refunded_cents)


def counted_cents_expression():
    """`Donation.counted_cents` of paid donations, for aggregating in the database (exact integer cents)."""
    return Case(
        When(refunded_cents__gte=F("amount_cents"), then=Value(0)),
        default=F("amount_cents") - F("refunded_cents"),
        output_field=models.BigIntegerField(),
    )


class CampaignTotal(models.Model):
    """The running total of one campaign (its Dutch and English pages together, by their `translation_key`).

    Changed by the difference with every ledger change, so reading a total costs one row, however many gifts there
    are. `manage.py recount_campaign_totals` checks it against the ledger.
    """

    wagtail_reference_index_ignore = True

    translation_key = models.UUIDField(unique=True)
    raised_cents = models.BigIntegerField(default=0)
    donor_count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("campagnetotaal")
        verbose_name_plural = _("campagnetotalen")

    def __str__(self):
        return f"{self.translation_key}: {format_euro(self.raised_cents)}, {self.donor_count}"


class CampaignDonor(models.Model):
    """How many paid gifts one donor has in one campaign: the donor count changes when this goes 0 → 1 or 1 → 0."""

    wagtail_reference_index_ignore = True

    translation_key = models.UUIDField()
    donor = models.ForeignKey(Donor, on_delete=models.CASCADE, related_name="+")
    paid_gifts = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["translation_key", "donor"], name="campaign_donor_once"),
        ]


class StripeEvent(models.Model):
    """Every webhook delivery Stripe made, stored once per event id, with what handling it did."""

    # Keeps ledger rows out of the editors' "usage" listings of pages, and skips the index on every save.
    wagtail_reference_index_ignore = True

    class Outcome(models.TextChoices):
        PENDING = "pending", _("Nog niet verwerkt")
        # The gift, recurring gift or charge it is about is not in the ledger yet: applied as soon as it is.
        WAITING = "waiting", _("Wacht op de gift")
        PROCESSED = "processed", _("Verwerkt")
        IGNORED = "ignored", _("Genegeerd")
        FAILED = "failed", _("Mislukt")

    stripe_id = models.CharField(max_length=255, unique=True)
    type = models.CharField(max_length=100, db_index=True)
    livemode = models.BooleanField(default=False)
    payload = models.JSONField()
    received_at = models.DateTimeField(auto_now_add=True)
    delivery_count = models.PositiveIntegerField(default=1)
    processed_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=10, choices=Outcome.choices, default=Outcome.PENDING)
    error = models.TextField(blank=True)
    # The Stripe object (payment intent, charge, subscription) a waiting event needs to find in the ledger.
    waiting_for = models.CharField(_("wacht op"), max_length=255, blank=True, db_index=True)
    waiting_since = models.DateTimeField(_("wacht sinds"), null=True, blank=True)
    # Stripe's own creation time of the event: waiting events are applied in the order Stripe made them.
    stripe_created = models.PositiveBigIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = _("Stripe-gebeurtenis")
        verbose_name_plural = _("Stripe-gebeurtenissen")
        ordering = ["-received_at"]

    def __str__(self):
        return f"{self.type} {self.stripe_id}"


class ReceiptCounter(models.Model):
    """The last receipt number handed out per year; receipt numbers are sequential within a year (2026-000001)."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("teller ontvangstbewijzen")

    def __str__(self):
        return f"{self.year}: {self.last_number}"


class AnnualOverview(models.Model):
    """One yearly overview ('jaaroverzicht') per donor per year: the row is what stops a second e-mail."""

    donor = models.ForeignKey(Donor, on_delete=models.PROTECT, related_name="annual_overviews")
    year = models.PositiveSmallIntegerField()
    total_cents = models.PositiveBigIntegerField()
    donation_count = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("jaaroverzicht")
        verbose_name_plural = _("jaaroverzichten")
        constraints = [models.UniqueConstraint(fields=["donor", "year"], name="one_annual_overview_per_donor_year")]

    def __str__(self):
        return f"{self.year} – {self.donor}"


# Marked for translation: an English receipt whose setting has no English text of its own says this in English.
DEFAULT_THANK_YOU_TEXT = gettext_noop(
    "Dankzij uw gift kunnen meer leraren van elkaar leren en samen hun onderwijs verbeteren. "
    "Zo krijgt ieder kind meer kansen."
)


@register_setting(icon="mail")
class ReceiptSettings(BaseSiteSetting):
    thank_you_text = models.TextField(_("Bedanktekst in de bevestiging"), default=DEFAULT_THANK_YOU_TEXT)

    # The settings have one value for every language: English receipts take this one, or a fixed English text.
    thank_you_text_en = models.TextField(
        _("Bedanktekst in de Engelse bevestiging"),
        blank=True,
        help_text=_("Leeg: de vaste Engelse vertaling van de standaardtekst."),
    )

    class Meta:
        verbose_name = _("Bevestigingsmail")
