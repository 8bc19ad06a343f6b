"""Staff accounts need strong passwords: short, common, all-digit or name-like ones are refused with a message."""

import pytest
from django.contrib.auth.models import Group, User

pytestmark = pytest.mark.django_db

NEW_USER = {
    "username": "nieuwe-fondsenwerver",
    "email": "nieuw@leerkracht.nl",
    "first_name": "Nina",
    "last_name": "Fondsenwerver",
}


@pytest.fixture
def manager_client(client, django_user_model):
    manager = django_user_model.objects.create_user("beheerder", "beheer@leerkracht.nl", "x", is_staff=True)
    manager.groups.add(Group.objects.get(name="Beheer"))
    client.force_login(manager)
    return client


@pytest.mark.parametrize(
    "weak_password",
    ["kort-2026", "password1234", "123456789012345", "nieuwe-fondsenwerver"],
    ids=["too-short", "common", "only-digits", "like-the-username"],
)
def test_a_weak_password_is_refused_when_an_account_is_made(manager_client, weak_password):
    response = manager_client.post(
        "/admin/users/new/", {**NEW_USER, "password1": weak_password, "password2": weak_password}
    )
    assert response.status_code == 200  # the form again, with the reason
    assert "error-message" in response.content.decode()
    assert not User.objects.filter(username=NEW_USER["username"]).exists()


def test_a_strong_password_makes_the_account(manager_client):
    strong = "Bordsessie-op-maandag-7"
    response = manager_client.post("/admin/users/new/", {**NEW_USER, "password1": strong, "password2": strong})
    assert response.status_code == 302, response.content.decode()[:3000]
    assert User.objects.get(username=NEW_USER["username"]).check_password(strong)
