from django.apps import AppConfig


class InsightsConfig(AppConfig):
    name = "portal.insights"
    label = "insights"
    verbose_name = "Geleerde lessen"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Registries are filled once every app (and so every model) is loaded.
        from .search import register_insight_types  # noqa: PLC0415

        register_insight_types()
