from django.apps import AppConfig


class CasebookConfig(AppConfig):
    name = "casebook"
    label = "casebook"
    verbose_name = "Casusboek"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from .anonymisation import checks  # noqa: F401, PLC0415
