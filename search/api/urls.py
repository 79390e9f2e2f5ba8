"""The read-only JSON API: include at "api/v1/" (portal/urls.py, before Wagtail's
catch-all)."""

from django.urls import path

from . import views

app_name = "api"

urlpatterns = [
    path("cases/", views.cases_view, name="cases"),
    path("search/", views.site_search_view, name="site_search"),
]
