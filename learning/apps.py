from django.apps import AppConfig


class LearningConfig(AppConfig):
    name = "learning"
    label = "learning"
    verbose_name = "Leeromgeving"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from portal.accounts.export import register_exporter

        from .certificates import certificates_for_export
        from .exporting import learning_data_for_export
        from .plans.account_export import practice_plans_for_export
        from .search import register_learning_types

        register_exporter("leeromgeving", learning_data_for_export)
        register_exporter("certificaten", certificates_for_export)
        register_exporter("oefenplannen", practice_plans_for_export)
        register_learning_types()
