from django.apps import AppConfig


class PathsConfig(AppConfig):
    """Learning paths (leerlijnen: courses in an order, with prerequisites) and the
    courses team leads assign with a due date, with reminders."""

    name = "learning.paths"
    label = "paths"
    verbose_name = "Leerlijnen en toewijzingen"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # The registrations read the models, which exist only once the apps are loaded.
        from portal.accounts.deletion import register_account_deleter  # noqa: PLC0415
        from portal.accounts.export import register_exporter  # noqa: PLC0415

        from .selectors import paths_data_for_export  # noqa: PLC0415
        from .services import paths_delete_for_user  # noqa: PLC0415

        register_exporter("leerlijnen_en_toewijzingen", paths_data_for_export)
        register_account_deleter("leerlijnen_en_toewijzingen", paths_delete_for_user)
