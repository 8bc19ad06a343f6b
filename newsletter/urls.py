from django.urls import path

from . import views

app_name = "newsletter"

# Served in both languages (/nieuwsbrief/… and /en/nieuwsbrief/…), like the other donor pages.
urlpatterns = [
    path("nieuwsbrief/afmelden/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
