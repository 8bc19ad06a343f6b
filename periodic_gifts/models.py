"""The periodieke gift: the 5-year gift agreement ("Overeenkomst periodieke gift in geld") and its payments.

Only this agreement is a periodieke gift; an ordinary monthly or yearly gift is a terugkerende gift (donations app).
No BSN is ever stored here: the donor writes it on the paper agreement by hand.
"""

import datetime
import uuid

from django.conf import settings
from django.contrib import admin
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from core.money import format_euro

MIN_DURATION_YEARS = 5


def private_storage():
    """Where signed agreements are kept: the "private" storage, which no URL of the web server reaches."""
    from django.core.files.storage import storages

    return storages["private"]


def signed_copy_path(agreement, filename):
    # The donor's file name is not kept: it may hold their name or anything else.
    return f"periodieke-giften/{agreement.transaction_number}-{uuid.uuid4().hex}.pdf"


class AgreementStatus(models.TextChoices):
    REQUESTED = "requested", _("Aangevraagd")
    SIGNED_BY_DONOR = "signed_by_donor", _("Getekend door donateur")
    COUNTERSIGNED = "countersigned", _("Ondertekend")
    RUNNING = "running", _("Lopend")
    ENDED = "ended", _("Beëindigd")


class PaymentMethod(models.TextChoices):
    DIRECT_DEBIT_MONTHLY = "debit_monthly", _("Maandelijkse automatische incasso (eerste betaling met iDEAL)")
    DIRECT_DEBIT_YEARLY = "debit_yearly", _("Jaarlijkse automatische incasso (eerste betaling met iDEAL)")
    BANK_TRANSFER = "bank_transfer", _("Zelf overmaken, eens per jaar")


# The Stripe subscription interval of each direct-debit method; a bank transfer has none.
STRIPE_FREQUENCY = {PaymentMethod.DIRECT_DEBIT_MONTHLY: "monthly", PaymentMethod.DIRECT_DEBIT_YEARLY: "yearly"}


class EndReason(models.TextChoices):
    """Why an agreement ended: its term, or one of the model agreement's ending causes."""

    TERM_COMPLETED = "term_completed", _("Looptijd voltooid")
    DEATH_OF_DONOR = "death_of_donor", _("Overlijden van de schenker")
    DEATH_OF_OTHER = "death_of_other", _("Overlijden van de in de overeenkomst genoemde persoon")
    LOSS_OF_ANBI_STATUS = "loss_of_anbi", _("De instelling is geen ANBI meer")
    LOSS_OF_INCOME = "loss_of_income", _("Onvrijwillige werkloosheid of arbeidsongeschiktheid van de schenker")
    NOT_SIGNED = "not_signed", _("Niet ondertekend: de overeenkomst is nooit ingegaan")


class PeriodicGiftAgreement(models.Model):
    wagtail_reference_index_ignore = True

    transaction_number = models.CharField(_("transactienummer"), max_length=20, unique=True)
    # The signed links name this, not the transaction number (which appears on paper and in mails).
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    status = models.CharField(
        _("status"), max_length=20, choices=AgreementStatus.choices, default=AgreementStatus.REQUESTED, db_index=True
    )
    donor = models.ForeignKey("donations.Donor", on_delete=models.PROTECT, related_name="periodic_gift_agreements")
    # Every euro in the ledger belongs to a campaign, so an agreement's payments do too.
    campaign = models.ForeignKey(
        "campaigns.CampaignPage", on_delete=models.PROTECT, related_name="+", verbose_name=_("campagne")
    )

    yearly_amount_cents = models.PositiveIntegerField(_("bedrag per jaar (centen)"))
    duration_years = models.PositiveSmallIntegerField(
        _("looptijd (jaren)"), null=True, blank=True, help_text=_("Leeg: onbepaalde tijd.")
    )
    start_year = models.PositiveSmallIntegerField(_("jaar van de eerste uitkering"))
    payment_method = models.CharField(_("betaalwijze"), max_length=20, choices=PaymentMethod.choices)
    other_person_name = models.CharField(
        _("eindigt ook bij overlijden van"), max_length=160, blank=True, help_text=_("Naam van die persoon.")
    )
    ends_on_loss_of_income = models.BooleanField(
        _("eindigt bij onvrijwillige werkloosheid of arbeidsongeschiktheid"), default=False
    )

    # The donor as the model agreement asks for them (section 3), without the BSN.
    last_name = models.CharField(_("achternaam"), max_length=120)
    first_names = models.CharField(_("voornamen (voluit)"), max_length=160)
    birth_date = models.DateField(_("geboortedatum"))
    birth_place = models.CharField(_("geboorteplaats"), max_length=120)
    street_and_number = models.CharField(_("straat en huisnummer"), max_length=160)
    postcode = models.CharField(_("postcode"), max_length=12)
    city = models.CharField(_("woonplaats"), max_length=120)
    country = models.CharField(_("land"), max_length=80, default="Nederland")
    email = models.EmailField(_("e-mail"))
    language = models.CharField(max_length=5, default="nl", editable=False)

    # The partner (section 6), when there is one.
    partner_last_name = models.CharField(_("achternaam partner"), max_length=120, blank=True)
    partner_first_names = models.CharField(_("voornamen partner"), max_length=160, blank=True)
    partner_birth_date = models.DateField(_("geboortedatum partner"), null=True, blank=True)
    partner_birth_place = models.CharField(_("geboorteplaats partner"), max_length=120, blank=True)
    partner_country = models.CharField(_("land partner"), max_length=80, blank=True)

    created_at = models.DateTimeField(_("aangevraagd op"), auto_now_add=True)
    request_mail_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    # The donor's signed copy: kept in the private storage, never public media.
    signed_by_donor_file = models.FileField(
        _("door de donateur getekende overeenkomst"),
        storage=private_storage,
        upload_to=signed_copy_path,
        blank=True,
        editable=False,
    )
    signed_by_donor_at = models.DateTimeField(_("getekend ontvangen op"), null=True, blank=True)
    countersigned_at = models.DateTimeField(_("ondertekend namens de stichting op"), null=True, blank=True)
    countersigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+", editable=False
    )
    # Printed in section 7, as the ANBI settings named them when the agreement was countersigned.
    signatory_name = models.CharField(_("ondertekend door"), max_length=160, blank=True)
    signatory_role = models.CharField(_("functie"), max_length=120, blank=True)
    signatory_place = models.CharField(_("plaats"), max_length=120, blank=True)
    countersigned_mail_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    payment_invitation_sent_at = models.DateTimeField(null=True, blank=True, editable=False)

    # The pending first donation of a direct debit: its Checkout Session starts the Stripe subscription.
    first_donation = models.OneToOneField(
        "donations.Donation", on_delete=models.PROTECT, null=True, blank=True, related_name="+", editable=False
    )
    first_paid_on = models.DateField(_("eerste betaling op"), null=True, blank=True)
    payments_complete_at = models.DateTimeField(_("alle termijnen betaald op"), null=True, blank=True)
    term_reminder_sent_at = models.DateTimeField(_("herinnering laatste jaar verstuurd op"), null=True, blank=True)
    ended_on = models.DateField(_("beëindigd op"), null=True, blank=True)
    end_reason = models.CharField(_("reden van beëindiging"), max_length=20, choices=EndReason.choices, blank=True)
    ended_mail_sent_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("periodieke gift")
        verbose_name_plural = _("periodieke giften")
        ordering = ["-created_at"]
        permissions = [
            ("countersign_periodicgiftagreement", _("Kan periodieke giften ondertekenen namens de stichting")),
            ("export_periodicgiftagreement", _("Kan periodieke giften exporteren")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(duration_years__isnull=True) | Q(duration_years__gte=MIN_DURATION_YEARS),
                name="periodic_gift_at_least_five_years",
            ),
            models.CheckConstraint(condition=Q(yearly_amount_cents__gte=100), name="periodic_gift_positive_amount"),
        ]

    def __str__(self):
        return f"{self.transaction_number} – {format_euro(self.yearly_amount_cents)} per jaar – {self.full_name}"

    @property
    def full_name(self):
        return f"{self.first_names} {self.last_name}".strip()

    @property
    def has_partner(self):
        return bool(self.partner_last_name)

    @property
    def is_direct_debit(self):
        return self.payment_method in STRIPE_FREQUENCY

    @property
    def payments_per_year(self):
        return 12 if self.payment_method == PaymentMethod.DIRECT_DEBIT_MONTHLY else 1

    @property
    def instalment_cents(self):
        return self.yearly_amount_cents // self.payments_per_year

    @property
    def last_year(self):
        """The calendar year of the last yearly payment; None for an agreement of indefinite duration."""
        return self.start_year + self.duration_years - 1 if self.duration_years else None

    @property
    def term_ends_on(self):
        """The day the term is over: N years after the first payment (bank transfer: the end of the last year)."""
        if not self.duration_years:
            return None
        if self.is_direct_debit:
            if self.first_paid_on is None:
                return None
            return years_after(self.first_paid_on, self.duration_years)
        return datetime.date(self.last_year + 1, 1, 1)

    @property
    def has_ended(self):
        return self.status == AgreementStatus.ENDED

    # For the back office's listing and export: what was paid and what comes next, as of today.
    @cached_property
    def current_schedule(self):
        from .payments import subscription_of
        from .schedule import schedule_for

        recurring = subscription_of(self) if self.is_direct_debit else None
        return schedule_for(self, timezone.localdate(), recurring=recurring)

    @admin.display(description=_("bedrag per jaar"))
    def yearly_amount(self):
        return format_euro(self.yearly_amount_cents)

    @admin.display(description=_("jaren betaald"))
    def years_paid(self):
        return self.current_schedule.years_paid

    @admin.display(description=_("betaald (centen)"))
    def paid_cents(self):
        return self.current_schedule.paid_cents

    @admin.display(description=_("volgende betaling"))
    def next_payment(self):
        return self.current_schedule.next_payment

    @admin.display(description=_("achter met betalen"), boolean=True)
    def behind_on_payment(self):
        return self.current_schedule.behind


def years_after(day, years):
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


# What an access request lists of a donor's agreements: everything stored, which never includes a BSN.
PERSONAL_RECORD_FIELDS = [
    "id",
    "transaction_number",
    "status",
    "created_at",
    "yearly_amount_cents",
    "duration_years",
    "start_year",
    "payment_method",
    "campaign_id",
    "first_names",
    "last_name",
    "birth_date",
    "birth_place",
    "street_and_number",
    "postcode",
    "city",
    "country",
    "email",
    "other_person_name",
    "ends_on_loss_of_income",
    "partner_first_names",
    "partner_last_name",
    "partner_birth_date",
    "partner_birth_place",
    "partner_country",
    "signed_by_donor_at",
    "countersigned_at",
    "first_paid_on",
    "ended_on",
    "end_reason",
]


def agreements_of(donor):
    return PeriodicGiftAgreement.objects.filter(donor=donor).order_by("created_at").values(*PERSONAL_RECORD_FIELDS)


def has_open_agreement(donor):
    return PeriodicGiftAgreement.objects.filter(donor=donor).exclude(status=AgreementStatus.ENDED).exists()


class AgreementCounter(models.Model):
    """The last transaction number handed out per year: PG-2026-0001, PG-2026-0002, …"""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last_number = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"{self.year}: {self.last_number}"
