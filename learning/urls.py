from django.urls import include, path

from . import certificate_views, views

urlpatterns = [
    path("", views.dashboard, name="learning_dashboard"),
    # Certificates: public verification (and a form to type a code), the owner's PDF.
    path("certificaten/", certificate_views.certificate_list, name="learning_certificate_list"),
    path("certificaat/", certificate_views.certificate_lookup, name="learning_certificate_lookup"),
    path(
        "certificaat/<str:code>/",
        certificate_views.certificate_verify_page,
        name="learning_certificate_verify",
    ),
    path(
        "certificaat/<str:code>/pdf/",
        certificate_views.certificate_download,
        name="learning_certificate_pdf",
    ),
]

from . import team_views  # noqa: E402

urlpatterns += [
    path("team/", team_views.team_list, name="learning_team_list"),
    path("team/<int:team_id>/", team_views.team_detail, name="learning_team_detail"),
    path("team/<int:team_id>/export.csv", team_views.team_export, name="learning_team_export"),
]

urlpatterns += [path("", include("learning.plans.urls"))]
