"""Build the site's page tree from the foundation's own texts, in Dutch and in English (the translations of the
Dutch pages, in the en locale). Safe to run again: what exists is left alone."""

import io

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.core.management.base import BaseCommand
from django.db import transaction
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, Site

from campaigns.models import CampaignIndexPage, CampaignPage, SuggestedAmount
from pages.demo import content, content_en
from pages.demo.images import HEIGHT as draw_height
from pages.demo.images import WIDTH as draw_width
from pages.demo.images import draw_document_pdf, draw_illustration
from pages.models import (
    AnbiPage,
    AnbiSettings,
    FooterText,
    HomePage,
    HomePageFeaturedCampaign,
    HomePageFeaturedStory,
    ImpactPage,
    NavigationSettings,
    PartnerPage,
    StandardPage,
    StoryIndexPage,
    StoryPage,
)
from pages.site_address import default_site_address

DEV_ADMIN_USERNAME = "admin"
DEV_ADMIN_PASSWORD = "leerkracht-demo"  # noqa: S105 - local development account only, never created in production


class Command(BaseCommand):
    help = (
        "Laadt de demo-inhoud (startpagina, missie, methode, impact, verhalen, campagnes, partner, ANBI), "
        "in het Nederlands en in het Engels."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--with-admin", action="store_true", help="Maak ook een lokaal beheerdersaccount aan (alleen in DEBUG)."
        )

    @transaction.atomic
    def handle(self, *args, with_admin=False, **options):
        self.created = 0
        images = {key: self._image(key, spec) for key, spec in content.IMAGES.items()}
        home = self._home(images)
        # Campaigns first: other pages link to them.
        campaign_index = self._child(home, CampaignIndexPage, content.CAMPAIGN_INDEX, images)
        campaigns = [self._campaign(campaign_index, spec, images) for spec in content.CAMPAIGNS]
        story_index = self._child(home, StoryIndexPage, content.STORY_INDEX, images)
        stories = [self._child(story_index, StoryPage, spec, images) for spec in content.STORIES]
        pages_by_slug = {"campagnes": campaign_index, "verhalen": story_index}
        for model, spec in (
            (StandardPage, content.MISSION_PAGE),
            (StandardPage, content.METHOD_PAGE),
            (ImpactPage, content.IMPACT_PAGE),
            (PartnerPage, content.PARTNER_PAGE),
            (AnbiPage, content.ANBI_PAGE),
            (StandardPage, content.PRIVACY_PAGE),
            (StandardPage, content.ACCESSIBILITY_PAGE),
            (StandardPage, content.CONTACT_PAGE),
        ):
            pages_by_slug[spec["slug"]] = self._child(home, model, spec, images)

        self._home_links(home, campaigns, stories, campaign_index, pages_by_slug["partner-worden"])
        site = self._site(home)
        self._settings(site, pages_by_slug)
        dutch_footer = FooterText.objects.filter(locale=home.locale).order_by("pk").first()
        if dutch_footer is None:
            dutch_footer = FooterText.objects.create(body=content.FOOTER_TEXT, locale=home.locale)
            self.created += 1
        self._english(home, campaign_index, campaigns, story_index, stories, pages_by_slug, images, dutch_footer)
        if with_admin:
            self._dev_admin()
        self.stdout.write(self.style.SUCCESS(f"Demo-inhoud geladen: {self.created} nieuwe objecten."))

    # Images and documents -------------------------------------------------------------------------------------

    def _image(self, key, spec):
        image_model = get_image_model()
        image = image_model.objects.filter(title=spec["title"]).first()
        if image:
            return image
        data = draw_illustration(key, spec["palette"])
        fx, fy = spec["focal"]
        image = image_model.objects.create(
            title=spec["title"],
            file=ImageFile(io.BytesIO(data), name=f"{key}.jpg"),
            focal_point_x=int(fx * draw_width),
            focal_point_y=int(fy * draw_height),
            focal_point_width=200,
            focal_point_height=200,
        )
        self.created += 1
        return image

    def _document(self, title):
        document_model = get_document_model()
        document = document_model.objects.filter(title=title).first()
        if document:
            return document
        pdf = draw_document_pdf(title, [content.ANBI_SETTINGS["statutory_name"], "Demo-document."])
        document = document_model(title=title)
        document.file.save(f"{title.lower().replace(' ', '-')}.pdf", ContentFile(pdf), save=False)
        document.save()
        self.created += 1
        return document

    # Pages ----------------------------------------------------------------------------------------------------

    def _stream(self, blocks, images, locale):
        """Swap image keys and page slugs (of pages in `locale`) for the objects the chooser blocks hold."""
        resolved = []
        for block_type, value in blocks:
            if block_type == "image":
                value = {**value, "image": images[value["image"]]}
            if block_type == "call_to_action" and value.get("page"):
                value = {**value, "page": Page.objects.get(slug=value["page"], locale=locale)}
            resolved.append((block_type, value))
        return resolved

    def _home(self, images):
        home = HomePage.objects.filter(locale=Locale.get_default()).first()
        if home:
            return home
        root = Page.get_first_root_node()
        # Wagtail's placeholder welcome page holds the 'home' slug (and the default site): make way for the real one.
        for placeholder in root.get_children().exact_type(Page):
            placeholder.delete()
        home = HomePage(
            locale=Locale.get_default(),
            title="Stichting leerKRACHT",
            slug="home",
            seo_title="Samen naar beter onderwijs voor ieder kind",
            search_description=content.MISSION_STATEMENT,
            mission_statement=content.MISSION_STATEMENT,
            intro=content.HOME_INTRO,
            hero_image=images["hero"],
            og_image=images["hero"],
            schools_with_leerkracht=1200,
            schools_in_netherlands=10000,
            tipping_point_percentage=20,
            tipping_point_text=content.TIPPING_POINT_TEXT,
            impact_figures=[("figures", content.IMPACT_FIGURES)],
        )
        root.add_child(instance=home)
        self.created += 1
        return home

    def _child(self, parent, model, spec, images, translation_of=None):
        """The child of `parent` with the spec's slug, made and published if missing; in `parent`'s locale.

        With `translation_of`, the new page is that page's translation (same translation_key).
        """
        existing = parent.get_children().filter(slug=spec["slug"]).first()
        if existing:
            return existing.specific
        fields = {key: value for key, value in spec.items() if key not in ("image", "amounts")}
        for stream_field in ("body", "research"):
            if stream_field in fields:
                fields[stream_field] = self._stream(fields[stream_field], images, parent.locale)
        if "image" in spec:
            fields["hero_image"] = images[spec["image"]]
        fields["locale"] = parent.locale
        if translation_of is not None:
            fields["translation_key"] = translation_of.translation_key
        page = model(**fields)
        parent.add_child(instance=page)
        page.save_revision().publish()
        self.created += 1
        return page

    def _campaign(self, index, spec, images, translation_of=None):
        existing = index.get_children().filter(slug=spec["slug"]).first()
        if existing:
            return existing.specific
        page = self._child(index, CampaignPage, spec, images, translation_of)
        for order, (amount_cents, impact_line) in enumerate(spec["amounts"]):
            SuggestedAmount.objects.create(
                page=page, sort_order=order, amount_cents=amount_cents, impact_line=impact_line
            )
        page.save_revision().publish()
        return page

    # English ----------------------------------------------------------------------------------------------------

    def _english(self, home, campaign_index, campaigns, story_index, stories, pages_by_slug, images, dutch_footer):
        """The English tree: a translation of every Dutch demo page, under the English home page."""
        english, made = Locale.objects.get_or_create(language_code="en")
        self.created += made
        home_en = self._english_home(home, english, images)
        campaign_index_en = self._translation(home_en, CampaignIndexPage, campaign_index, images)
        campaigns_en = [self._translation(campaign_index_en, CampaignPage, page, images) for page in campaigns]
        story_index_en = self._translation(home_en, StoryIndexPage, story_index, images)
        stories_en = [self._translation(story_index_en, StoryPage, page, images) for page in stories]
        partner_page_en = None
        for slug, page in pages_by_slug.items():
            if page.pk in (campaign_index.pk, story_index.pk):
                continue
            translated = self._translation(home_en, type(page), page, images)
            if slug == "partner-worden":
                partner_page_en = translated
        self._home_links(home_en, campaigns_en, stories_en, campaign_index_en, partner_page_en)
        Site.clear_site_root_paths_cache()
        if not FooterText.objects.filter(locale=english).exists():
            FooterText.objects.create(
                body=content_en.FOOTER_TEXT, locale=english, translation_key=dutch_footer.translation_key
            )
            self.created += 1

    def _english_home(self, home, english, images):
        existing = HomePage.objects.filter(locale=english, translation_key=home.translation_key).first()
        if existing:
            return existing
        root = Page.get_first_root_node()
        home_en = HomePage(
            locale=english,
            translation_key=home.translation_key,
            search_description=content_en.HOME["mission_statement"],
            hero_image=images["hero"],
            og_image=images["hero"],
            schools_with_leerkracht=home.schools_with_leerkracht,
            schools_in_netherlands=home.schools_in_netherlands,
            tipping_point_percentage=home.tipping_point_percentage,
            impact_figures=[("figures", content_en.IMPACT_FIGURES)],
            **content_en.HOME,
        )
        root.add_child(instance=home_en)
        home_en.save_revision().publish()
        self.created += 1
        return home_en

    def _translation(self, parent_en, model, dutch, images):
        """The English translation of the demo page `dutch` under `parent_en`: the Dutch spec with the English texts."""
        spec = self._dutch_spec(dutch.slug)
        english = content_en.PAGES[dutch.slug]
        merged = {**spec, **english}
        if "amounts" in spec:
            merged["amounts"] = [
                (amount_cents, line)
                for (amount_cents, _), line in zip(spec["amounts"], english["amounts"], strict=True)
            ]
        if model is CampaignPage:
            return self._campaign(parent_en, merged, images, translation_of=dutch)
        return self._child(parent_en, model, merged, images, translation_of=dutch)

    @staticmethod
    def _dutch_spec(slug):
        specs = [
            content.CAMPAIGN_INDEX,
            content.STORY_INDEX,
            content.MISSION_PAGE,
            content.METHOD_PAGE,
            content.IMPACT_PAGE,
            content.PARTNER_PAGE,
            content.ANBI_PAGE,
            content.PRIVACY_PAGE,
            content.ACCESSIBILITY_PAGE,
            content.CONTACT_PAGE,
            *content.CAMPAIGNS,
            *content.STORIES,
        ]
        return next(spec for spec in specs if spec["slug"] == slug)

    def _home_links(self, home, campaigns, stories, campaign_index, partner_page):
        changed = False
        if not home.featured_campaigns.exists():
            for order, campaign in enumerate(campaigns):
                HomePageFeaturedCampaign.objects.create(page=home, campaign=campaign, sort_order=order)
            changed = True
        if not home.featured_stories.exists():
            for order, story in enumerate(stories):
                HomePageFeaturedStory.objects.create(page=home, story=story, sort_order=order)
            changed = True
        if home.donate_page_id is None or home.partner_page_id is None:
            home.donate_page = home.donate_page or campaign_index
            home.partner_page = home.partner_page or partner_page
            changed = True
        if changed:
            home.save_revision().publish()
            self.created += 1

    def _site(self, home):
        site = Site.objects.filter(is_default_site=True).first()
        if site and site.root_page_id == home.pk:
            return site
        if site:
            site.root_page = home
            site.save()
        else:
            site = Site.objects.create(
                **default_site_address(), root_page=home, is_default_site=True, site_name="Stichting leerKRACHT"
            )
        self.created += 1
        return site

    def _settings(self, site, pages_by_slug):
        anbi = AnbiSettings.for_site(site)
        if not anbi.rsin:
            for field, value in content.ANBI_SETTINGS.items():
                setattr(anbi, field, value)
            for field, title in content.ANBI_DOCUMENTS.items():
                setattr(anbi, field, self._document(title))
            anbi.save()
            self.created += 1
        navigation = NavigationSettings.for_site(site)
        if not navigation.main_menu and not navigation.footer_menu:
            navigation.main_menu = [
                ("link", {"page": pages_by_slug[slug], "label": content.MAIN_MENU_LABELS.get(slug, "")})
                for slug in content.MAIN_MENU
            ]
            navigation.footer_menu = [
                ("link", {"page": pages_by_slug[slug], "label": ""}) for slug in content.FOOTER_MENU
            ]
            navigation.save()
            self.created += 1

    def _dev_admin(self):
        if not settings.DEBUG:
            self.stderr.write("Geen beheerdersaccount aangemaakt: alleen in ontwikkeling (DEBUG).")
            return
        user_model = get_user_model()
        if not user_model.objects.filter(username=DEV_ADMIN_USERNAME).exists():
            user_model.objects.create_superuser(DEV_ADMIN_USERNAME, "admin@example.org", DEV_ADMIN_PASSWORD)
            self.created += 1
        self.stdout.write(
            f"Inloggen op /admin/ met gebruikersnaam '{DEV_ADMIN_USERNAME}' en wachtwoord '{DEV_ADMIN_PASSWORD}'."
        )
