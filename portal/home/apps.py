from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "portal.home"
    label = "home"
    verbose_name = "Portaal"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Registries are filled once every app (and so every model) is loaded.
        from .search import register_home_types  # noqa: PLC0415

        register_home_types()
