from django.apps import AppConfig


class StandardsConfig(AppConfig):
    name = "portal.standards"
    label = "standards"
    verbose_name = "Standaarden"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Registries are filled once every app (and so every model) is loaded.
        from .search import register_standard_types  # noqa: PLC0415

        register_standard_types()
