from django.urls import path

from . import views

urlpatterns = [
    path("", views.question, name="helpline_question"),
    path("aanmelden/", views.referral, name="helpline_referral"),
    path("ontvangen/", views.confirmation, name="helpline_confirmation"),
    path("mijn-vragen/", views.thread_list, name="helpline_threads"),
    path("mijn-vragen/<str:reference>/", views.thread_detail, name="helpline_thread"),
]
