"""URLs of the clinics app (mounted at /sessies/ in portal/urls.py)."""

from django.urls import path

from . import views

app_name = "clinics"
urlpatterns = [
    path("", views.session_list, name="list"),
    path("mijn/", views.my_sessions, name="mine"),
    path("accreditatie.csv", views.attendance_csv, name="attendance_csv"),
    path("<int:session_id>/", views.session_detail, name="detail"),
    path("<int:session_id>/inschrijven/", views.session_register, name="register"),
    path("<int:session_id>/afmelden/", views.session_cancel, name="cancel"),
    path("<int:session_id>/oefenplan/", views.session_plan, name="plan"),
    path("<int:session_id>/begeleiden/", views.facilitator_session, name="facilitator"),
    path(
        "<int:session_id>/begeleiden/plan/<int:registration_id>/",
        views.facilitator_plan,
        name="facilitator_plan",
    ),
    path(
        "<int:session_id>/begeleiden/aanwezigheid/",
        views.facilitator_attendance,
        name="facilitator_attendance",
    ),
]
