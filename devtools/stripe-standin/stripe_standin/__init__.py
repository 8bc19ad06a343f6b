"""Offline stand-in for the parts of Stripe's API that the giving site uses.

For development and tests only: it keeps everything in memory, accepts only
test keys and talks to the site over HTTP, exactly like Stripe does.
"""

from stripe_standin.server import StandinServer

__all__ = ["StandinServer"]
