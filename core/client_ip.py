"""The visitor's address for rate limits, also behind the load balancer or CDN.

Each trusted proxy appends the address it received the request from to X-Forwarded-For, so with N trusted proxies
the N-th address from the right is the visitor's; anything further left was sent by the client and can be forged.
"""

from django.conf import settings


def client_ip(request):
    proxies = settings.TRUSTED_PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies and forwarded:
        addresses = [address.strip() for address in forwarded.split(",") if address.strip()]
        if addresses:
            return addresses[-min(proxies, len(addresses))]
    return request.META["REMOTE_ADDR"]
