from django.apps import AppConfig


class AnonymisationConfig(AppConfig):
    """The anonymisation guard (kernel): finds personal data in any text a person writes.
    Used by the casebook, the learning environment, the helpline and the insights."""

    name = "portal.anonymisation"
    label = "anonymisation"
    verbose_name = "Anonimisering"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Registers the system check for deduce's cache; checks register on import.
        from . import checks  # noqa: F401, PLC0415
