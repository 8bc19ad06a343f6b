"""'Periodieke giften' in the Fondsenwerving menu: the agreements, their signatures, payments and ending."""

import django_filters
from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.log_actions import log

from core.admin.actions import confirmed_action
from core.admin.responses import forbidden
from core.admin.viewsets import ReadOnlyModelViewSet
from core.money import format_euro, parse_euro_amount

from . import documents
from .agreements import StepRefused, countersign, end_agreement, receive_signed_copy
from .forms import SignedCopyForm
from .models import PERSONAL_RECORD_FIELDS, AgreementStatus, EndReason, PeriodicGiftAgreement
from .payments import record_bank_transfer
from .views import pdf_response

VIEW_PERMISSION = "periodic_gifts.view_periodicgiftagreement"
FINANCE_PERMISSION = "periodic_gifts.countersign_periodicgiftagreement"
EXPORT_PERMISSION = "periodic_gifts.export_periodicgiftagreement"

SIGNED_COPY_RECEIVED = "leerkracht.agreement_signed_copy_received"
COUNTERSIGNED = "leerkracht.agreement_countersigned"
BANK_PAYMENT_RECORDED = "leerkracht.agreement_bank_payment_recorded"
AGREEMENT_ENDED = "leerkracht.agreement_ended"


def _awaiting_countersign(agreement):
    return agreement.status == AgreementStatus.SIGNED_BY_DONOR


def _awaiting_signed_copy(agreement):
    return agreement.status in (AgreementStatus.REQUESTED, AgreementStatus.SIGNED_BY_DONOR)


def _pays_by_transfer(agreement):
    return not agreement.is_direct_debit and agreement.status in (
        AgreementStatus.COUNTERSIGNED,
        AgreementStatus.RUNNING,
    )


class AgreementFilterSet(WagtailFilterSet):
    behind = django_filters.BooleanFilter(label=_("Achter met betalen"), method="filter_behind")

    class Meta:
        model = PeriodicGiftAgreement
        fields = {"status": ["exact"], "payment_method": ["exact"], "campaign": ["exact"]}

    def filter_behind(self, queryset, name, value):
        if value is None:
            return queryset
        # Whether an agreement is behind depends on its payments and today: worked out per open agreement.
        open_agreements = queryset.exclude(status=AgreementStatus.ENDED)
        behind = [agreement.pk for agreement in open_agreements if agreement.current_schedule.behind]
        return queryset.filter(pk__in=behind) if value else queryset.exclude(pk__in=behind)


class BankPaymentForm(forms.Form):
    amount = forms.CharField(label=_("Bedrag (in euro)"), max_length=20)
    paid_on = forms.DateField(
        label=_("Ontvangen op"), input_formats=["%d-%m-%Y", "%Y-%m-%d"], help_text=_("Bijvoorbeeld 14-03-2027.")
    )

    def __init__(self, *args, agreement, **kwargs):
        super().__init__(*args, **kwargs)
        self.agreement = agreement
        # The amount as staff type it, without the euro sign, in the admin's language.
        self.fields["amount"].initial = format_euro(agreement.yearly_amount_cents, always_cents=True).strip("€ ")

    def clean_amount(self):
        cents = parse_euro_amount(self.cleaned_data["amount"])
        if cents is None:
            raise forms.ValidationError(_("Vul een bedrag in euro in, bijvoorbeeld 250 of 250,00."))
        if not 100 <= cents <= self.agreement.yearly_amount_cents:
            raise forms.ValidationError(
                _("Een betaling is € 1 tot het jaarbedrag (%(amount)s).")
                % {"amount": format_euro(self.agreement.yearly_amount_cents)}
            )
        return cents

    def clean_paid_on(self):
        paid_on = self.cleaned_data["paid_on"]
        if paid_on > timezone.localdate():
            raise forms.ValidationError(_("Een betaling in de toekomst kan niet worden geregistreerd."))
        return paid_on


class EndForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Reden"), choices=[choice for choice in EndReason.choices if choice[0] != EndReason.TERM_COMPLETED]
    )
    ended_on = forms.DateField(label=_("Per"), input_formats=["%d-%m-%Y", "%Y-%m-%d"])

    def __init__(self, *args, agreement, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ended_on"].initial = timezone.localdate().strftime("%d-%m-%Y")


class StaffSignedCopyForm(SignedCopyForm):
    """The donor's upload form, for the copy Financiën received by post."""

    def __init__(self, *args, agreement, **kwargs):
        super().__init__(*args, **kwargs)


class PeriodicGiftAgreementViewSet(ReadOnlyModelViewSet):
    model = PeriodicGiftAgreement
    icon = "doc-full"
    menu_label = _("Periodieke giften")
    export_permission = EXPORT_PERMISSION
    filterset_class = AgreementFilterSet
    list_display = [
        "transaction_number",
        "full_name",
        "status",
        "yearly_amount",
        "years_paid",
        "next_payment",
        "behind_on_payment",
    ]
    search_fields = ["transaction_number", "last_name", "first_names", "email"]
    ordering = ["-created_at"]
    list_export = [
        "transaction_number",
        "status",
        "created_at",
        "full_name",
        "email",
        "campaign",
        "yearly_amount_cents",
        "duration_years",
        "start_year",
        "payment_method",
        "signed_by_donor_at",
        "countersigned_at",
        "first_paid_on",
        "years_paid",
        "paid_cents",
        "next_payment",
        "behind_on_payment",
        "ended_on",
        "end_reason",
    ]
    export_filename = "periodieke-giften"
    # Everything stored about the agreement (as an access request lists it), and the back office's own marks.
    inspect_view_fields = [
        *({"campaign_id": "campaign"}.get(name, name) for name in PERSONAL_RECORD_FIELDS if name != "id"),
        "signatory_name",
        "payments_complete_at",
        "term_reminder_sent_at",
    ]
    actions = [
        (_("Overeenkomst (PDF)"), "periodicgiftagreement:agreement_pdf", VIEW_PERMISSION, lambda agreement: True),
        (
            _("Getekend exemplaar donateur (PDF)"),
            "periodicgiftagreement:signed_copy",
            VIEW_PERMISSION,
            lambda agreement: bool(agreement.signed_by_donor_file),
        ),
        (
            _("Getekend exemplaar ontvangen"),
            "periodicgiftagreement:receive",
            FINANCE_PERMISSION,
            _awaiting_signed_copy,
        ),
        (
            _("Ondertekenen namens de stichting"),
            "periodicgiftagreement:countersign",
            FINANCE_PERMISSION,
            _awaiting_countersign,
        ),
        (
            _("Betaling per bank registreren"),
            "periodicgiftagreement:bank_payment",
            FINANCE_PERMISSION,
            _pays_by_transfer,
        ),
        (_("Beëindigen"), "periodicgiftagreement:end", FINANCE_PERMISSION, lambda agreement: not agreement.has_ended),
    ]

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("pdf/<int:pk>/", self.agreement_pdf_view, name="agreement_pdf"),
            path("signed-copy/<int:pk>/", self.signed_copy_view, name="signed_copy"),
            path("receive/<int:pk>/", self.receive_view, name="receive"),
            path("countersign/<int:pk>/", self.countersign_view, name="countersign"),
            path("bank-payment/<int:pk>/", self.bank_payment_view, name="bank_payment"),
            path("end/<int:pk>/", self.end_view, name="end"),
        ]

    def _inspect_url(self, agreement):
        return reverse(self.get_url_name("inspect"), args=[agreement.pk])

    def agreement_pdf_view(self, request, pk):
        if not request.user.has_perm(VIEW_PERMISSION):
            return forbidden(request)
        return pdf_response(*documents.current_pdf(get_object_or_404(PeriodicGiftAgreement, pk=pk)))

    def signed_copy_view(self, request, pk):
        if not request.user.has_perm(VIEW_PERMISSION):
            return forbidden(request)
        agreement = get_object_or_404(PeriodicGiftAgreement, pk=pk)
        signed = documents.donor_signed_copy(agreement)
        if signed is None:
            return redirect(self._inspect_url(agreement))
        return pdf_response(*signed)

    def _form_page(self, request, agreement, form, title, submit_label, multipart=False):
        context = {
            "page_title": title,
            "header_title": title,
            "agreement": agreement,
            "form": form,
            "submit_label": submit_label,
            "multipart": multipart,
            "back_url": self._inspect_url(agreement),
        }
        return TemplateResponse(request, "periodic_gifts/admin/action_form.html", context)

    def _form_action(self, request, pk, form_class, perform, *, log_action, success, title, submit, multipart=False):
        """A Financiën step that needs a form: the form page on GET, then `perform(agreement, cleaned_data)`,
        an audit-log entry and a message."""
        if not request.user.has_perm(FINANCE_PERMISSION):
            return forbidden(request)
        agreement = get_object_or_404(PeriodicGiftAgreement, pk=pk)
        form = form_class(request.POST or None, request.FILES or None, agreement=agreement)
        if request.method == "POST" and form.is_valid():
            try:
                perform(agreement, form.cleaned_data)
            except StepRefused as refused:
                messages.error(request, str(refused))
            else:
                log(agreement, log_action, user=request.user)
                messages.success(request, success)
            return redirect(self._inspect_url(agreement))
        return self._form_page(request, agreement, form, title, submit, multipart=multipart)

    def receive_view(self, request, pk):
        """A signed copy that came by post or e-mail: staff upload the scan in the donor's place."""
        return self._form_action(
            request,
            pk,
            StaffSignedCopyForm,
            lambda agreement, data: receive_signed_copy(agreement, data["signed_copy"]),
            log_action=SIGNED_COPY_RECEIVED,
            success=_("Het getekende exemplaar is bewaard."),
            title=_("Getekend exemplaar ontvangen"),
            submit=_("Bewaren"),
            multipart=True,
        )

    def countersign_view(self, request, pk):
        agreement = get_object_or_404(PeriodicGiftAgreement, pk=pk)

        def sign(agreement):
            try:
                countersign(agreement, request.user, documents.anbi_settings())
            except StepRefused as refused:
                return None, str(refused), False
            return COUNTERSIGNED, _("Ondertekend; de donateur krijgt het ondertekende exemplaar per e-mail."), True

        return confirmed_action(
            request,
            agreement,
            permission=FINANCE_PERMISSION,
            title=_("Ondertekenen namens de stichting"),
            question=_(
                "Heeft u het getekende exemplaar van %(name)s gecontroleerd (handtekening, BSN ingevuld, bedrag "
                "%(amount)s per jaar)? Dan ondertekent u nu namens de stichting."
            )
            % {"name": agreement.full_name, "amount": format_euro(agreement.yearly_amount_cents)},
            submit_label=_("Ja, ondertekenen"),
            back_url=self._inspect_url(agreement),
            perform=sign,
        )

    def bank_payment_view(self, request, pk):
        return self._form_action(
            request,
            pk,
            BankPaymentForm,
            lambda agreement, data: record_bank_transfer(agreement, data["amount"], data["paid_on"]),
            log_action=BANK_PAYMENT_RECORDED,
            success=_("Betaling geregistreerd; de donateur krijgt een ontvangstbewijs."),
            title=_("Betaling per bank registreren"),
            submit=_("Registreren"),
        )

    def end_view(self, request, pk):
        return self._form_action(
            request,
            pk,
            EndForm,
            lambda agreement, data: end_agreement(agreement, data["reason"], data["ended_on"]),
            log_action=AGREEMENT_ENDED,
            success=_("De overeenkomst is beëindigd; een lopende incasso is gestopt."),
            title=_("Overeenkomst beëindigen"),
            submit=_("Beëindigen"),
        )
