from django.apps import AppConfig


class ContributionsConfig(AppConfig):
    """Breakthroughs professionals contribute: a completed practice plan shared as an
    anonymised example case, reviewed by IPW's editors before it is published."""

    name = "learning.contributions"
    label = "contributions"
    verbose_name = "Bijdragen"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # The registrations read the models, which exist only once the apps are loaded.
        from casebook.extensions import register_case_page_extension  # noqa: PLC0415
        from portal.accounts.deletion import register_account_deleter  # noqa: PLC0415
        from portal.accounts.export import register_exporter  # noqa: PLC0415

        from . import signals  # noqa: PLC0415
        from .selectors import CASE_PAGE_EXTENSION, contributions_for_export  # noqa: PLC0415
        from .services import contributions_delete_for_user  # noqa: PLC0415

        register_exporter("bijdragen", contributions_for_export)
        register_account_deleter("bijdragen", contributions_delete_for_user)
        register_case_page_extension(CASE_PAGE_EXTENSION)
        signals.connect()
