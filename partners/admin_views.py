"""Partnership requests in the fundraising admin: the list, a pipeline page that moves a request on, and erasure."""

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from core.admin.actions import confirmed_action
from core.admin.responses import forbidden
from core.admin.viewsets import ReadOnlyModelViewSet

from . import pipeline, privacy
from .models import PartnershipRequest, RequestStatus

CHANGE_PERMISSION = "partners.change_partnershiprequest"
EXPORT_PERMISSION = "partners.export_partnershiprequest"
PARTNERSHIP_ERASED = "leerkracht.partnership_erased"

# As for donors: erasure requests are handled by the staff who may export personal data (Financiën, Beheer).
PRIVACY_PERMISSION = EXPORT_PERMISSION


def _staff_users():
    return get_user_model().objects.filter(is_active=True, is_staff=True).order_by("first_name", "last_name", "email")


class PipelineForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=RequestStatus.choices)
    owner = forms.ModelChoiceField(label=_("Eigenaar"), queryset=None, required=False)
    conversation = forms.CharField(
        label=_("Gesprek vastleggen"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        help_text=_("Notities blijven intern; na het eerste gesprek krijgt de aanvrager een vervolgmail."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = _staff_users()


class PartnershipRequestViewSet(ReadOnlyModelViewSet):
    model = PartnershipRequest
    icon = "group"
    menu_label = _("Partneraanvragen")
    export_permission = EXPORT_PERMISSION
    list_display = ["__str__", "kind", "interest", "budget", "status", "owner", "created_at"]
    list_filter = {
        "status": ["exact"],
        "kind": ["exact"],
        "interest": ["exact"],
        "budget": ["exact"],
        "owner": ["exact"],
        "created_at": ["date__gte", "date__lte"],
    }
    search_fields = ["organisation", "contact_name", "email", "message", "notes"]
    ordering = ["-created_at"]
    list_export = [
        "pk",
        "created_at",
        "organisation",
        "contact_name",
        "email",
        "phone",
        "kind",
        "interest",
        "budget",
        "status",
        "owner",
        "contacted_at",
    ]
    export_filename = "partneraanvragen"
    inspect_view_fields = [
        "organisation",
        "contact_name",
        "email",
        "phone",
        "kind",
        "interest",
        "budget",
        "message",
        "consent_to_contact",
        "status",
        "owner",
        "notes",
        "created_at",
        "contacted_at",
        "conversation_logged_at",
        "follow_up_sent_at",
    ]
    actions = [
        (_("Pijplijn bijwerken"), "partnershiprequest:pipeline", CHANGE_PERMISSION, lambda request: True),
        (
            _("Persoonsgegevens wissen"),
            "partnershiprequest:erase",
            PRIVACY_PERMISSION,
            lambda request: not privacy.is_erased(request),
        ),
    ]

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("pipeline/<int:pk>/", self.pipeline_view, name="pipeline"),
            path("erase/<int:pk>/", self.erase_view, name="erase"),
        ]

    def erase_view(self, request, pk):
        partnership = get_object_or_404(PartnershipRequest, pk=pk)

        def erase(partnership):
            privacy.erase_partnership_request(partnership)
            return (
                PARTNERSHIP_ERASED,
                _("Persoonsgegevens gewist; soort, interesse, status en data zijn bewaard."),
                True,
            )

        return confirmed_action(
            request,
            partnership,
            permission=PRIVACY_PERMISSION,
            title=_("Persoonsgegevens wissen"),
            question=_(
                "Naam, e-mailadres, organisatie, telefoonnummer, bericht en notities van %(request)s wissen? "
                "Soort partner, interesse, budget, status en data blijven bewaard."
            )
            % {"request": partnership},
            submit_label=_("Ja, wissen"),
            back_url=reverse(self.get_url_name("inspect"), args=[partnership.pk]),
            perform=erase,
            dangerous=True,
        )

    def pipeline_view(self, request, pk):
        if not request.user.has_perm(CHANGE_PERMISSION):
            return forbidden(request)
        partnership = get_object_or_404(PartnershipRequest, pk=pk)
        back_url = reverse(self.get_url_name("inspect"), args=[pk])
        initial = {"status": partnership.status, "owner": partnership.owner}
        form = PipelineForm(request.POST or None, initial=initial)
        if request.method == "POST" and form.is_valid():
            pipeline.update_pipeline(partnership, request.user, **form.cleaned_data)
            messages.success(request, _("Partneraanvraag bijgewerkt."))
            return redirect(back_url)
        title = _("Pijplijn: %(request)s") % {"request": partnership}
        context = {"page_title": title, "header_title": title, "form": form, "back_url": back_url}
        return TemplateResponse(request, "partners/admin/pipeline.html", context)
