"""URLs of the paths app (mounted in portal/urls.py at /leerlijnen/)."""

from django.urls import path

from . import views

app_name = "paths"
urlpatterns = [
    path("", views.path_list, name="list"),
    path("team/<int:team_id>/toewijzen/", views.assign, name="assign"),
    path("team/<int:team_id>/toewijzingen.csv", views.assignments_export, name="export"),
    path("streefdatum/<int:course_id>/", views.target_date, name="target_date"),
    path("<slug:slug>/", views.path_detail, name="detail"),
]
