"""The site search: include at "zoeken/" (portal/urls.py, before Wagtail's catch-all)."""

from django.urls import path

from . import views

app_name = "search"

urlpatterns = [
    path("", views.site_search_view, name="site_search"),
    path("suggesties/", views.autocomplete_view, name="autocomplete"),
]
