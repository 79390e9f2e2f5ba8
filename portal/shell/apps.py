from django.apps import AppConfig


class ShellConfig(AppConfig):
    """The shell app: holds `load_demo` and the feed; no models."""

    name = "portal.shell"
    label = "shell"
    verbose_name = "Site"
    default_auto_field = "django.db.models.BigAutoField"
