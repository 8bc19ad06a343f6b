"""The Stripe API routes (``/v1/...``) the official client talks to.

Every request must carry a test secret key. POST requests honour
``Idempotency-Key`` the way Stripe does: the same key with the same
parameters replays the first response, with other parameters it is an
``idempotency_error``.
"""

from __future__ import annotations

import json
from typing import Any

from flask import Blueprint, Response, current_app, g, request

from stripe_standin import balance, checkout, customers, objects, payments, portal, subscriptions
from stripe_standin.core import ApiRequest, Standin, current_api_request
from stripe_standin.errors import StripeError, authentication_error, resource_missing
from stripe_standin.expansion import expand
from stripe_standin.ids import new_id
from stripe_standin.params import as_int, as_list, as_str, parse_form, reject_unknown
from stripe_standin.store import IdempotencyRecord

api = Blueprint("api", __name__, url_prefix="/v1")

# Objects that can be fetched by id: URL collection -> (object type, noun in errors).
RETRIEVABLE = {
    "payment_intents": ("payment_intent", "payment_intent"),
    "invoices": ("invoice", "invoice"),
    "charges": ("charge", "charge"),
    "refunds": ("refund", "refund"),
    "disputes": ("dispute", "dispute"),
    "products": ("product", "product"),
    "prices": ("price", "price"),
    "events": ("event", "event"),
    "balance_transactions": ("balance_transaction", "balance_transaction"),
    "payouts": ("payout", "payout"),
}


def standin() -> Standin:
    return current_app.extensions["stripe_standin"]


def stripe_json(body: Any, status: int = 200) -> Response:
    with standin().lock:  # other threads may be changing these objects
        text = json.dumps(body, indent=2)
    response = Response(text, status=status, mimetype="application/json")
    response.headers["Request-Id"] = g.get("request_id") or new_id("req", 14)
    response.headers["Stripe-Version"] = request.headers.get("Stripe-Version") or objects.API_VERSION
    return response


def error_response(error: StripeError) -> Response:
    return stripe_json(error.to_body(), error.status)


# -- authentication, parameters and idempotency ----------------------------------------------


def _api_key() -> str | None:
    header = request.headers.get("Authorization", "")
    if header.startswith("Bearer "):
        return header.removeprefix("Bearer ").strip() or None
    if request.authorization is not None and request.authorization.type == "basic":
        # `curl -u sk_test_...:` sends the key as the basic-auth user name.
        return request.authorization.username or None
    return None


def _check_key(key: str | None) -> None:
    if not key:
        raise authentication_error(
            "You did not provide an API key. You need to provide your API key in the Authorization header, "
            "using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY')."
        )
    if key.startswith(("sk_live_", "rk_live_")):
        raise authentication_error(
            "Live API keys are refused: this is the offline Stripe stand-in for development and tests, "
            "and it only accepts test secret keys (sk_test_...)."
        )
    if not key.startswith("sk_test_"):
        masked = key[:8] + "*" * max(len(key) - 12, 0) + key[-4:] if len(key) > 12 else "***"
        raise authentication_error(
            f"Invalid API Key provided: {masked}. The offline Stripe stand-in accepts test secret keys (sk_test_...)."
        )


def _request_pairs() -> list[tuple[str, str]]:
    source = request.form if request.method == "POST" else request.args
    return list(source.items(multi=True))


@api.before_request
def authenticate_and_parse() -> Response | None:
    g.request_id = new_id("req", 14)
    key = _api_key()
    _check_key(key)
    pairs = _request_pairs()
    g.params = parse_form(pairs)
    idempotency_key = request.headers.get("Idempotency-Key")
    g.api_request_token = current_api_request.set(ApiRequest(g.request_id, idempotency_key))
    if request.method == "POST" and idempotency_key:
        return _idempotent_replay((key or "", idempotency_key), sorted(pairs))
    return None


def _idempotent_replay(scope: tuple[str, str], pairs: list[tuple[str, str]]) -> Response | None:
    store = standin().store
    key = scope[1]
    with store.lock:
        record = store.idempotency.get(scope)
        if record is None:
            store.idempotency[scope] = IdempotencyRecord(request.method, request.path, pairs)
            g.idempotency_scope = scope
            return None
        if (record.method, record.path) != (request.method, request.path):
            raise StripeError(
                "Keys for idempotent requests can only be used for the same endpoint they were first "
                f"used for ('{record.method} {record.path}' vs '{request.method} {request.path}'). "
                f"Try using a key other than '{key}' if you meant to execute a different request.",
                error_type="idempotency_error",
            )
        if record.params != pairs:
            raise StripeError(
                "Keys for idempotent requests can only be used with the same parameters they were first used "
                f"with. Try using a key other than '{key}' if you meant to execute a different request.",
                error_type="idempotency_error",
            )
        if record.status is None or record.body is None:
            raise StripeError(
                "There is currently another in-progress request using this Idempotency-Key. Please wait a "
                "moment and try again.",
                status=409,
                error_type="idempotency_error",
            )
        response = Response(record.body, status=record.status, mimetype="application/json")
    response.headers["Idempotent-Replayed"] = "true"
    response.headers["Request-Id"] = g.request_id
    return response


@api.after_request
def remember_idempotent_result(response: Response) -> Response:
    scope = g.pop("idempotency_scope", None)
    if scope is not None:
        store = standin().store
        with store.lock:
            # Like Stripe, keep results of requests that ran; a rejected request may be retried.
            if response.status_code < 400 or response.status_code == 402:
                record = store.idempotency[scope]
                record.status = response.status_code
                record.body = response.get_data()
            else:
                store.idempotency.pop(scope, None)
    return response


@api.teardown_request
def forget_api_request(_exc: BaseException | None) -> None:
    token = g.pop("api_request_token", None)
    if token is not None:
        current_api_request.reset(token)


def _params(allowed: list[str] | tuple[str, ...] | None = None) -> dict[str, Any]:
    params = g.params
    if allowed is not None:
        reject_unknown(params, allowed)
    return params


def _respond(obj: dict[str, Any], params: dict[str, Any] | None = None) -> Response:
    paths = [str(path) for path in as_list((params or {}).get("expand"), "expand")]
    if obj["object"] == "checkout.session" and "line_items" in paths:
        paths.remove("line_items")
        obj = dict(obj, line_items=_line_items_list(obj))
    return stripe_json(expand(standin().store, obj, paths) if paths else obj)


def _line_items_list(session: dict[str, Any]) -> dict[str, Any]:
    return objects.list_object(
        checkout.line_items_of(standin(), session), f"/v1/checkout/sessions/{session['id']}/line_items"
    )


# Objects that can be listed: URL collection -> (object type, fields that filter the list).
LISTABLE = {
    "checkout/sessions": ("checkout.session", ("customer", "payment_intent", "status", "subscription")),
    "customers": ("customer", ("email",)),
    "invoices": ("invoice", ("customer", "status", "subscription")),
    "payment_intents": ("payment_intent", ("customer",)),
    "charges": ("charge", ("customer", "payment_intent")),
    "refunds": ("refund", ("charge", "payment_intent")),
    "disputes": ("dispute", ("charge", "payment_intent")),
    "payouts": ("payout", ("status",)),
}
_PAGING_PARAMS = ("created", "ending_before", "expand", "limit", "starting_after")


def _filtered_list(collection: str) -> Response:
    object_type, filters = LISTABLE[collection]
    params = _params([*_PAGING_PARAMS, *filters])
    found = list(reversed(standin().store.all_of(object_type)))  # newest first, as Stripe lists
    for field in filters:
        wanted = as_str(params.get(field), field)
        if wanted is not None:
            found = [obj for obj in found if obj.get(field) == wanted]
    return _list_response(found, params, f"/v1/{collection}")


# -- Checkout Sessions -------------------------------------------------------------------------


@api.post("/checkout/sessions")
def create_checkout_session() -> Response:
    params = _params()
    return _respond(checkout.create_session(standin(), params), params)


@api.get("/checkout/sessions")
def list_checkout_sessions() -> Response:
    return _filtered_list("checkout/sessions")


@api.get("/checkout/sessions/<session_id>")
def retrieve_checkout_session(session_id: str) -> Response:
    params = _params(["expand"])
    return _respond(checkout.get_session(standin(), session_id), params)


@api.get("/checkout/sessions/<session_id>/line_items")
def list_checkout_line_items(session_id: str) -> Response:
    _params(["ending_before", "expand", "limit", "starting_after"])
    return stripe_json(_line_items_list(checkout.get_session(standin(), session_id)))


@api.post("/checkout/sessions/<session_id>/expire")
def expire_checkout_session(session_id: str) -> Response:
    params = _params(["expand"])
    return _respond(checkout.expire_session(standin(), session_id), params)


# -- Customers ---------------------------------------------------------------------------------


@api.post("/customers")
def create_customer() -> Response:
    params = _params()
    return _respond(customers.create_customer(standin(), params), params)


@api.get("/customers/<customer_id>")
def retrieve_customer(customer_id: str) -> Response:
    params = _params(["expand"])
    return _respond(customers.get_customer(standin(), customer_id), params)


@api.post("/customers/<customer_id>")
def update_customer(customer_id: str) -> Response:
    params = _params()
    return _respond(customers.update_customer(standin(), customer_id, params), params)


@api.delete("/customers/<customer_id>")
def delete_customer(customer_id: str) -> Response:
    params = _params()
    return _respond(customers.delete_customer(standin(), customer_id, params), params)


# -- Subscriptions -----------------------------------------------------------------------------


@api.get("/subscriptions")
def list_subscriptions() -> Response:
    params = _params(["customer", "ending_before", "expand", "limit", "price", "starting_after", "status"])
    found = standin().store.all_of("subscription")
    customer_id = as_str(params.get("customer"), "customer")
    status = as_str(params.get("status"), "status")
    if customer_id:
        found = [s for s in found if s["customer"] == customer_id]
    if status is None:
        # Like Stripe, the default listing leaves canceled subscriptions out.
        found = [s for s in found if s["status"] != "canceled"]
    elif status != "all":
        found = [s for s in found if s["status"] == status]
    return _list_response(found, params, "/v1/subscriptions")


@api.get("/subscriptions/<subscription_id>")
def retrieve_subscription(subscription_id: str) -> Response:
    params = _params(["expand"])
    return _respond(standin().store.require(subscription_id, "subscription", "subscription"), params)


@api.post("/subscriptions/<subscription_id>")
def update_subscription(subscription_id: str) -> Response:
    params = _params()
    return _respond(subscriptions.update_subscription(standin(), subscription_id, params), params)


@api.delete("/subscriptions/<subscription_id>")
def cancel_subscription(subscription_id: str) -> Response:
    params = _params()
    return _respond(subscriptions.cancel_subscription(standin(), subscription_id, params), params)


# -- Refunds and the customer portal -----------------------------------------------------------


@api.post("/refunds")
def create_refund() -> Response:
    params = _params()
    return _respond(payments.create_refund(standin(), params), params)


@api.post("/billing_portal/sessions")
def create_billing_portal_session() -> Response:
    params = _params()
    return _respond(portal.create_portal_session(standin(), params), params)


# -- Events and read-only objects --------------------------------------------------------------


@api.get("/events")
def list_events() -> Response:
    params = _params(
        [
            "created",
            "delivery_success",
            "ending_before",
            "expand",
            "limit",
            "starting_after",
            "type",
            "types",
        ]
    )
    found = list(reversed(standin().store.events()))  # newest first, as Stripe lists
    wanted = [as_str(params.get("type"), "type")] if params.get("type") else []
    wanted += [str(t) for t in as_list(params.get("types"), "types")]
    if wanted:
        found = [event for event in found if event["type"] in wanted]
    return _list_response(found, params, "/v1/events")


@api.get("/balance_transactions")
def list_balance_transactions() -> Response:
    """Newest first; `payout=` lists what one automatic payout paid out, its own `payout` transaction included."""
    params = _params([*_PAGING_PARAMS, "currency", "payout", "source", "type"])
    payout_id = as_str(params.get("payout"), "payout")
    if payout_id:
        standin().store.require(payout_id, "payout", "payout", param="payout")
        found = balance.transactions_of_payout(standin(), payout_id)
    else:
        found = standin().store.all_of("balance_transaction")
    found = list(reversed(found))
    for field in ("currency", "source", "type"):
        wanted = as_str(params.get(field), field)
        if wanted is not None:
            found = [obj for obj in found if obj.get(field) == wanted]
    return _list_response(found, params, "/v1/balance_transactions")


@api.get("/<collection>")
def list_objects(collection: str) -> Response:
    if collection not in LISTABLE:
        raise _unrecognised_url()
    return _filtered_list(collection)


@api.get("/<collection>/<object_id>")
def retrieve_object(collection: str, object_id: str) -> Response:
    if collection not in RETRIEVABLE:
        raise _unrecognised_url()
    params = _params(["expand"])
    object_type, noun = RETRIEVABLE[collection]
    obj = standin().store.get(object_id, object_type)
    if obj is None:
        raise resource_missing(noun, object_id)
    return _respond(obj, params)


def _list_response(found: list[dict[str, Any]], params: dict[str, Any], url: str) -> Response:
    limit = as_int(params.get("limit"), "limit", minimum=1) or 10
    starting_after = as_str(params.get("starting_after"), "starting_after")
    if starting_after:
        ids = [obj["id"] for obj in found]
        if starting_after not in ids:
            raise resource_missing("object", starting_after, "starting_after")
        found = found[ids.index(starting_after) + 1 :]
    page = found[: min(limit, 100)]
    listed = objects.list_object(page, url, has_more=len(found) > len(page))
    paths = [str(path) for path in as_list(params.get("expand"), "expand")]
    return stripe_json(expand(standin().store, listed, paths) if paths else listed)


def _unrecognised_url() -> StripeError:
    return StripeError(
        f"Unrecognized request URL ({request.method}: {request.path}). The offline Stripe stand-in only "
        "implements the endpoints the giving site uses.",
        status=404,
    )


@api.route("/<path:rest>", methods=["GET", "POST", "DELETE"])
def unrecognised(rest: str) -> Response:
    raise _unrecognised_url()
