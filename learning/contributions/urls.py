"""URLs of the contributions app (mounted at /bijdragen/ in portal/urls.py)."""

from django.urls import path

from . import views

app_name = "contributions"
urlpatterns = [
    path("", views.contribution_list, name="list"),
    path("delen/<int:plan_id>/", views.contribution_share, name="share"),
    path("<int:pk>/intrekken/", views.contribution_withdraw, name="withdraw"),
]
