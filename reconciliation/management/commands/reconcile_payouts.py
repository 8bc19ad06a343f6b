import datetime

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from core.money import format_euro
from donations import stripe_gateway
from reconciliation.payouts import list_transactions, store_payout


class Command(BaseCommand):
    help = (
        "Ask Stripe for its paid payouts (arrived on or after --since) and store each with its balance "
        "transactions, as the payout webhooks do. For payouts from before the webhooks were set up, or missed; "
        "safe to repeat."
    )

    def add_arguments(self, parser):
        parser.add_argument("--since", required=True, help="first arrival date, e.g. 2026-01-01 (Amsterdam time)")

    def handle(self, *args, since, **options):
        try:
            first_day = datetime.date.fromisoformat(since)
        except ValueError:
            raise CommandError(f"--since is not a date (JJJJ-MM-DD): {since}") from None
        start = timezone.make_aware(datetime.datetime.combine(first_day, datetime.time()))
        count = 0
        for payout_object in stripe_gateway.paid_payouts():
            arrived = datetime.datetime.fromtimestamp(payout_object["arrival_date"], tz=datetime.UTC)
            if arrived < start:
                break  # newest first: the rest arrived earlier still
            with transaction.atomic():
                payout = store_payout(payout_object)
            list_transactions(payout.pk)  # here and now: whoever runs this reads the result next
            count += 1
            self.stdout.write(f"{payout.stripe_id}: {format_euro(payout.amount_cents, always_cents=True)}")
        self.stdout.write(f"{count} uitbetaling(en) bijgewerkt.")
