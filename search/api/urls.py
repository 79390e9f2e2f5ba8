"""The read-only JSON API of the search app: include at "api/v1/" (portal/urls.py, which
also mounts the apps' own API views, such as the casebook's cases)."""

from django.urls import path

from . import views

app_name = "api"

urlpatterns = [
    path("search/", views.site_search_view, name="site_search"),
]
