from django.apps import AppConfig


class InsightsConfig(AppConfig):
    name = "portal.insights"
    label = "insights"
    verbose_name = "Geleerde lessen"
    default_auto_field = "django.db.models.BigAutoField"
