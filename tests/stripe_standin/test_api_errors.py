"""Keys, parameter errors, idempotency and unknown URLs answer the way Stripe does."""

from __future__ import annotations

import json
import urllib.error
import urllib.request

import pytest
import stripe

from stripe_standin.server import StandinServer
from tests.stripe_standin.helpers import payment_session_params


def raw_request(server: StandinServer, path: str, headers: dict[str, str]) -> tuple[int, dict]:
    request = urllib.request.Request(f"{server.base_url}{path}", headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def test_live_keys_are_refused(server: StandinServer) -> None:
    live_client = stripe.StripeClient(api_key="sk_live_123456789", base_addresses={"api": server.base_url})

    with pytest.raises(stripe.AuthenticationError) as raised:
        live_client.v1.checkout.sessions.create(params=payment_session_params())

    assert raised.value.http_status == 401
    assert "Live API keys are refused" in str(raised.value.user_message)
    assert "sk_test_" in str(raised.value.user_message)


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({}, "You did not provide an API key"),
        ({"Authorization": "Bearer pk_test_publishable"}, "Invalid API Key provided"),
        ({"Authorization": "Bearer rk_live_restricted"}, "Live API keys are refused"),
    ],
)
def test_missing_and_wrong_keys_are_authentication_errors(
    server: StandinServer, headers: dict[str, str], expected: str
) -> None:
    status, body = raw_request(server, "/v1/customers/cus_x", headers)

    assert status == 401
    assert body["error"]["type"] == "authentication_error"
    assert expected in body["error"]["message"]


def test_missing_required_param_names_it(client: stripe.StripeClient) -> None:
    params = payment_session_params()
    del params["success_url"]

    with pytest.raises(stripe.InvalidRequestError) as raised:
        client.v1.checkout.sessions.create(params=params)

    assert raised.value.param == "success_url"
    assert raised.value.code == "parameter_missing"
    assert raised.value.http_status == 400
    assert raised.value.json_body["error"]["type"] == "invalid_request_error"


@pytest.mark.parametrize(
    ("overrides", "param"),
    [
        ({"mode": "donation"}, "mode"),
        ({"line_items": []}, "line_items"),
        (
            {
                "line_items": [
                    {
                        "price_data": {"currency": "eur", "unit_amount": -5, "product_data": {"name": "x"}},
                        "quantity": 1,
                    }
                ]
            },
            "line_items[0][price_data][unit_amount]",
        ),
        (
            {
                "line_items": [
                    {
                        "price_data": {
                            "currency": "eur",
                            "unit_amount": "12.50",
                            "product_data": {"name": "x"},
                        },
                        "quantity": 1,
                    }
                ]
            },
            "line_items[0][price_data][unit_amount]",
        ),
        (
            {"line_items": [{"price_data": {"currency": "eur", "unit_amount": 2500, "product_data": {"name": "x"}}}]},
            "line_items[0][quantity]",
        ),
        (
            {"line_items": [{"price_data": {"currency": "eur", "unit_amount": 2500}, "quantity": 1}]},
            "line_items[0][price_data][product_data]",
        ),
        ({"payment_method_types": ["paypal"]}, "payment_method_types[0]"),
        ({"success_url": "not a url"}, "success_url"),
        ({"customer": "cus_missing", "customer_email": None}, "customer"),
        ({"subscription_data": {"metadata": {"a": "b"}}}, "subscription_data"),
        ({"metadata": {"k" * 41: "v"}}, "metadata[" + "k" * 41 + "]"),
        ({"colour": "blue"}, "colour"),
    ],
)
def test_invalid_session_params_name_the_param(client: stripe.StripeClient, overrides: dict, param: str) -> None:
    with pytest.raises(stripe.InvalidRequestError) as raised:
        client.v1.checkout.sessions.create(params=payment_session_params(**overrides))

    assert raised.value.param == param


def test_subscription_mode_needs_a_recurring_price(client: stripe.StripeClient) -> None:
    with pytest.raises(stripe.InvalidRequestError) as raised:
        client.v1.checkout.sessions.create(params=payment_session_params(mode="subscription", payment_intent_data=None))

    assert raised.value.param == "line_items[0]"


def test_allowed_payment_method_types_is_accepted_as_in_stripe_python_16(
    client: stripe.StripeClient,
) -> None:
    session = client.v1.checkout.sessions.create(
        params=payment_session_params(payment_method_types=None, allowed_payment_method_types=["ideal", "card"])
    )

    assert session.payment_method_types == ["ideal", "card"]
    assert session.allowed_payment_method_types == ["ideal", "card"]


def test_same_idempotency_key_and_params_replays_the_response(
    client: stripe.StripeClient, server: StandinServer
) -> None:
    params = payment_session_params()
    first = client.v1.checkout.sessions.create(params=params, options={"idempotency_key": "donation-42"})
    second = client.v1.checkout.sessions.create(params=params, options={"idempotency_key": "donation-42"})

    assert second.id == first.id
    assert second.last_response.headers.get("Idempotent-Replayed") == "true"
    assert len(server.standin.store.all_of("checkout.session")) == 1


def test_same_idempotency_key_with_other_params_is_an_idempotency_error(
    client: stripe.StripeClient,
) -> None:
    client.v1.checkout.sessions.create(params=payment_session_params(), options={"idempotency_key": "donation-43"})

    with pytest.raises(stripe.IdempotencyError) as raised:
        client.v1.checkout.sessions.create(
            params=payment_session_params(metadata={"donation_id": "44"}),
            options={"idempotency_key": "donation-43"},
        )

    assert "same parameters" in str(raised.value.user_message)


def test_a_rejected_request_does_not_use_up_its_idempotency_key(client: stripe.StripeClient) -> None:
    params = payment_session_params()
    del params["success_url"]
    with pytest.raises(stripe.InvalidRequestError):
        client.v1.checkout.sessions.create(params=params, options={"idempotency_key": "donation-45"})

    session = client.v1.checkout.sessions.create(
        params=payment_session_params(), options={"idempotency_key": "donation-45"}
    )

    assert session.status == "open"


def test_unknown_urls_are_stripe_style_404s(client: stripe.StripeClient, server: StandinServer) -> None:
    with pytest.raises(stripe.InvalidRequestError) as raised:
        client.v1.coupons.retrieve("co_123")

    assert raised.value.http_status == 404
    assert "Unrecognized request URL" in str(raised.value.user_message)
