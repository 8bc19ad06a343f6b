from django.db.models.signals import post_save, pre_delete
from django.dispatch import receiver

from .models import Donation, DonationStatus
from .totals import count_donation


@receiver(post_save, sender=Donation)
def keep_campaign_total(sender, instance, created=False, **kwargs):
    if created and instance.status != DonationStatus.PAID:
        return  # a gift that is only starting counts for nothing yet: every form post would cost a locked read
    count_donation(instance.pk)


@receiver(pre_delete, sender=Donation)
def take_out_of_campaign_total(sender, instance, **kwargs):
    count_donation(instance.pk, removing=True)
