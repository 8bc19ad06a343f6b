"""What Stripe and the treasurer do in the reconciliation tests."""

import pytest
from django.contrib.auth.models import Group

from tests.donations.helpers import control, delivered


def run_payout(standin, **payload):
    """Stripe's daily automatic payout, with its payout.created and payout.paid webhooks delivered to the site."""
    payout = control(standin, "payouts/run", **payload)["payout"]
    delivered(standin)
    return payout


def balance_transaction_of(standin, payment_intent_id):
    charge = standin.get_object(standin.get_object(payment_intent_id)["latest_charge"])
    return charge["balance_transaction"]


def logged_in(client, django_user_model, group_name):
    user = django_user_model.objects.create_user(
        username=f"user-{group_name}", email=f"{group_name.lower()}@leerkracht.nl", password="x", is_staff=True
    )
    user.groups.add(Group.objects.get(name=group_name))
    client.force_login(user)
    return client


GROUPS = ["Redactie", "Fondsenwerving", "Financiën", "Beheer"]
TREASURERS = {"Financiën", "Beheer"}
each_group = pytest.mark.parametrize("group", GROUPS)
