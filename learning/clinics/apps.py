from django.apps import AppConfig


class ClinicsConfig(AppConfig):
    """Case clinics (kraak-en-maak-sessies): sessions IPW schedules, registrations with a
    waiting list, plans brought to a session and the facilitator's comments, attendance."""

    name = "learning.clinics"
    label = "clinics"
    verbose_name = "Kraak-en-maak-sessies"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # The registrations read the models, which exist only once the apps are loaded.
        from portal.accounts.deletion import register_account_deleter  # noqa: PLC0415
        from portal.accounts.export import register_exporter  # noqa: PLC0415

        from .selectors import clinics_data_for_export  # noqa: PLC0415
        from .services import clinics_delete_for_user  # noqa: PLC0415

        register_exporter("kraak_en_maak_sessies", clinics_data_for_export)
        register_account_deleter("kraak_en_maak_sessies", clinics_delete_for_user)
