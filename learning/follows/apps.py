from django.apps import AppConfig


class FollowsConfig(AppConfig):
    """Follows: a professional follows a standard, a plan template, a course or the lessons
    learned, and hears by mail when a new version or item is published."""

    name = "learning.follows"
    label = "follows"
    verbose_name = "Volgen"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Registrations with lower layers and Wagtail's signal (read at start-up).
        from wagtail.signals import page_published  # noqa: PLC0415

        from portal.accounts.deletion import register_account_deleter  # noqa: PLC0415
        from portal.accounts.export import register_exporter  # noqa: PLC0415
        from portal.core.page_actions import register_page_action  # noqa: PLC0415

        from .page_action import follow_button_render  # noqa: PLC0415
        from .services import follows_delete_for_user, follows_export_for_user  # noqa: PLC0415
        from .signals import page_published_handler  # noqa: PLC0415

        register_page_action("volgen", follow_button_render)
        register_exporter("volgen", follows_export_for_user)
        register_account_deleter("volgen", follows_delete_for_user)
        page_published.connect(page_published_handler, dispatch_uid="follows_page_published")
