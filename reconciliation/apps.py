from django.apps import AppConfig


class ReconciliationConfig(AppConfig):
    name = "reconciliation"
    verbose_name = "Afstemming"

    def ready(self):
        # The ledger's event table learns the payout events here, so the donations app knows nothing of this one.
        from donations.handlers import register_handlers

        from . import handlers

        register_handlers(
            {
                "payout.paid": handlers.payout_paid,
                "payout.reconciliation_completed": handlers.payout_reconciliation_completed,
                "payout.failed": handlers.payout_failed,
            }
        )
