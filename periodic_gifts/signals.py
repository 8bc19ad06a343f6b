"""An agreement follows its payments: the first makes it running, the last of its term stops the direct debit."""

from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils import timezone

from core.queueing import queue_on_commit
from donations.models import Donation, DonationStatus

from .agreements import record_payment_started


@receiver(post_save, sender=Donation)
def follow_agreement_payment(sender, instance, **kwargs):
    if not instance.agreement_number or instance.status != DonationStatus.PAID or instance.paid_at is None:
        return
    agreement = record_payment_started(instance.agreement_number, timezone.localdate(instance.paid_at))
    if agreement is not None and agreement.is_direct_debit and agreement.duration_years:
        from .tasks import finish_payments

        queue_on_commit(finish_payments, agreement.pk)
