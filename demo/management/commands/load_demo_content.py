"""Build the demo site from the data in `demo/content/`: the foundation's own texts, in Dutch and in English.

One file per content language (`nl.json`, `en.json`), loaded in the order of WAGTAIL_CONTENT_LANGUAGES: Dutch first,
the file that also holds the images, documents, site and settings. `pages` is the language's page tree; each page is
`{"key", "type", "fields", "children"}`. The key names the page in the data: a page and its translations share their
key (and so their translation_key). The type is the page model, the fields are set as they are, except that an image,
document or page field, and a chooser inside a StreamField, hold a key from "images", "documents" or the pages.
Links to pages as fields (the home page's donate page) and child relations (suggested amounts, featured stories) are
filled in once the language's tree exists; a StreamField links only to a page listed before it.

Safe to run again: what exists is left alone. Pages are found by slug under their parent, images and documents by
title; relations, settings and the footer text are only filled in while they are still empty.
"""

import io
import json
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from wagtail import blocks
from wagtail.documents import get_document_model
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, Site

from demo.drawing import HEIGHT, WIDTH, draw_document_pdf, draw_illustration
from pages.models import FooterText
from pages.site_address import default_site_address

CONTENT_DIR = Path(__file__).resolve().parents[2] / "content"
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
        self.specs = {"images": {}, "documents": {}}
        self.media = {}
        self.translation_keys = {}  # page key -> the translation_key its pages share
        self.footer_key = None
        for language, _ in settings.WAGTAIL_CONTENT_LANGUAGES:
            data = json.loads((CONTENT_DIR / f"{language}.json").read_text(encoding="utf-8"))
            for kind in self.specs:
                self.specs[kind].update(data.get(kind, {}))
            locale, made = Locale.objects.get_or_create(language_code=data["locale"])
            self.created += made
            pages = self._tree(locale, data["pages"])
            if "site" in data:
                site = self._site(data["site"], pages)
            for label, values in data.get("settings", {}).items():
                self._setting(apps.get_model(label).for_site(site), values, pages)
            self._footer(locale, data["footer_text"])
        Site.clear_site_root_paths_cache()
        if with_admin:
            self._dev_admin()
        self.stdout.write(self.style.SUCCESS(f"Demo-inhoud geladen: {self.created} nieuwe objecten."))

    # Pages ----------------------------------------------------------------------------------------------------

    def _tree(self, locale, nodes):
        """Make the language's missing pages, then fill in their links and publish what is new or changed."""
        pages, walked = {}, []

        def walk(parent, nodes):
            for node in nodes:
                page, links, made = self._page(parent, node, locale, pages)
                pages[node["key"]] = page
                walked.append((page, links, made))
                walk(page, node.get("children", []))

        walk(Page.get_first_root_node(), nodes)
        for page, links, made in walked:
            page, changed = self._link(page, links, pages)
            if made or changed:
                page.save_revision().publish()
        return pages

    def _page(self, parent, node, locale, pages):
        model = apps.get_model(node["type"])
        values, links = {}, {}
        for name, value in node["fields"].items():
            field = model._meta.get_field(name)
            is_link = field.one_to_many or (field.many_to_one and issubclass(field.related_model, Page))
            (links if is_link else values)[name] = value
        page = parent.get_children().type(model).filter(slug=values["slug"]).first()
        made = page is None
        if made:
            if parent.is_root():
                # Wagtail's placeholder welcome page holds the 'home' slug (and the default site): make way.
                for placeholder in parent.get_children().exact_type(Page):
                    placeholder.delete()
            page = model(locale=locale, **self._values(model, values, pages))
            if node["key"] in self.translation_keys:
                page.translation_key = self.translation_keys[node["key"]]
            parent.add_child(instance=page)
            self.created += 1
        else:
            page = page.specific
        self.translation_keys.setdefault(node["key"], page.translation_key)
        return page, links, made

    def _link(self, page, links, pages):
        """Set the page's links to other pages and fill its child relations, where they are still empty."""
        if not links:
            return page, False
        page = page.specific_class.objects.get(pk=page.pk)  # as saved, now that its children exist
        changed = False
        for name, value in links.items():
            field = page._meta.get_field(name)
            if field.many_to_one:
                if getattr(page, field.attname) is None:
                    setattr(page, field.attname, self._object(field.related_model, value, pages).pk)
                    changed = True
                continue
            if getattr(page, name).exists():
                continue
            model = field.related_model
            for order, item in enumerate(value):
                if getattr(model, "sort_order_field", None):
                    item = {model.sort_order_field: order, **item}
                model.objects.create(**{field.field.name: page}, **self._values(model, item, pages))
                self.created += 1
            changed = True
        return page, changed

    # Field values ---------------------------------------------------------------------------------------------

    def _values(self, model, values, pages):
        """Model attributes from the data: keys become the images, documents and pages they name."""
        attrs = {}
        for name, value in values.items():
            field = model._meta.get_field(name)
            if isinstance(field, StreamField):
                attrs[name] = [self._block(field.stream_block, item, pages) for item in value]
            elif field.many_to_one:
                attrs[field.attname] = self._object(field.related_model, value, pages).pk if value else None
            else:
                attrs[name] = field.to_python(value)
        return attrs

    def _block(self, stream_block, item, pages):
        """A (block type, value) pair as a StreamField takes it, from a block in the data."""
        block = stream_block.child_blocks[item["type"]]
        return item["type"], block.to_python(self._resolve(block, item["value"], pages))

    def _resolve(self, block, value, pages):
        """A block value from the data, with the keys in its choosers swapped for the ids the blocks store."""
        if isinstance(block, blocks.StreamBlock):
            return [
                {**item, "value": self._resolve(block.child_blocks[item["type"]], item["value"], pages)}
                for item in value
            ]
        if isinstance(block, blocks.StructBlock):
            return {name: self._resolve(block.child_blocks[name], child, pages) for name, child in value.items()}
        if isinstance(block, blocks.ListBlock):
            return [self._resolve(block.child_block, item, pages) for item in value]
        if isinstance(block, blocks.ChooserBlock) and value:
            return self._object(block.target_model, value, pages).pk
        return value

    def _object(self, model, key, pages):
        if issubclass(model, Page):
            if key not in pages:
                raise CommandError(f"Demo-inhoud: geen pagina {key!r} (eerder) in deze taal.")
            return pages[key]
        if (model, key) not in self.media:
            make = {get_image_model(): self._image, get_document_model(): self._document}[model]
            self.media[model, key] = make(key, model)
        return self.media[model, key]

    # Images and documents -------------------------------------------------------------------------------------

    def _image(self, key, model):
        spec = self.specs["images"][key]
        image = model.objects.filter(title=spec["title"]).first()
        if image is None:
            fx, fy = spec["focal"]
            image = model.objects.create(
                title=spec["title"],
                file=ImageFile(io.BytesIO(draw_illustration(key, tuple(spec["palette"]))), name=f"{key}.jpg"),
                focal_point_x=int(fx * WIDTH),
                focal_point_y=int(fy * HEIGHT),
                focal_point_width=200,
                focal_point_height=200,
            )
            self.created += 1
        return image

    def _document(self, key, model):
        spec = self.specs["documents"][key]
        document = model.objects.filter(title=spec["title"]).first()
        if document is None:
            document = model(title=spec["title"])
            document.file.save(f"{key}.pdf", ContentFile(draw_document_pdf(spec["title"], spec["lines"])), save=False)
            document.save()
            self.created += 1
        return document

    # Site, settings, footer -----------------------------------------------------------------------------------

    def _site(self, spec, pages):
        home = pages[spec["root"]]
        site = Site.objects.filter(is_default_site=True).first()
        if site and site.root_page_id == home.pk:
            return site
        if site:
            site.root_page = home
            site.save()
        else:
            site = Site.objects.create(
                **default_site_address(),  # the address the site runs on (SITE_BASE_URL), not one in the data
                site_name=spec["site_name"],
                root_page=home,
                is_default_site=True,
            )
        self.created += 1
        return site

    def _setting(self, setting, values, pages):
        """Fill in a site setting that nobody has filled in yet (every field in the data still empty)."""
        for name in values:
            field = setting._meta.get_field(name)
            current = getattr(setting, field.attname)
            filled = len(current) if isinstance(field, StreamField) else current not in (None, "", field.get_default())
            if filled:
                return
        for name, value in self._values(type(setting), values, pages).items():
            setattr(setting, name, value)
        setting.save()
        self.created += 1

    def _footer(self, locale, body):
        footer = FooterText.objects.filter(locale=locale).order_by("pk").first()
        if footer is None:
            footer = FooterText(body=body, locale=locale)
            if self.footer_key:
                footer.translation_key = self.footer_key
            footer.save()
            self.created += 1
        self.footer_key = self.footer_key or footer.translation_key

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
