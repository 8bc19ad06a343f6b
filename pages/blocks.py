"""The one StreamField block set every content page uses.

Each block carries a description and a preview value so editors see what it looks like in the block picker.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock


def _first_image_id():
    # Preview needs a real image; the library's first image is as good as any.
    from wagtail.images import get_image_model

    return get_image_model().objects.order_by("pk").values_list("pk", flat=True).first()


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Tekst"), max_length=120)
    size = blocks.ChoiceBlock(
        label=_("Niveau"),
        choices=[("h2", _("Kop 2")), ("h3", _("Kop 3"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = _("Kop")
        template = "blocks/heading_block.html"
        description = _("Een tussenkop die de pagina in delen opdeelt.")
        preview_value = {"text": "Wat maakt leerKRACHT uniek", "size": "h2"}


class ImageWithCaptionBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Afbeelding"))
    alt_text = blocks.CharBlock(
        label=_("Alternatieve tekst"),
        help_text=_("Beschrijf wat er op de afbeelding te zien is, voor wie de afbeelding niet ziet."),
        max_length=250,
    )
    caption = blocks.CharBlock(label=_("Onderschrift"), required=False, max_length=250)
    attribution = blocks.CharBlock(label=_("Fotograaf of bron"), required=False, max_length=120)

    class Meta:
        icon = "image"
        label = _("Afbeelding met onderschrift")
        template = "blocks/image_block.html"
        description = _("Een afbeelding over de volle breedte van de tekst, met onderschrift.")

    def get_preview_value(self):
        return self.to_python(
            {
                "image": _first_image_id(),
                "alt_text": "Leraren bespreken samen een lesontwerp",
                "caption": "Leraren leren van elkaar tijdens een bordsessie.",
                "attribution": "",
            }
        )


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Citaat"))
    attribute_name = blocks.CharBlock(label=_("Naam"), required=False, max_length=120)
    role = blocks.CharBlock(label=_("Functie of organisatie"), required=False, max_length=160)

    class Meta:
        icon = "openquote"
        label = _("Citaat")
        template = "blocks/quote_block.html"
        description = _("Een uitspraak van een leraar, schoolleider of partner.")
        preview_value = {
            "text": "Dit is de meest efficiënte manier om ons onderwijs te verbeteren!",
            "attribute_name": "Peter Visser",
            "role": "founding partner Egeria",
        }


class FigureBlock(blocks.StructBlock):
    value = blocks.CharBlock(label=_("Getal"), max_length=20, help_text=_("Bijvoorbeeld 1.200 of 12%."))
    label = blocks.CharBlock(label=_("Omschrijving"), max_length=120)

    class Meta:
        icon = "order"
        label = _("Kengetal")


class FiguresBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Kop"), required=False, max_length=120)
    figures = blocks.ListBlock(FigureBlock(), label=_("Kengetallen"), min_num=1, max_num=6)
    source = blocks.CharBlock(label=_("Bron"), required=False, max_length=200)

    class Meta:
        icon = "table"
        label = _("Kengetallen")
        template = "blocks/figures_block.html"
        description = _("Een rij grote getallen met een korte uitleg, zoals het aantal scholen en leerlingen.")
        preview_value = {
            "heading": "Onze impact",
            "figures": [
                {"value": "1.200", "label": "scholen"},
                {"value": "500.000+", "label": "leerlingen"},
                {"value": "12%", "label": "van het Nederlandse onderwijs"},
            ],
            "source": "",
        }


class CallToActionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Titel"), max_length=120)
    text = blocks.TextBlock(label=_("Tekst"), required=False)
    page = blocks.PageChooserBlock(label=_("Pagina"), required=False)
    url = blocks.URLBlock(label=_("Of een adres"), required=False)
    button_label = blocks.CharBlock(label=_("Knoptekst"), max_length=60)

    class Meta:
        icon = "pick"
        label = _("Oproep tot actie")
        template = "blocks/call_to_action_block.html"
        description = _("Een opvallend blok met één knop, bijvoorbeeld naar het doneerformulier.")
        preview_value = {
            "title": "Ook u kunt meehelpen",
            "text": "Geef ieder kind dezelfde kansen.",
            "url": "https://www.stichting-leerkracht.nl/",
            "button_label": "Doneer",
        }

    def clean(self, value):
        cleaned = super().clean(value)
        if not cleaned.get("page") and not cleaned.get("url"):
            raise blocks.StructBlockValidationError(block_errors={"page": [_("Kies een pagina of vul een adres in.")]})
        return cleaned


class VideoLinkBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Titel"), max_length=160)
    url = blocks.URLBlock(label=_("Adres van de video"))
    description = blocks.TextBlock(label=_("Korte beschrijving"), required=False)

    class Meta:
        icon = "media"
        label = _("Video (link)")
        template = "blocks/video_link_block.html"
        # A link, not an embed: no third-party player or cookies load until the visitor chooses to go there.
        description = _("Een link naar een video, zonder ingesloten speler van derden.")
        preview_value = {
            "title": "Zo werkt een bordsessie",
            "url": "https://www.stichting-leerkracht.nl/",
            "description": "Leraren bespreken elke week samen hun doelen en verbeteringen.",
        }


class FaqItemBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("Vraag"), max_length=200)
    answer = blocks.RichTextBlock(label=_("Antwoord"), features=["bold", "italic", "link", "ul", "ol"])


class FaqBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Kop"), required=False, max_length=120)
    items = blocks.ListBlock(FaqItemBlock(), label=_("Vragen"), min_num=1)

    class Meta:
        icon = "help"
        label = _("Veelgestelde vragen")
        template = "blocks/faq_block.html"
        description = _("Vragen en antwoorden die de bezoeker open kan klappen.")
        preview_value = {
            "heading": "Veelgestelde vragen",
            "items": [
                {
                    "question": "Is mijn gift aftrekbaar?",
                    "answer": "<p>Ja, Stichting leerKRACHT is een ANBI.</p>",
                }
            ],
        }


class ContentStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Tekst"),
        icon="pilcrow",
        features=["bold", "italic", "link", "document-link", "ol", "ul", "h3"],
        template="blocks/paragraph_block.html",
        description=_("Lopende tekst met opmaak en links."),
        preview_value=(
            "<p>Door de leerKRACHT-methode leren leraren van elkaar en verbeteren zij samen het onderwijs.</p>"
        ),
    )
    image = ImageWithCaptionBlock()
    quote = QuoteBlock()
    figures = FiguresBlock()
    call_to_action = CallToActionBlock()
    video = VideoLinkBlock()
    faq = FaqBlock()


class ResearchReferenceBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Titel"), max_length=250)
    publisher = blocks.CharBlock(label=_("Uitgever of onderzoeker"), max_length=160)
    year = blocks.IntegerBlock(label=_("Jaar"), min_value=1990, max_value=2100, required=False)
    summary = blocks.TextBlock(label=_("Samenvatting"), required=False)
    url = blocks.URLBlock(label=_("Adres"), required=False)

    class Meta:
        icon = "doc-full"
        label = _("Onderzoek")
        template = "blocks/research_reference_block.html"
        description = _("Een onafhankelijk onderzoek naar de methode, met bron.")
        preview_value = {
            "title": "Effectonderzoek naar het leerKRACHT-programma",
            "publisher": "Oberon",
            "year": 2019,
            "summary": "Onderzoek naar de effecten van de methode op scholen.",
            "url": "https://www.oberon.eu/",
        }


class MenuLinkBlock(blocks.StructBlock):
    page = blocks.PageChooserBlock(label=_("Pagina"))
    label = blocks.CharBlock(label=_("Tekst in het menu"), required=False, max_length=40)

    class Meta:
        icon = "link"
        label = _("Menu-item")
        description = _("Een link naar een pagina; zonder eigen tekst wordt de paginatitel getoond.")
        preview_value = {"label": "Doneren"}
