"""'Mijn donaties' links: a well-signed token that does not name a donor the way the receipt does is refused (403)."""

import pytest
from django.core import signing
from django.urls import reverse

from donations.manage_tokens import SALT
from donations.models import Donor

pytestmark = pytest.mark.django_db

EXPIRED = "Deze link is verlopen of ongeldig"

PAYLOADS = [
    pytest.param([1, 2], id="list"),
    pytest.param("anna@example.org", id="string"),
    pytest.param(7, id="int"),
    pytest.param(None, id="null"),
    pytest.param({"donor": "abc"}, id="donor-not-a-number"),
    pytest.param({"donor": [1]}, id="donor-a-list"),
    pytest.param({"donor": {"pk": 1}}, id="donor-a-dict"),
    pytest.param({"donor": 10**30}, id="donor-out-of-range"),
    pytest.param({"donor": -1}, id="donor-negative"),
    pytest.param({"donor": True}, id="donor-a-boolean"),
    pytest.param({"donor": 1.5}, id="donor-a-fraction"),
    pytest.param({}, id="no-donor"),
]


def _urls(token, gift_pk=1):
    return [
        ("get", reverse("donations:my_donations", args=[token])),
        ("post", reverse("donations:customer_portal", args=[token])),
        ("post", reverse("donations:stop_recurring", args=[token, gift_pk])),
        ("post", reverse("donations:change_amount", args=[token, gift_pk])),
    ]


@pytest.fixture
def anna():
    return Donor.objects.create(email="anna@example.org")


@pytest.mark.parametrize("payload", PAYLOADS)
def test_a_signed_token_without_a_donor_id_is_refused_like_an_expired_link(client, anna, payload):
    token = signing.dumps(payload, salt=SALT)
    for method, url in _urls(token):
        response = getattr(client, method)(url, {"amount": "40"} if method == "post" else {})
        assert response.status_code == 403, (url, payload)
        assert EXPIRED in response.content.decode()


def test_the_receipts_token_and_its_donor_id_as_digits_still_open_the_page(client, anna):
    for donor_id in (anna.pk, str(anna.pk)):
        token = signing.dumps({"donor": donor_id}, salt=SALT)
        response = client.get(reverse("donations:my_donations", args=[token]))
        assert response.status_code == 200
        assert "<h1>Mijn donaties</h1>" in response.content.decode()
