from django.urls import path

from . import views

app_name = "partners"

urlpatterns = [
    path("partner-worden/aanvraag/", views.request_partnership, name="request"),
    path("partner-worden/aanvraag/bedankt/", views.thank_you, name="thank_you"),
]
