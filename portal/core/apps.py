from django.apps import AppConfig


class CoreConfig(AppConfig):
    """The kernel app: shared blocks, their templates, template filters (money), the
    abstract VersionedPage. Holds no tables of its own."""

    name = "portal.core"
    label = "core"
    verbose_name = "Kern"
    default_auto_field = "django.db.models.BigAutoField"
