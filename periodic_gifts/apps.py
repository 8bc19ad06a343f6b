from django.apps import AppConfig


class PeriodicGiftsConfig(AppConfig):
    name = "periodic_gifts"
    verbose_name = "Periodieke giften"

    def ready(self):
        from donations import privacy

        from . import signals  # noqa: F401
        from .models import agreements_of, has_open_agreement

        # An access request lists the agreements; a donor whose agreement still runs is not erased (it is a contract
        # the tax rules make both sides keep).
        privacy.register_donor_records(
            "periodic_gift_agreements", "periodieke gift (overeenkomst)", agreements_of, has_open_agreement
        )
