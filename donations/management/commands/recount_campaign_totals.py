from django.core.management.base import BaseCommand

from core.money import format_euro
from donations.totals import recount


class Command(BaseCommand):
    help = (
        "Set every campaign's running total and donor count from the ledger, and list those that differed. "
        "For after a database restore or a change made outside the site; otherwise they already agree."
    )

    def handle(self, *args, **options):
        differences = recount()
        for key, ((raised_before, donors_before), (raised, donors)) in sorted(differences.items()):
            self.stdout.write(
                f"{key}: {format_euro(raised_before)} / {donors_before} donateurs → "
                f"{format_euro(raised)} / {donors} donateurs"
            )
        self.stdout.write(f"{len(differences)} campagnetotaal/-totalen bijgesteld.")
