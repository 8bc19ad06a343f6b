from django.urls import path

from . import donor_documents, link_requests, my_donations, recurring_changes, views

app_name = "donations"

# Served in both languages (/doneren/ and /en/doneren/). The Stripe webhook is in the root URLs: one address.

urlpatterns = [
    path("doneren/", views.donate, name="donate"),
    path("doneren/bedankt/", views.thank_you, name="thank_you"),
    path("mijn-donaties/", link_requests.request_link, name="request_link"),
    path("mijn-donaties/<str:token>/", my_donations.my_donations, name="my_donations"),
    path("mijn-donaties/<str:token>/portaal/", my_donations.customer_portal, name="customer_portal"),
    path("mijn-donaties/<str:token>/ontvangstbewijs/<int:pk>/", donor_documents.receipt, name="receipt_pdf"),
    path(
        "mijn-donaties/<str:token>/jaaroverzicht/<int:year>/",
        donor_documents.annual_overview,
        name="annual_overview_pdf",
    ),
    path("mijn-donaties/<str:token>/<int:pk>/stoppen/", my_donations.stop_recurring, name="stop_recurring"),
    path("mijn-donaties/<str:token>/<int:pk>/bedrag/", my_donations.change_recurring_amount, name="change_amount"),
    path(
        "mijn-donaties/<str:token>/<int:pk>/frequentie/",
        recurring_changes.change_recurring_frequency,
        name="change_frequency",
    ),
    path("mijn-donaties/<str:token>/<int:pk>/pauzeren/", recurring_changes.pause_recurring, name="pause_recurring"),
    path("mijn-donaties/<str:token>/<int:pk>/hervatten/", recurring_changes.resume_recurring, name="resume_recurring"),
]
