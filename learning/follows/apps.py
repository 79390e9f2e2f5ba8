from django.apps import AppConfig


class FollowsConfig(AppConfig):
    """Follows: a professional follows a standard, a plan template, a course or the lessons
    learned, and hears by mail when a new version or item is published."""

    name = "learning.follows"
    label = "follows"
    verbose_name = "Volgen"
    default_auto_field = "django.db.models.BigAutoField"
