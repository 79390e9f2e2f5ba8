"""Addresses of the practice plan builder and the law lookup (under /leren/)."""

from django.urls import path

from . import tool_views, views

urlpatterns = [
    path("oefenplannen/", views.plan_list, name="practice_plan_list"),
    path("oefenplannen/nieuw/", views.plan_start, name="practice_plan_start"),
    path("oefenplannen/<int:plan_id>/", views.plan_detail, name="practice_plan_detail"),
    path(
        "oefenplannen/<int:plan_id>/onderdeel/<slug:key>/",
        views.plan_section,
        name="practice_plan_section",
    ),
    path("oefenplannen/<int:plan_id>/delen/", views.plan_share, name="practice_plan_share"),
    path(
        "oefenplannen/<int:plan_id>/afronden/", views.plan_complete, name="practice_plan_complete"
    ),
    path("oefenplannen/<int:plan_id>/verwijderen/", views.plan_delete, name="practice_plan_delete"),
    path(
        "oefenplannen/<int:plan_id>/export.<str:file_format>",
        views.plan_export,
        name="practice_plan_export",
    ),
    path(
        "oefenplannen/<int:plan_id>/tarieven-bijwerken/",
        tool_views.plan_costs_refresh,
        name="practice_plan_costs_refresh",
    ),
    path("team/<int:team_id>/oefenplannen/", views.team_plan_list, name="learning_team_plans"),
    path("wettenzoeker/", tool_views.law_lookup, name="learning_law_lookup"),
]
