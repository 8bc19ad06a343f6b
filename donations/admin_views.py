"""The fundraising admin for donations, donors, recurring gifts and Stripe events, with refund, resend and stop."""

import csv
import logging

from django.conf import settings
from django.contrib import messages
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Min, Sum
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.log_actions import log

from core.admin.actions import confirmed_action
from core.admin.exports import Column
from core.admin.responses import forbidden
from core.admin.viewsets import ExportCheckedIndexView, ReadOnlyModelViewSet
from core.money import format_euro

from . import events, handlers, notifications, privacy, stripe_gateway
from .models import Donation, DonationStatus, Donor, RecurringDonation, RecurringStatus, StripeEvent
from .recurring_changes import PauseForm, months_later
from .refund_form import RefundForm, refundable_cents

logger = logging.getLogger(__name__)

REFUND_REQUESTED = "leerkracht.refund_requested"
RECEIPT_RESENT = "leerkracht.receipt_resent"
RECURRING_STOP_REQUESTED = "leerkracht.recurring_stop_requested"
RECURRING_PAUSED = "leerkracht.recurring_paused"
DONOR_DATA_EXPORTED = "leerkracht.donor_data_exported"
DONOR_ERASED = "leerkracht.donor_erased"

# Donor data in bulk: the spreadsheet exports of every listing here.
EXPORT_PERMISSION = "donations.export_donation"
# Access and erasure requests are handled by the staff who may export donor data in bulk.
PRIVACY_PERMISSION = EXPORT_PERMISSION


def _can_refund(donation):
    return (
        donation.status == DonationStatus.PAID
        and bool(donation.stripe_payment_intent_id)
        and refundable_cents(donation) > 0
    )


def _can_resend_receipt(donation):
    return donation.status == DonationStatus.PAID


def _can_stop(recurring):
    return not recurring.has_ended


def _can_pause(recurring):
    # The payments of a periodieke gift follow its agreement; they are not paused here.
    return recurring.status == RecurringStatus.ACTIVE and not recurring.is_paused and not recurring.agreement_number


class StaffPauseForm(PauseForm):
    def __init__(self, *args, record, **kwargs):
        super().__init__(*args, **kwargs)


class DonationViewSet(ReadOnlyModelViewSet):
    model = Donation
    icon = "tasks"
    menu_label = _("Donaties")
    export_permission = EXPORT_PERMISSION
    list_display = ["__str__", "donor", "campaign", "frequency", "status", "created_at", "receipt_number"]
    list_filter = {
        "campaign": ["exact"],
        "status": ["exact"],
        "frequency": ["exact"],
        "created_at": ["date__gte", "date__lte"],
    }
    search_fields = ["donor__email", "donor__name", "receipt_number", "stripe_payment_intent_id"]
    ordering = ["-created_at"]
    export_columns = [
        Column("pk", _("Nummer")),
        Column("receipt_number", _("Ontvangstbewijs")),
        Column("created_at", _("Aangemaakt op"), "datetime"),
        Column("paid_at", _("Betaald op"), "datetime"),
        Column("campaign.title", _("Campagne")),
        Column("donor.name", _("Naam")),
        Column("donor.email", _("E-mailadres")),
        Column("kind_label", _("Soort gift")),
        Column("get_status_display", _("Status")),
        Column("amount_cents", _("Gift (€)"), "euro"),
        Column("fee_cents", _("Bijdrage transactiekosten (€)"), "euro"),
        Column("total_cents", _("Bruto ontvangen (€)"), "euro"),
        Column("refunded_cents", _("Terugbetaald (€)"), "euro"),
        Column("stripe_fee_cents", _("Stripe-kosten (€)"), "euro"),
        Column("stripe_net_cents", _("Netto van Stripe (€)"), "euro"),
        Column("get_payment_method_display", _("Betaalmethode")),
        Column("get_monthly_offer_display", _("Aanbod maandelijks geven")),
        Column("stripe_payment_intent_id", _("Stripe-betaling")),
        Column("stripe_charge_id", _("Stripe-charge")),
        Column("stripe_invoice_id", _("Stripe-factuur")),
        Column("stripe_payout_id", _("Stripe-uitbetaling")),
    ]
    export_filename = "donaties"
    list_select_related = ("campaign", "donor")

    def listing_queryset(self):
        # Stripe's costs and net per gift come from the balance transactions of its payouts (reconciliation); a
        # gift not paid out yet has none, and its cells stay empty.
        return (
            super()
            .listing_queryset()
            .annotate(
                stripe_fee_cents=Sum("balance_transactions__fee_cents"),
                stripe_net_cents=Sum("balance_transactions__net_cents"),
                stripe_payout_id=Min("balance_transactions__payout__stripe_id"),
            )
        )

    inspect_view_fields = [
        "public_id",
        "campaign",
        "donor",
        "recurring",
        "amount_cents",
        "fee_cents",
        "refunded_cents",
        "frequency",
        "status",
        "anonymous",
        "cover_fees",
        "created_at",
        "paid_at",
        "receipt_number",
        "receipt_sent_at",
        "receipt_failed_at",
        "stripe_payment_intent_id",
        "stripe_invoice_id",
    ]
    actions = [
        (_("Terugbetalen"), "donation:refund", "donations.refund_donation", _can_refund),
        (_("Bevestiging opnieuw versturen"), "donation:resend_receipt", "donations.view_donation", _can_resend_receipt),
    ]

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("refund/<int:pk>/", self.refund_view, name="refund"),
            path("resend-receipt/<int:pk>/", self.resend_receipt_view, name="resend_receipt"),
        ]

    def _inspect_url(self, donation):
        return reverse(self.get_url_name("inspect"), args=[donation.pk])

    def refund_view(self, request, pk):
        donation = get_object_or_404(Donation.objects.select_related("donor", "campaign"), pk=pk)

        def refund(donation, answers):
            if not _can_refund(donation):
                return None, _("Alleen een betaalde donatie kan worden terugbetaald."), False
            cents = answers["amount"]
            # One key per amount asked for what was left: a double click or a retry asks Stripe once, while a next
            # partial refund (after Stripe confirmed this one) is a new request.
            key = f"refund-{donation.public_id}-{donation.refunded_cents}-{cents}"
            try:
                stripe_gateway.create_refund(donation.stripe_payment_intent_id, key, amount_cents=cents)
            except stripe_gateway.StripeError:
                logger.exception("Refund of donation %s failed", donation.pk)
                return None, _("Stripe weigerde de terugbetaling; probeer het later opnieuw."), False
            # The donation's refunded amount changes when Stripe's charge.refunded webhook confirms it; the donor
            # then gets the refund notice.
            return (
                REFUND_REQUESTED,
                _("Terugbetaling van %(amount)s aangevraagd bij Stripe.")
                % {"amount": format_euro(cents, always_cents=True)},
                True,
            )

        return confirmed_action(
            request,
            donation,
            permission="donations.refund_donation",
            title=_("Donatie terugbetalen"),
            question=_("Hoeveel van de gift van %(amount)s van %(donor)s terugbetalen?")
            % {"amount": format_euro(donation.total_cents, always_cents=True), "donor": donation.donor},
            submit_label=_("Terugbetalen"),
            back_url=self._inspect_url(donation),
            perform=refund,
            dangerous=True,
            form_class=RefundForm,
            log_data=lambda answers: {"amount_cents": answers["amount"]},
        )

    def resend_receipt_view(self, request, pk):
        donation = get_object_or_404(Donation, pk=pk)

        def resend(donation):
            if not notifications.resend_receipt(donation):
                return None, _("Alleen voor een betaalde donatie gaat een bevestiging uit."), False
            return RECEIPT_RESENT, _("De bevestiging wordt opnieuw verstuurd."), True

        return confirmed_action(
            request,
            donation,
            permission="donations.view_donation",
            title=_("Bevestiging opnieuw versturen"),
            question=_("De bevestiging opnieuw sturen naar %(email)s?") % {"email": donation.donor.email},
            submit_label=_("Versturen"),
            back_url=self._inspect_url(donation),
            perform=resend,
        )


class DonorViewSet(ReadOnlyModelViewSet):
    model = Donor
    icon = "user"
    menu_label = _("Donateurs")
    export_permission = EXPORT_PERMISSION
    list_display = ["email", "name", "newsletter_opt_in", "created_at"]
    list_filter = {"newsletter_opt_in": ["exact"], "language": ["exact"], "created_at": ["date__gte", "date__lte"]}
    search_fields = ["email", "name"]
    ordering = ["-created_at"]
    export_columns = [
        Column("pk", _("Nummer")),
        Column("email", _("E-mailadres")),
        Column("name", _("Naam")),
        Column("get_language_display", _("Taal")),
        Column("newsletter_opt_in", _("Nieuwsbrief"), "yes_no"),
        Column("created_at", _("Aangemaakt op"), "datetime"),
    ]
    export_filename = "donateurs"
    inspect_view_fields = [
        "email",
        "name",
        "language",
        "newsletter_opt_in",
        "newsletter_opt_in_at",
        "newsletter_opt_out_at",
        "created_at",
    ]
    actions = [
        (_("Gegevens downloaden (JSON)"), "donor:data_json", PRIVACY_PERMISSION, lambda donor: True),
        (_("Gegevens downloaden (CSV)"), "donor:data_csv", PRIVACY_PERMISSION, lambda donor: True),
        (_("Persoonsgegevens wissen"), "donor:erase", PRIVACY_PERMISSION, lambda donor: not privacy.is_erased(donor)),
    ]

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("data/<int:pk>/json/", self.data_json_view, name="data_json"),
            path("data/<int:pk>/csv/", self.data_csv_view, name="data_csv"),
            path("erase/<int:pk>/", self.erase_view, name="erase"),
        ]

    def _exported_donor(self, request, pk):
        if not request.user.has_perm(PRIVACY_PERMISSION):
            return None
        donor = get_object_or_404(Donor, pk=pk)
        log(donor, DONOR_DATA_EXPORTED, user=request.user)
        return donor

    def data_json_view(self, request, pk):
        donor = self._exported_donor(request, pk)
        if donor is None:
            return forbidden(request)
        response = JsonResponse(privacy.donor_data(donor), encoder=DjangoJSONEncoder, json_dumps_params={"indent": 2})
        response["Content-Disposition"] = f'attachment; filename="donateur-{donor.pk}.json"'
        return response

    def data_csv_view(self, request, pk):
        donor = self._exported_donor(request, pk)
        if donor is None:
            return forbidden(request)
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="donateur-{donor.pk}.csv"'
        csv.writer(response).writerows(privacy.donor_data_rows(donor))
        return response

    def erase_view(self, request, pk):
        donor = get_object_or_404(Donor, pk=pk)

        def erase(donor):
            try:
                privacy.erase_donor(donor)
            except privacy.DonorStillGiving:
                return (
                    None,
                    _(
                        "Stop of beëindig eerst de lopende terugkerende gift of periodieke-giftovereenkomst "
                        "van deze donateur."
                    ),
                    False,
                )
            return DONOR_ERASED, _("Persoonsgegevens gewist; de giften zijn bewaard."), True

        return confirmed_action(
            request,
            donor,
            permission=PRIVACY_PERMISSION,
            title=_("Persoonsgegevens wissen"),
            question=_("Naam en e-mailadres van %(donor)s wissen? Bedragen, data en ontvangstbewijzen blijven bewaard.")
            % {"donor": donor},
            submit_label=_("Ja, wissen"),
            back_url=reverse(self.get_url_name("inspect"), args=[donor.pk]),
            perform=erase,
            dangerous=True,
        )


class RecurringDonationViewSet(ReadOnlyModelViewSet):
    model = RecurringDonation
    icon = "rotate"
    menu_label = _("Terugkerende giften")
    export_permission = EXPORT_PERMISSION
    list_display = ["__str__", "campaign", "frequency", "status", "created_at"]
    list_filter = {
        "campaign": ["exact"],
        "status": ["exact"],
        "frequency": ["exact"],
        "created_at": ["date__gte", "date__lte"],
    }
    search_fields = ["donor__email", "donor__name", "stripe_subscription_id"]
    ordering = ["-created_at"]
    export_columns = [
        Column("pk", _("Nummer")),
        Column("created_at", _("Aangemaakt op"), "datetime"),
        Column("campaign.title", _("Campagne")),
        Column("donor.name", _("Naam")),
        Column("donor.email", _("E-mailadres")),
        Column("amount_cents", _("Bedrag per termijn (€)"), "euro"),
        Column("get_frequency_display", _("Frequentie")),
        Column("get_status_display", _("Status")),
        Column("canceled_at", _("Gestopt op"), "datetime"),
        Column("stripe_subscription_id", _("Stripe-abonnement")),
    ]
    export_filename = "terugkerende-giften"
    list_select_related = ("campaign", "donor")
    inspect_view_fields = [
        "donor",
        "campaign",
        "amount_cents",
        "frequency",
        "status",
        "created_at",
        "canceled_at",
        "stripe_subscription_id",
    ]
    actions = [
        (_("Gift pauzeren"), "recurringdonation:pause", "donations.change_recurringdonation", _can_pause),
        (_("Gift stoppen"), "recurringdonation:stop", "donations.change_recurringdonation", _can_stop),
    ]

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("stop/<int:pk>/", self.stop_view, name="stop"),
            path("pause/<int:pk>/", self.pause_view, name="pause"),
        ]

    def pause_view(self, request, pk):
        """Pause on the donor's behalf (they asked by phone or mail): through Stripe, as in mijn donaties."""
        recurring = get_object_or_404(RecurringDonation.objects.select_related("donor", "campaign"), pk=pk)

        def pause(recurring, answers):
            if not _can_pause(recurring):
                return None, _("Deze gift kan nu niet worden gepauzeerd."), False
            resumes_at = months_later(timezone.now(), answers["months"])
            try:
                subscription = stripe_gateway.pause_subscription(recurring.stripe_subscription_id, resumes_at)
            except stripe_gateway.StripeError:
                logger.exception("Pausing recurring gift %s failed", recurring.pk)
                return None, _("Stripe kon de gift niet pauzeren; probeer het later opnieuw."), False
            handlers.sync_frequency_and_pause(recurring, subscription)
            until = date_format(timezone.localtime(resumes_at), "j F Y")
            return RECURRING_PAUSED, _("De gift is gepauzeerd tot %(date)s.") % {"date": until}, True

        return confirmed_action(
            request,
            recurring,
            permission="donations.change_recurringdonation",
            title=_("Terugkerende gift pauzeren"),
            question=_("Hoe lang de gift %(gift)s pauzeren? In die tijd wordt er niets afgeschreven.")
            % {"gift": recurring},
            submit_label=_("Pauzeren"),
            back_url=reverse(self.get_url_name("inspect"), args=[recurring.pk]),
            perform=pause,
            form_class=StaffPauseForm,
            log_data=lambda answers: {"months": answers["months"]},
        )

    def stop_view(self, request, pk):
        recurring = get_object_or_404(RecurringDonation, pk=pk)

        def stop(recurring):
            if not _can_stop(recurring):
                return None, _("Deze gift is al gestopt."), False
            try:
                subscription = stripe_gateway.cancel_subscription(
                    recurring.stripe_subscription_id, comment=stripe_gateway.STOPPED_BY_STAFF
                )
            except stripe_gateway.StripeError:
                logger.exception("Stopping recurring gift %s failed", recurring.pk)
                return None, _("Stripe kon de gift niet stoppen; probeer het later opnieuw."), False
            handlers.record_cancellation(subscription)
            return RECURRING_STOP_REQUESTED, _("De gift is gestopt."), True

        return confirmed_action(
            request,
            recurring,
            permission="donations.change_recurringdonation",
            title=_("Terugkerende gift stoppen"),
            question=_("De gift %(gift)s stoppen? Er wordt daarna niet meer afgeschreven.") % {"gift": recurring},
            submit_label=_("Ja, stoppen"),
            back_url=reverse(self.get_url_name("inspect"), args=[recurring.pk]),
            perform=stop,
            dangerous=True,
        )


class StripeEventIndexView(ExportCheckedIndexView):
    """The listing warns when events have waited too long for their gift: a payment the ledger never saw."""

    def get(self, request, *args, **kwargs):
        if not self.is_export:
            overdue = events.waiting_too_long().count()
            if overdue:
                messages.warning(
                    request,
                    ngettext(
                        "%(count)d Stripe-gebeurtenis wacht al langer dan %(minutes)d minuten op de gift waar "
                        "zij over gaat. Filter op resultaat ‘Wacht op de gift’.",
                        "%(count)d Stripe-gebeurtenissen wachten al langer dan %(minutes)d minuten op de gift "
                        "waar zij over gaan. Filter op resultaat ‘Wacht op de gift’.",
                        overdue,
                    )
                    % {"count": overdue, "minutes": settings.STRIPE_EVENT_WAIT_WARNING_SECONDS // 60},
                )
        return super().get(request, *args, **kwargs)


class StripeEventViewSet(ReadOnlyModelViewSet):
    model = StripeEvent
    icon = "code"
    menu_label = _("Stripe-gebeurtenissen")
    export_permission = EXPORT_PERMISSION
    index_view_class = StripeEventIndexView
    list_display = ["type", "stripe_id", "outcome", "waiting_for", "waiting_since", "delivery_count", "received_at"]
    list_filter = {"type": ["exact"], "outcome": ["exact"], "received_at": ["date__gte", "date__lte"]}
    search_fields = ["stripe_id", "type"]
    ordering = ["-received_at"]
    list_export = [
        "stripe_id",
        "type",
        "outcome",
        "waiting_for",
        "waiting_since",
        "delivery_count",
        "received_at",
        "processed_at",
        "error",
    ]
    export_filename = "stripe-gebeurtenissen"
    inspect_view_fields = [
        "stripe_id",
        "type",
        "livemode",
        "received_at",
        "delivery_count",
        "processed_at",
        "outcome",
        "waiting_for",
        "waiting_since",
        "error",
        "payload",
    ]
