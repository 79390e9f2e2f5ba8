from django.apps import AppConfig


class PathsConfig(AppConfig):
    """Learning paths (leerlijnen: courses in an order, with prerequisites) and the
    courses team leads assign with a due date, with reminders."""

    name = "learning.paths"
    label = "paths"
    verbose_name = "Leerlijnen en toewijzingen"
    default_auto_field = "django.db.models.BigAutoField"
