"""Building blocks for admin listings: read-only records whose spreadsheet export needs a permission of its own."""

from functools import wraps

from django.urls import reverse
from django.utils.functional import cached_property
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from . import exports
from .responses import forbidden


class ReadOnlyPermissionPolicy(ModelPermissionPolicy):
    """Records that only Stripe or the public forms create: staff may look, never add, change or delete here."""

    WRITE_ACTIONS = {"add", "change", "delete"}

    def user_has_permission(self, user, action):
        return action not in self.WRITE_ACTIONS and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission([action for action in actions if action not in self.WRITE_ACTIONS])


class ExportCheckedIndexView(exports.SemicolonCsvMixin, generic.IndexView):
    """Exports carry personal data in bulk: only staff with the export permission get the buttons or the file.

    The files follow `exports`: Dutch headings, euros, Amsterdam times, a `;`-separated CSV with a byte-order mark
    (so Excel reads it as UTF-8).
    """

    export_permission = None  # without one, nobody exports
    custom_value_preprocess = {**generic.IndexView.custom_value_preprocess, **exports.VALUE_PREPROCESS}

    def may_export(self, user):
        return bool(self.export_permission) and user.has_perm(self.export_permission)

    def dispatch(self, request, *args, **kwargs):
        if self.is_export and not self.may_export(request.user):
            return forbidden(request)
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def show_export_buttons(self):
        return bool(self.list_export) and self.may_export(self.request.user)


class ActionsInspectView(generic.InspectView):
    """The detail page, with a header button for each action the user may take on this record."""

    actions = []  # (label, URL name, permission, applies(record))

    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        for label, url_name, permission, applies in self.actions:
            if self.request.user.has_perm(permission) and applies(self.object):
                buttons.append(Button(label, url=reverse(url_name, args=[self.object.pk])))
        return buttons


class ReadOnlyModelViewSet(ModelViewSet):
    """A listing with filters, search, export and a detail page, for records staff must not edit by hand."""

    index_view_class = ExportCheckedIndexView
    inspect_view_class = ActionsInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    add_to_admin_menu = False
    form_fields = []  # the add and edit views exist in Wagtail's URLs, but the permission policy never allows them
    actions = []
    #: The permission ("app_label.codename") a user needs to download the listing as a spreadsheet.
    export_permission = None
    #: The spreadsheet's columns (`exports.Column`); they set list_export and its headings and formats.
    export_columns = ()
    #: Relations the listing and its export show, fetched with the rows rather than one query per row.
    list_select_related = ()

    def construct_view(self, view_class, **kwargs):
        view = super().construct_view(view_class, **kwargs)
        view_permission = f"{self.app_label}.view_{self.model_name}"

        @wraps(view)
        def forbidden_without_view_permission(request, *args, **kwargs):
            if not request.user.has_perm(view_permission):
                return forbidden(request)
            return view(request, *args, **kwargs)

        return forbidden_without_view_permission

    def listing_queryset(self):
        """The rows of the listing and its export, or None for all of the model's."""
        if self.list_select_related:
            return self.model._default_manager.select_related(*self.list_select_related)
        return None

    def register_permissions(self):
        register_permission_policy(self.model, ReadOnlyPermissionPolicy(self.model), exact_class=True)
        super().register_permissions()

    def get_index_view_kwargs(self, **kwargs):
        if self.export_columns:
            kwargs.update(exports.spreadsheet_options(self.export_columns))
        listing = self.listing_queryset()
        if listing is not None:
            kwargs["queryset"] = listing
        return super().get_index_view_kwargs(export_permission=self.export_permission, **kwargs)

    def get_inspect_view_kwargs(self, **kwargs):
        return super().get_inspect_view_kwargs(actions=self.actions, **kwargs)
