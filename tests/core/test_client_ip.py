"""Rate limits key on the visitor's address, not on the proxy's, and a forged header does not help."""

import pytest
from django.test import RequestFactory

from core.client_ip import client_ip


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "203.0.113.9", "10.0.0.2"),  # no proxies trusted: the header is ignored
        (1, "203.0.113.9", "203.0.113.9"),  # one load balancer appended the visitor's address
        (1, "6.6.6.6, 203.0.113.9", "203.0.113.9"),  # the visitor forged an entry on the left
        (2, "6.6.6.6, 203.0.113.9, 198.51.100.7", "203.0.113.9"),  # CDN + load balancer
        (2, "203.0.113.9", "203.0.113.9"),  # fewer entries than proxies: the leftmost
        (1, "", "10.0.0.2"),
    ],
)
def test_client_ip_behind_trusted_proxies(settings, proxies, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT = proxies
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected


def test_donation_rate_limit_counts_each_visitor_separately_behind_the_load_balancer(
    client, settings, db, one_rate_limit_window
):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.DONATION_RATE_LIMIT = "2/m"
    for _ in range(2):
        client.post("/doneren/", {}, REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert client.post("/doneren/", {}, REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.9").status_code == 429
    other_visitor = client.post("/doneren/", {}, REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.44")
    assert other_visitor.status_code == 400  # refused for its empty form, not for someone else's burst
