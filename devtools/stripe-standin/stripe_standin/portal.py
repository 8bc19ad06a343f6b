"""Customer portal sessions: POST /v1/billing_portal/sessions."""

from __future__ import annotations

from typing import Any

from stripe_standin import clock, objects
from stripe_standin.core import Standin
from stripe_standin.errors import invalid_param
from stripe_standin.ids import new_id
from stripe_standin.params import as_str, reject_unknown

CREATE_PARAMS = (
    "after_expiration configuration customer customer_account expand flow_data locale on_behalf_of return_url"
).split()


def create_portal_session(standin: Standin, params: dict[str, Any]) -> dict[str, Any]:
    reject_unknown(params, CREATE_PARAMS)
    customer_id = as_str(params.get("customer"), "customer", required=True)
    return_url = as_str(params.get("return_url"), "return_url", max_length=5000)
    if return_url and not return_url.startswith(("http://", "https://")):
        raise invalid_param("return_url", "Not a valid URL", code="url_invalid")
    if params.get("flow_data"):
        raise invalid_param("flow_data", "The offline Stripe stand-in does not support portal flows.")
    with standin.lock:
        standin.store.require(customer_id, "customer", "customer", param="customer")
        session_id = new_id("bps")
        session = objects.billing_portal_session(
            session_id=session_id,
            created=clock.now(),
            customer_id=customer_id,
            return_url=return_url,
            url=f"{standin.settings.base_url}/p/session/{session_id}",
            locale=as_str(params.get("locale"), "locale"),
        )
        standin.store.add(session)
        return session
