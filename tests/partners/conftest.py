from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.cache import cache

from partners.models import PartnerInterest, PartnerKind, PartnershipRequest

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """The rate limit counts in the cache; every test starts with a clean count."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def form_data():
    return {
        "kind": PartnerKind.FOUNDATION,
        "organisation": "Stichting Egeria Fonds",
        "contact_name": "Peter Visser",
        "email": "peter@egeria.example",
        "phone": "020 123 45 67",
        "interest": PartnerInterest.ACCELERATOR,
        "budget": "50k_to_250k",
        "message": "Wij willen graag meer scholen helpen de hele methode in te zetten.",
        "consent_to_contact": "on",
        "website": "",
    }


def at(year, month, day, hour=9, minute=0):
    """A moment in Dutch time, for freezing the clock."""
    return datetime(year, month, day, hour, minute, tzinfo=AMSTERDAM)


@pytest.fixture
def make_request(db):
    """Store a request as if it came in at `when` (Dutch time)."""

    def make(when, **fields):
        values = {
            "kind": PartnerKind.COMPANY,
            "organisation": "Bakkerij Verbeter BV",
            "contact_name": "Sanne de Boer",
            "email": "sanne@verbeter.example",
            "interest": PartnerInterest.HOST_TEACHERS,
            "message": "Wij ontvangen graag een groep leraren.",
            "consent_to_contact": True,
            **fields,
        }
        with time_machine.travel(when, tick=False):
            return PartnershipRequest.objects.create(**values)

    return make
