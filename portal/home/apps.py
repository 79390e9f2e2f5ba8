from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "portal.home"
    label = "home"
    verbose_name = "Portaal"
    default_auto_field = "django.db.models.BigAutoField"
