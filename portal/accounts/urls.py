from django.urls import path

from . import views

urlpatterns = [
    path("profile/", views.profile, name="accounts_profile"),
    path("profile/export/", views.data_export, name="accounts_export"),
    path("profile/delete/", views.delete, name="accounts_delete"),
    path("deleted/", views.deleted, name="accounts_deleted"),
]
