from django.core.management.base import BaseCommand

from donations.privacy import erase_donor, inactive_donors


class Command(BaseCommand):
    help = "Anonymise donors without a gift in the last 7 years; their financial records stay."

    def handle(self, *args, **options):
        erased = 0
        for donor in inactive_donors().iterator():
            erase_donor(donor)
            erased += 1
        self.stdout.write(f"{erased} donateur(s) geanonimiseerd.")
