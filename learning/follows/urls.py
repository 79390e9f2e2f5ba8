from django.urls import path

from . import views

app_name = "follows"

urlpatterns = [
    path("<int:page_id>/", views.follow_toggle, name="toggle"),
    path("<int:page_id>/stoppen/", views.follow_stop, name="stop"),
    path("instelling/", views.follow_settings, name="settings"),
    path("afmelden/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
