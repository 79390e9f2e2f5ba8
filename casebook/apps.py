from django.apps import AppConfig


class CasebookConfig(AppConfig):
    name = "casebook"
    label = "casebook"
    verbose_name = "Casusboek"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # The registration reads the models, which exist only once the apps are loaded.
        from .case_search.registration import register_case_search  # noqa: PLC0415

        register_case_search()
