from django.core.paginator import Paginator
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index

from delivery.page_cache import answered_query, serve_cached

from .blocks import ContentStreamBlock, FiguresBlock, MenuLinkBlock, ResearchReferenceBlock


class SeoFieldsMixin(models.Model):
    """Open Graph image for sharing; title and description come from Wagtail's promote tab."""

    og_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("Afbeelding bij delen"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Getoond als de pagina op sociale media wordt gedeeld (1200 × 630)."),
    )

    promote_panels = [
        MultiFieldPanel(Page.promote_panels, _("Gemeenschappelijke instellingen")),
        FieldPanel("og_image"),
    ]

    class Meta:
        abstract = True

    @property
    def share_image(self):
        return self.og_image


class CachedPageMixin:
    """Serve anonymous visitors from the whole-page cache; a CSRF form on the page gets each visitor's own token."""

    def serve(self, request, *args, **kwargs):
        return serve_cached(request, lambda: super(CachedPageMixin, self).serve(request, *args, **kwargs))


class HomePage(CachedPageMixin, SeoFieldsMixin, Page):
    mission_statement = models.TextField(
        _("Missie in één zin"),
        help_text=_("Van kansenongelijkheid naar een verbetercultuur: de kern in één zin."),
    )
    intro = RichTextField(_("Inleiding"), features=["bold", "italic", "link"], blank=True)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Hoofdafbeelding"),
    )
    schools_with_leerkracht = models.PositiveIntegerField(_("Scholen die met leerKRACHT werken"), default=1200)
    schools_in_netherlands = models.PositiveIntegerField(_("Scholen in Nederland"), default=10000)
    tipping_point_percentage = models.PositiveSmallIntegerField(_("Kantelpunt (procent van de scholen)"), default=20)
    tipping_point_text = models.TextField(_("Uitleg kantelpunt"), blank=True)
    impact_figures = StreamField([("figures", FiguresBlock())], verbose_name=_("Kengetallen"), blank=True, max_num=1)
    donate_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Doneerpagina"),
    )
    partner_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Partnerpagina"),
    )
    body = StreamField(ContentStreamBlock(), verbose_name=_("Inhoud"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("mission_statement"),
        FieldPanel("intro"),
        FieldPanel("hero_image"),
        MultiFieldPanel(
            [
                FieldPanel("schools_with_leerkracht"),
                FieldPanel("schools_in_netherlands"),
                FieldPanel("tipping_point_percentage"),
                FieldPanel("tipping_point_text"),
            ],
            heading=_("Kantelpunt"),
        ),
        FieldPanel("impact_figures"),
        InlinePanel("featured_campaigns", label=_("Uitgelichte campagnes"), max_num=3),
        InlinePanel("featured_stories", label=_("Uitgelichte verhalen"), max_num=3),
        MultiFieldPanel(
            [PageChooserPanel("donate_page"), PageChooserPanel("partner_page")], heading=_("Oproepen tot actie")
        ),
        FieldPanel("body"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "pages.StandardPage",
        "pages.ImpactPage",
        "pages.StoryIndexPage",
        "pages.PartnerPage",
        "pages.AnbiPage",
        "campaigns.CampaignIndexPage",
    ]
    max_count = 1

    class Meta:
        verbose_name = _("Startpagina")

    @property
    def tipping_point_schools(self):
        return self.schools_in_netherlands * self.tipping_point_percentage // 100

    @property
    def current_percentage(self):
        if not self.schools_in_netherlands:
            return 0
        return round(100 * self.schools_with_leerkracht / self.schools_in_netherlands)

    @property
    def tipping_point_progress(self):
        """Share of the way to the tipping point, 0–100, for the progress bar."""
        if not self.tipping_point_schools:
            return 0
        return min(100, round(100 * self.schools_with_leerkracht / self.tipping_point_schools))

    def get_context(self, request, *args, **kwargs):
        from .i18n import localize_pages

        context = super().get_context(request, *args, **kwargs)
        campaigns = [
            item.campaign
            for item in self.featured_campaigns.select_related("campaign", "campaign__hero_image").filter(
                campaign__live=True
            )
        ]
        stories = [
            item.story
            for item in self.featured_stories.select_related("story", "story__hero_image").filter(story__live=True)
        ]
        # A translated home page may still point at the pages its original chose: show their translations instead.
        # No query when every chosen page is already in this page's language.
        chosen = [*campaigns, *stories, self.donate_page, self.partner_page]
        localized = localize_pages(chosen, self.locale_id, specific=True)
        context["featured_campaigns"] = localized[: len(campaigns)]
        context["featured_stories"] = localized[len(campaigns) : len(campaigns) + len(stories)]
        context["donate_page"], context["partner_page"] = localized[-2:]
        return context


class HomePageFeaturedCampaign(Orderable):
    page = ParentalKey(HomePage, related_name="featured_campaigns", on_delete=models.CASCADE)
    campaign = models.ForeignKey(
        "campaigns.CampaignPage", on_delete=models.CASCADE, related_name="+", verbose_name=_("Campagne")
    )
    panels = [PageChooserPanel("campaign")]


class HomePageFeaturedStory(Orderable):
    page = ParentalKey(HomePage, related_name="featured_stories", on_delete=models.CASCADE)
    story = models.ForeignKey("pages.StoryPage", on_delete=models.CASCADE, related_name="+", verbose_name=_("Verhaal"))
    panels = [PageChooserPanel("story")]


class StandardPage(CachedPageMixin, SeoFieldsMixin, Page):
    """Mission, method, privacy, accessibility statement, contact: text pages built from blocks."""

    intro = models.TextField(_("Inleiding"), blank=True)
    body = StreamField(ContentStreamBlock(), verbose_name=_("Inhoud"), blank=True)

    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]

    parent_page_types = ["pages.HomePage", "pages.StandardPage"]
    subpage_types = ["pages.StandardPage"]

    class Meta:
        verbose_name = _("Standaardpagina")


class ImpactPage(CachedPageMixin, SeoFieldsMixin, Page):
    intro = models.TextField(_("Inleiding"), blank=True)
    body = StreamField(ContentStreamBlock(), verbose_name=_("Inhoud"), blank=True)
    research = StreamField(
        [("reference", ResearchReferenceBlock())], verbose_name=_("Onafhankelijk onderzoek"), blank=True
    )

    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body"), FieldPanel("research")]

    parent_page_types = ["pages.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("Impactpagina")


class Sector(models.TextChoices):
    PO = "po", _("Primair onderwijs")
    VO = "vo", _("Voortgezet onderwijs")
    MBO = "mbo", _("Middelbaar beroepsonderwijs")


class StoryIndexPage(CachedPageMixin, SeoFieldsMixin, Page):
    intro = models.TextField(_("Inleiding"), blank=True)
    stories_per_page = 9

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["pages.HomePage"]
    subpage_types = ["pages.StoryPage"]
    max_count = 1

    class Meta:
        verbose_name = _("Overzicht praktijkverhalen")

    def get_stories(self, sector=None):
        stories = StoryPage.objects.child_of(self).live().public().select_related("hero_image").order_by("-date", "-pk")
        if sector:
            stories = stories.filter(sector=sector)
        return stories

    def get_cached_paths(self):
        # Each sector filter is a page of its own to a CDN, to be purged with the list.
        return ["/", *(f"/?sector={sector}" for sector in Sector.values)]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        sector = request.GET.get("sector")
        if sector not in Sector.values:
            sector = None
        paginator = Paginator(self.get_stories(sector), self.stories_per_page)
        stories = paginator.get_page(request.GET.get("pagina"))
        answered_query(request, sector=sector, pagina=stories.number)
        context.update(stories=stories, sectors=Sector.choices, active_sector=sector)
        return context


class StoryPage(CachedPageMixin, SeoFieldsMixin, Page):
    """A practice story: how one school works with the method, in the words of the people there."""

    date = models.DateField(_("Datum"))
    school = models.CharField(_("School"), max_length=160)
    place = models.CharField(_("Plaats"), max_length=80)
    sector = models.CharField(_("Sector"), max_length=3, choices=Sector.choices)
    person_name = models.CharField(_("Naam"), max_length=120)
    person_role = models.CharField(_("Rol"), max_length=120)
    pull_quote = models.TextField(_("Citaat"))
    summary = models.TextField(_("Samenvatting"), help_text=_("Eén of twee zinnen voor het overzicht."))
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Hoofdafbeelding"),
    )
    hero_image_alt = models.CharField(_("Alternatieve tekst hoofdafbeelding"), max_length=250, blank=True)
    body = StreamField(ContentStreamBlock(), verbose_name=_("Verhaal"))

    search_fields = [
        *Page.search_fields,
        index.SearchField("school"),
        index.SearchField("place"),
        index.SearchField("person_name"),
        index.SearchField("pull_quote"),
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("sector"),
    ]
    content_panels = [
        *Page.content_panels,
        FieldPanel("date"),
        MultiFieldPanel([FieldPanel("school"), FieldPanel("place"), FieldPanel("sector")], heading=_("School")),
        MultiFieldPanel([FieldPanel("person_name"), FieldPanel("person_role")], heading=_("Wie vertelt")),
        FieldPanel("pull_quote"),
        FieldPanel("summary"),
        FieldPanel("hero_image"),
        FieldPanel("hero_image_alt"),
        FieldPanel("body"),
    ]
    parent_page_types = ["pages.StoryIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("Praktijkverhaal")
        verbose_name_plural = _("Praktijkverhalen")

    @property
    def share_image(self):
        return self.og_image or self.hero_image


class PartnerPage(CachedPageMixin, SeoFieldsMixin, Page):
    """'Uw hulp' and 'Hoe kunt u partner worden?'; the request form is added by the partners app."""

    intro = models.TextField(_("Inleiding"), blank=True)
    body = StreamField(ContentStreamBlock(), verbose_name=_("Inhoud"), blank=True)

    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    parent_page_types = ["pages.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("Partnerpagina")


class AnbiPage(CachedPageMixin, SeoFieldsMixin, Page):
    """Renders the ANBI publication data kept in the ANBI setting, so there is one place to edit it."""

    intro = models.TextField(_("Inleiding"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["pages.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("ANBI-pagina")


@register_setting(icon="doc-full-inverse")
class AnbiSettings(BaseSiteSetting):
    """What the Belastingdienst requires an ANBI to publish; also printed on receipts and in the footer."""

    statutory_name = models.CharField(_("Statutaire naam"), max_length=160, default="Stichting leerKRACHT")
    rsin = models.CharField(_("RSIN / fiscaal nummer"), max_length=9, blank=True)
    kvk_number = models.CharField(_("KvK-nummer"), max_length=8, blank=True)
    address = models.TextField(_("Post- en bezoekadres"), blank=True)
    email = models.EmailField(_("E-mail"), blank=True)
    phone = models.CharField(_("Telefoon"), max_length=30, blank=True)
    purpose = models.TextField(_("Doelstelling"), blank=True)
    policy_plan_summary = models.TextField(_("Hoofdlijnen beleidsplan"), blank=True)
    board = models.TextField(_("Bestuur"), blank=True, help_text=_("Eén bestuurder per regel: naam, functie."))
    remuneration_policy = models.TextField(_("Beloningsbeleid"), blank=True)
    # Section 7 of the periodieke-gift agreement: who signs for the foundation.
    agreement_signatory_name = models.CharField(
        _("Naam van wie periodieke giften ondertekent"),
        max_length=160,
        blank=True,
        help_text=_("Leeg: de naam van de medewerker van Financiën die ondertekent."),
    )
    agreement_signatory_role = models.CharField(
        _("Functie van wie periodieke giften ondertekent"), max_length=120, blank=True, default="Penningmeester"
    )
    agreement_signing_place = models.CharField(_("Plaats van ondertekening"), max_length=120, blank=True)
    gifts_iban = models.CharField(
        _("IBAN voor giften per bank"),
        max_length=34,
        blank=True,
        help_text=_("Voor wie een periodieke-giftovereenkomst zelf betaalt; op de statutaire naam."),
    )
    activity_report = models.TextField(_("Verslag van de activiteiten"), blank=True)
    policy_plan_document = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Beleidsplan (document)"),
    )
    remuneration_policy_document = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Beloningsbeleid (document)"),
    )
    activity_report_document = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Activiteitenverslag (document)"),
    )
    financial_statements_document = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Financiële verantwoording (document)"),
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("statutory_name"), FieldPanel("rsin"), FieldPanel("kvk_number")],
            heading=_("Gegevens"),
        ),
        MultiFieldPanel([FieldPanel("address"), FieldPanel("email"), FieldPanel("phone")], heading=_("Contact")),
        FieldPanel("purpose"),
        FieldPanel("policy_plan_summary"),
        FieldPanel("board"),
        MultiFieldPanel(
            [
                FieldPanel("agreement_signatory_name"),
                FieldPanel("agreement_signatory_role"),
                FieldPanel("agreement_signing_place"),
                FieldPanel("gifts_iban"),
            ],
            heading=_("Ondertekening periodieke giften"),
        ),
        FieldPanel("remuneration_policy"),
        FieldPanel("activity_report"),
        MultiFieldPanel(
            [
                FieldPanel("policy_plan_document"),
                FieldPanel("remuneration_policy_document"),
                FieldPanel("activity_report_document"),
                FieldPanel("financial_statements_document"),
            ],
            heading=_("Documenten"),
        ),
    ]

    class Meta:
        verbose_name = _("ANBI-gegevens")

    @cached_property
    def board_members(self):
        return [line.strip() for line in self.board.splitlines() if line.strip()]


@register_setting(icon="list-ul")
class NavigationSettings(BaseSiteSetting):
    main_menu = StreamField([("link", MenuLinkBlock())], verbose_name=_("Hoofdmenu"), blank=True)
    footer_menu = StreamField([("link", MenuLinkBlock())], verbose_name=_("Menu onderaan"), blank=True)

    panels = [FieldPanel("main_menu"), FieldPanel("footer_menu")]

    class Meta:
        verbose_name = _("Navigatie")


class FooterText(TranslatableMixin, models.Model):
    """The short text at the bottom of every page; a snippet so it can be revised, previewed and translated."""

    body = RichTextField(_("Tekst"), features=["bold", "italic", "link"])

    panels = [FieldPanel("body")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("Voettekst")
        verbose_name_plural = _("Voetteksten")

    def __str__(self):
        return "Voettekst"
