from functools import partial

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from delivery import page_cache

from .models import Donation, DonationStatus
from .totals import forget_totals


@receiver([post_save, post_delete], sender=Donation)
def drop_cached_campaign_totals(sender, instance, created=False, **kwargs):
    if created and instance.status != DonationStatus.PAID:
        return  # a gift that is only starting counts for nothing yet: every form post would empty the caches
    # After commit: a reader between the save and the commit would otherwise cache the old total again.
    transaction.on_commit(partial(forget_totals, instance.campaign_id))
    # Cached pages show totals too (home page, campaign cards).
    transaction.on_commit(page_cache.purge)
