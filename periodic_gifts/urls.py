from django.urls import path

from . import views

app_name = "periodic_gifts"

# Served in both languages (/periodiek-schenken/ and /en/periodiek-schenken/).
urlpatterns = [
    path("periodiek-schenken/", views.request_form, name="request"),
    path("periodiek-schenken/<str:token>/", views.agreement_page, name="agreement"),
    path("periodiek-schenken/<str:token>/overeenkomst.pdf", views.agreement_pdf, name="agreement_pdf"),
    path("periodiek-schenken/<str:token>/mijn-exemplaar.pdf", views.signed_copy, name="signed_copy"),
    path("periodiek-schenken/<str:token>/getekend/", views.upload_signed_copy, name="upload"),
    path("periodiek-schenken/<str:token>/betalen/", views.start_payment, name="start_payment"),
]
