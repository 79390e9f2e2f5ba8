from django.apps import AppConfig


class ShellConfig(AppConfig):
    """The shell app: holds `load_demo` and the feed; no models."""

    name = "portal.shell"
    label = "shell"
    verbose_name = "Site"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # The kernel's one way to send a mail (portal.core.mail) goes into the helpline's
        # outbox, which the kernel and the other features may not import.
        from portal.core.mail import register_mail_queue  # noqa: PLC0415
        from portal.helpline.services import notice_mail_add  # noqa: PLC0415

        register_mail_queue(notice_mail_add)
