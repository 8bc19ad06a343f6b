"""For a staff member who lost their phone: remove their authenticator so they can log in and set up a new one."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from wagtail.log_actions import log

from staff_two_factor.devices import remove_devices
from staff_two_factor.views import TWO_FACTOR_DISABLED


class Command(BaseCommand):
    help = "Zet tweestapsverificatie uit voor één medewerker (telefoon kwijt)."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        user_model = get_user_model()
        try:
            user = user_model.objects.get(**{user_model.USERNAME_FIELD: username})
        except user_model.DoesNotExist as missing:
            raise CommandError(f"Geen medewerker met gebruikersnaam {username!r}.") from missing
        remove_devices(user)
        log(user, TWO_FACTOR_DISABLED)
        self.stdout.write(f"Tweestapsverificatie van {username} staat uit; bij de volgende login kan een nieuwe app.")
