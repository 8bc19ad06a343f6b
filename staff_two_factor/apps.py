from django.apps import AppConfig


class StaffTwoFactorConfig(AppConfig):
    name = "staff_two_factor"
    verbose_name = "Tweestapsverificatie voor medewerkers"
