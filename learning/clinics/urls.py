"""URLs of the clinics app (mounted in portal/urls.py)."""

from django.urls import path  # noqa: F401

app_name = "clinics"
urlpatterns: list = []
