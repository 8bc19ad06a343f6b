from django.apps import AppConfig


class CoreConfig(AppConfig):
    """What the other apps share: admin building blocks, money, e-mail, queueing, privacy helpers.

    It depends on no other app of the site, so any of them may use it.
    """

    name = "core"
    verbose_name = "Basis"
