from django.urls import path

from . import views

urlpatterns = [
    path("tweestapsverificatie/", views.setup, name="staff_two_factor_setup"),
    path("tweestapsverificatie/controle/", views.verify, name="staff_two_factor_verify"),
    path("tweestapsverificatie/uitzetten/", views.disable, name="staff_two_factor_disable"),
]
