from django.urls import path

from . import my_donations, views, webhooks

app_name = "donations"

urlpatterns = [
    path("doneren/", views.donate, name="donate"),
    path("doneren/bedankt/", views.thank_you, name="thank_you"),
    path("stripe/webhook/", webhooks.stripe_webhook, name="stripe_webhook"),
    path("mijn-donaties/<str:token>/", my_donations.my_donations, name="my_donations"),
    path("mijn-donaties/<str:token>/portaal/", my_donations.customer_portal, name="customer_portal"),
    path("mijn-donaties/<str:token>/<int:pk>/stoppen/", my_donations.stop_recurring, name="stop_recurring"),
    path("mijn-donaties/<str:token>/<int:pk>/bedrag/", my_donations.change_recurring_amount, name="change_amount"),
]
