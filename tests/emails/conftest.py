# The donation tests' live site, Stripe stand-in and donor, for mails that start with a gift made over HTTP.
from tests.donations.conftest import (  # noqa: F401
    _quiet_standin,
    donor,
    live_demo_site,
    module_demo_site,
    standin_without_webhooks,
    stripe_standin,
)
