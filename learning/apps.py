from django.apps import AppConfig


class LearningConfig(AppConfig):
    name = "learning"
    label = "learning"
    verbose_name = "Leeromgeving"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # The registrations read the models, which exist only once the apps are loaded.
        from casebook.extensions import register_case_page_extension  # noqa: PLC0415
        from portal.accounts.export import register_exporter  # noqa: PLC0415

        from .certificates import certificates_for_export  # noqa: PLC0415
        from .exporting import learning_data_for_export  # noqa: PLC0415
        from .plans.account_export import practice_plans_for_export  # noqa: PLC0415
        from .plans.case_page import CASE_PAGE_EXTENSION  # noqa: PLC0415
        from .search import register_learning_types  # noqa: PLC0415

        register_exporter("leeromgeving", learning_data_for_export)
        register_exporter("certificaten", certificates_for_export)
        register_exporter("oefenplannen", practice_plans_for_export)
        register_learning_types()
        register_case_page_extension(CASE_PAGE_EXTENSION)
