"""URLs of the paths app (mounted in portal/urls.py)."""

from django.urls import path  # noqa: F401

app_name = "paths"
urlpatterns: list = []
