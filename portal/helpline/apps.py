from django.apps import AppConfig


class HelplineConfig(AppConfig):
    name = "portal.helpline"
    label = "helpline"
    verbose_name = "Hulplijn"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from portal.accounts.export import register_exporter

        from .selectors import submission_export_for_user

        register_exporter("hulplijn", submission_export_for_user)
