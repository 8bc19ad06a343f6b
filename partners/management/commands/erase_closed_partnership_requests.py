from django.core.management.base import BaseCommand

from partners.privacy import RETENTION_YEARS, erase_partnership_request, expired_partnership_requests


class Command(BaseCommand):
    help = (
        f"Erase the personal data of closed partnership requests {RETENTION_YEARS} calendar years after the year of "
        "their last activity."
    )

    def handle(self, *args, **options):
        erased = 0
        for partnership in expired_partnership_requests().iterator():
            erase_partnership_request(partnership)
            erased += 1
        self.stdout.write(f"Partneraanvragen gewist: {erased}.")
