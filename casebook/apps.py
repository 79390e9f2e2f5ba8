from django.apps import AppConfig


class CasebookConfig(AppConfig):
    name = "casebook"
    label = "casebook"
    verbose_name = "Casusboek"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # The registrations read the models, which exist only once the apps are loaded.
        from portal.accounts.deletion import register_account_deleter  # noqa: PLC0415
        from portal.accounts.export import register_exporter  # noqa: PLC0415

        from .case_search.registration import register_case_search  # noqa: PLC0415
        from .impact import impact_cache_connect  # noqa: PLC0415
        from .saved_searches.selectors import saved_searches_for_export  # noqa: PLC0415
        from .saved_searches.services import saved_searches_delete_for_user  # noqa: PLC0415

        register_case_search()
        impact_cache_connect()
        register_exporter("bewaarde_zoekopdrachten", saved_searches_for_export)
        register_account_deleter("bewaarde_zoekopdrachten", saved_searches_delete_for_user)
