"""Mounted at /zoekopdrachten/ (portal/urls.py)."""

from django.urls import path

from . import views
from .feeds import SavedSearchFeed

app_name = "saved_searches"

urlpatterns = [
    path("bewaren/", views.saved_search_create, name="create"),
    path("<int:pk>/", views.saved_search_edit, name="edit"),
    path("<int:pk>/verwijderen/", views.saved_search_delete, name="delete"),
    path("afmelden/<str:token>/", views.saved_search_unsubscribe, name="unsubscribe"),
    path("feed/<str:token>/", SavedSearchFeed(), name="feed"),
]
