# Campaign pages post their donation form to a stand-in Stripe; the donation tests' fixtures provide one.
from tests.donations.conftest import _quiet_standin, standin_without_webhooks  # noqa: F401
