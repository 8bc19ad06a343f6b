from tests.donations.conftest import (  # noqa: F401 - the real Stripe path and the demo site
    _quiet_standin,
    donor,
    live_demo_site,
    module_demo_site,
    standin_without_webhooks,
    stripe_standin,
)
