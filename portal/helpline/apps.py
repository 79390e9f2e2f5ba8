from django.apps import AppConfig


class HelplineConfig(AppConfig):
    name = "portal.helpline"
    label = "helpline"
    verbose_name = "Hulplijn"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # The exporter and the deleter read the models, which exist only once the apps
        # are loaded.
        from portal.accounts.deletion import register_account_deleter  # noqa: PLC0415
        from portal.accounts.export import register_exporter  # noqa: PLC0415

        from .selectors import submission_export_for_user  # noqa: PLC0415
        from .services import submissions_delete_for_user  # noqa: PLC0415

        register_exporter("hulplijn", submission_export_for_user)
        register_account_deleter("hulplijn", submissions_delete_for_user)
