from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    label = "search"
    verbose_name = "Zoeken"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # The handlers import the models, which exist only once the apps are loaded.
        from . import signals  # noqa: PLC0415

        signals.connect()
