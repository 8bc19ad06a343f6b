from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

# Stored codes are English, as everywhere in the site's data; the labels people see are Dutch (and translated).


class PartnerKind(models.TextChoices):
    FOUNDATION = "foundation", _("Fonds of stichting")
    WEALTHY_INDIVIDUAL = "wealthy_individual", _("Vermogend particulier")
    COMPANY = "company", _("Bedrijf")
    OTHER = "other", _("Anders")


class PartnerInterest(models.TextChoices):
    BOARD_PROGRAMME = "board_programme", _("Het besturenprogramma")
    ACCELERATOR = "accelerator", _("De leerKRACHT-Versneller")
    GENERAL_SUPPORT = "general_support", _("Algemene steun aan leerKRACHT")
    HOST_TEACHERS = (
        "host_teachers",
        _("Een middag 30 leraren ontvangen om te laten zien hoe uw organisatie continu verbetert"),
    )


class IndicativeBudget(models.TextChoices):
    """Ranges rather than free text: easy to choose, and the pipeline can be filtered and exported by them."""

    UP_TO_10K = "up_to_10k", _("Tot € 10.000")
    FROM_10K_TO_50K = "10k_to_50k", _("€ 10.000 – € 50.000")
    FROM_50K_TO_250K = "50k_to_250k", _("€ 50.000 – € 250.000")
    OVER_250K = "over_250k", _("Meer dan € 250.000")


class RequestStatus(models.TextChoices):
    NEW = "new", _("Nieuw")
    CONTACTED = "contacted", _("Contact opgenomen")
    MEETING_PLANNED = "meeting_planned", _("Gesprek gepland")
    PARTNER = "partner", _("Partner")
    DECLINED = "declined", _("Afgewezen")


class PartnershipRequest(models.Model):
    """A request for a partnership conversation, from the form on the partner page to partner or declined."""

    kind = models.CharField(_("soort partner"), max_length=20, choices=PartnerKind.choices)
    organisation = models.CharField(_("organisatie"), max_length=200, blank=True)
    contact_name = models.CharField(_("contactpersoon"), max_length=160)
    email = models.EmailField(_("e-mailadres"))
    phone = models.CharField(_("telefoonnummer"), max_length=40, blank=True)
    interest = models.CharField(_("interesse"), max_length=30, choices=PartnerInterest.choices)
    budget = models.CharField(_("indicatief budget"), max_length=20, choices=IndicativeBudget.choices, blank=True)
    message = models.TextField(_("bericht"))
    consent_to_contact = models.BooleanField(_("toestemming voor contact"), default=False)

    status = models.CharField(
        _("status"), max_length=20, choices=RequestStatus.choices, default=RequestStatus.NEW, db_index=True
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="partnership_requests",
        verbose_name=_("eigenaar"),
    )
    notes = models.TextField(_("notities"), blank=True)

    created_at = models.DateTimeField(_("ontvangen op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("bijgewerkt op"), auto_now=True)
    contacted_at = models.DateTimeField(_("contact opgenomen op"), null=True, blank=True)
    conversation_logged_at = models.DateTimeField(_("gesprek vastgelegd op"), null=True, blank=True)

    # Each e-mail task checks and sets its own mark, so running a task twice sends one e-mail. The "queued" marks
    # say the task reached the broker; the sweep queues again what never did, or never got sent.
    confirmation_queued_at = models.DateTimeField(_("bevestiging in de wachtrij gezet op"), null=True, blank=True)
    confirmation_sent_at = models.DateTimeField(_("bevestiging verstuurd op"), null=True, blank=True)
    staff_notification_queued_at = models.DateTimeField(
        _("melding aan team in de wachtrij gezet op"), null=True, blank=True
    )
    staff_notified_at = models.DateTimeField(_("team geïnformeerd op"), null=True, blank=True)
    follow_up_sent_at = models.DateTimeField(_("vervolgmail verstuurd op"), null=True, blank=True)
    last_reminder_sent_on = models.DateField(_("laatste herinnering verstuurd op"), null=True, blank=True)

    class Meta:
        verbose_name = _("partneraanvraag")
        verbose_name_plural = _("partneraanvragen")
        ordering = ["-created_at"]
        permissions = [("export_partnershiprequest", _("Kan partneraanvragen exporteren"))]

    def __str__(self):
        if self.organisation:
            return f"{self.organisation} ({self.contact_name})"
        return self.contact_name

    @property
    def display_name(self):
        """The organisation, or the person when a private individual asks on their own behalf."""
        return self.organisation or self.contact_name
