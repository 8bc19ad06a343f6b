"""The staff groups beside Redactie: Fondsenwerving (donations and requests), Financiën (also refunds and exports)
and Beheer (everything, including users and settings)."""

from django.db import migrations

FUNDRAISING = {
    ("wagtailadmin", "admin"): ["access_admin"],
    ("donations", "donation"): ["view_donation"],
    ("donations", "donor"): ["view_donor"],
    ("donations", "recurringdonation"): ["view_recurringdonation"],
    ("donations", "stripeevent"): ["view_stripeevent"],
    ("partners", "partnershiprequest"): ["view_partnershiprequest", "change_partnershiprequest"],
}
FINANCE_EXTRA = {
    ("donations", "donation"): ["refund_donation", "export_donation"],
    ("donations", "recurringdonation"): ["change_recurringdonation"],
}
ADMINISTRATION_EXTRA = {
    ("auth", "user"): ["add_user", "change_user", "delete_user", "view_user"],
    ("auth", "group"): ["add_group", "change_group", "delete_group", "view_group"],
    ("wagtailcore", "site"): ["add_site", "change_site", "delete_site"],
    ("wagtailcore", "collection"): ["add_collection", "change_collection", "delete_collection"],
    ("wagtailcore", "workflow"): ["add_workflow", "change_workflow", "delete_workflow"],
    ("wagtailcore", "task"): ["add_task", "change_task", "delete_task"],
    ("wagtailredirects", "redirect"): ["add_redirect", "change_redirect", "delete_redirect"],
    ("pages", "anbisettings"): ["change_anbisettings"],
    ("pages", "navigationsettings"): ["change_navigationsettings"],
    ("donations", "receiptsettings"): ["change_receiptsettings"],
}
PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page", "bulk_delete_page"]
COLLECTION_PERMISSIONS = {
    ("wagtailimages", "image"): ["add_image", "change_image", "delete_image", "choose_image"],
    ("wagtaildocs", "document"): ["add_document", "change_document", "delete_document", "choose_document"],
}


def _permission(apps, app_label, model, codename):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": codename.replace("_", " ")}
    )
    return permission


def _group(apps, name, *permission_maps):
    group, _ = apps.get_model("auth", "Group").objects.get_or_create(name=name)
    for permission_map in permission_maps:
        for (app_label, model), codenames in permission_map.items():
            group.permissions.add(*(_permission(apps, app_label, model, codename) for codename in codenames))
    return group


def _give_content_permissions(apps, group):
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    root_page = Page.objects.filter(depth=1).first()
    if root_page:
        for codename in PAGE_PERMISSIONS:
            GroupPagePermission.objects.get_or_create(
                group=group, page=root_page, permission=_permission(apps, "wagtailcore", "page", codename)
            )
    root_collection = Collection.objects.filter(depth=1).first()
    if root_collection:
        for (app_label, model), codenames in COLLECTION_PERMISSIONS.items():
            for codename in codenames:
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=root_collection, permission=_permission(apps, app_label, model, codename)
                )


def create_staff_groups(apps, schema_editor):
    _group(apps, "Fondsenwerving", FUNDRAISING)
    _group(apps, "Financiën", FUNDRAISING, FINANCE_EXTRA)
    administration = _group(apps, "Beheer", FUNDRAISING, FINANCE_EXTRA, ADMINISTRATION_EXTRA)
    _give_content_permissions(apps, administration)


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0002_redactie_group"),
        ("donations", "0003_donation_permissions"),
        ("partners", "0001_initial"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
    ]

    operations = [migrations.RunPython(create_staff_groups, migrations.RunPython.noop)]
