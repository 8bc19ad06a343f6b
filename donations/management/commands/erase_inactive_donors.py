from django.core.management import call_command
from django.core.management.base import BaseCommand

from donations.privacy import DonorStillGiving, erase_donor, inactive_donors


class Command(BaseCommand):
    help = (
        "Anonymise donors without a gift in the 7 calendar years before this one; their financial records stay. "
        "Closed partnership requests past their retention are erased too."
    )

    def handle(self, *args, **options):
        erased = 0
        for donor in inactive_donors().iterator():
            try:
                erase_donor(donor)
            except DonorStillGiving:
                continue  # an agreement of theirs still runs (a bank transfer with no gift this year, say)
            erased += 1
        self.stdout.write(f"{erased} donateur(s) geanonimiseerd.")
        # The monthly beat job runs this command: one AVG retention run for everything the site keeps about people.
        call_command("erase_closed_partnership_requests", stdout=self.stdout)
