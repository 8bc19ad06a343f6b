from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from core.euro_fields import EuroCentsField
from core.money import format_euro
from pages.blocks import ContentStreamBlock
from pages.models import CachedPageMixin, SeoFieldsMixin

# Where a checkout the donor broke off comes back (donations.prefill.QUERY_PARAMETER; the ledger imports this module).
BROKEN_OFF_QUERY_PARAMETER = "geannuleerd"


class CampaignIndexPage(CachedPageMixin, SeoFieldsMixin, Page):
    intro = models.TextField(_("Inleiding"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["pages.HomePage"]
    subpage_types = ["campaigns.CampaignPage"]
    max_count = 1

    class Meta:
        verbose_name = _("Overzicht campagnes")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["campaigns"] = (
            CampaignPage.objects.child_of(self).live().public().select_related("hero_image").order_by("path")
        )
        return context


class CampaignPage(CachedPageMixin, SeoFieldsMixin, Page):
    """A fundraising campaign: what the money is for, the goal, and suggested amounts with what they do.

    Served from the whole-page cache like the other pages; the donation form gets each visitor's own CSRF token.
    """

    intro = models.TextField(_("Inleiding"))
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Hoofdafbeelding"),
    )
    hero_image_alt = models.CharField(_("Alternatieve tekst hoofdafbeelding"), max_length=250, blank=True)
    goal_cents = EuroCentsField(_("Doelbedrag (in euro)"), min_cents=100, help_text=_("Bijvoorbeeld 50.000."))
    start_date = models.DateField(_("Startdatum"))
    end_date = models.DateField(_("Einddatum"), null=True, blank=True)
    body = StreamField(ContentStreamBlock(), verbose_name=_("Inhoud"), blank=True)
    monthly_offer_percent = models.PositiveSmallIntegerField(
        _("Maandbedrag als percentage van een eenmalige gift"),
        default=20,
        validators=[MaxValueValidator(100)],
        help_text=_(
            "Wie eenmalig geeft, krijgt één keer het aanbod om maandelijks te geven: dit percentage van het bedrag, "
            "afgerond op hele euro's en minstens € 5. Bij 0 wordt het aanbod niet gedaan."
        ),
    )
    share_text = models.TextField(
        _("Tekst om te delen"),
        max_length=280,
        blank=True,
        help_text=_(
            "Wat een donateur na de gift met één klik kan delen via WhatsApp, X of e-mail; het adres van de "
            "campagne komt erachter. Leeg: de standaardtekst met de naam van de campagne."
        ),
    )

    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("hero_image"),
        FieldPanel("hero_image_alt"),
        MultiFieldPanel(
            [FieldPanel("goal_cents"), FieldPanel("start_date"), FieldPanel("end_date")], heading=_("Doel en looptijd")
        ),
        InlinePanel("suggested_amounts", label=_("Voorgestelde bedragen"), min_num=1, max_num=4),
        FieldPanel("monthly_offer_percent"),
        FieldPanel("share_text"),
        FieldPanel("body"),
    ]
    parent_page_types = ["campaigns.CampaignIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("Campagne")
        verbose_name_plural = _("Campagnes")

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        if request.GET.get(BROKEN_OFF_QUERY_PARAMETER):
            add_never_cache_headers(response)  # the form is filled in with the donor's own e-mail address and name
        return response

    def clean(self):
        super().clean()
        if self.end_date and self.start_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("De einddatum ligt vóór de startdatum.")})

    @property
    def is_open(self):
        """Open for gifts: started, not past its end date, and published."""
        today = timezone.localdate()
        return self.live and self.start_date <= today and (self.end_date is None or today <= self.end_date)

    @property
    def goal_display(self):
        return format_euro(self.goal_cents)

    def impact_line_for(self, cents):
        """What a gift of `cents` can do: the line of the largest suggested amount it reaches (as the form shows it)."""
        reached = [amount for amount in self.suggested_amounts.all() if amount.amount_cents <= cents]
        return max(reached, key=lambda amount: amount.amount_cents).impact_line if reached else ""


class SuggestedAmount(Orderable):
    page = ParentalKey(CampaignPage, related_name="suggested_amounts", on_delete=models.CASCADE)
    amount_cents = EuroCentsField(
        _("Bedrag (in euro)"), min_cents=settings.DONATION_MIN_CENTS, max_cents=settings.DONATION_MAX_CENTS
    )
    impact_line = models.CharField(
        _("Wat het kan doen"), max_length=200, help_text=_("Bijvoorbeeld: bijv. € 50 kan een training geven.")
    )

    panels = [FieldPanel("amount_cents"), FieldPanel("impact_line")]

    class Meta(Orderable.Meta):
        verbose_name = _("Voorgesteld bedrag")

    def __str__(self):
        return format_euro(self.amount_cents)

    @property
    def amount_display(self):
        return format_euro(self.amount_cents)
