"""Object ids shaped like Stripe's (prefix + random base62 tail)."""

import secrets
import string

_ALPHABET = string.ascii_letters + string.digits


def _random_tail(length: int) -> str:
    return "".join(secrets.choice(_ALPHABET) for _ in range(length))


def new_id(prefix: str, length: int = 24) -> str:
    """Return an id like ``pi_3PgafyB7WZ01zgkWSjxsAJo3`` for the given prefix."""
    return f"{prefix}_{_random_tail(length)}"


def new_checkout_session_id() -> str:
    # Test-mode Checkout Session ids carry the mode in the id itself.
    return f"cs_test_a1{_random_tail(56)}"
