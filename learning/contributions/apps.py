from django.apps import AppConfig


class ContributionsConfig(AppConfig):
    """Breakthroughs professionals contribute: a completed practice plan shared as an
    anonymised example case, reviewed by IPW's editors before it is published."""

    name = "learning.contributions"
    label = "contributions"
    verbose_name = "Bijdragen"
    default_auto_field = "django.db.models.BigAutoField"
