from django.apps import AppConfig


class CoreConfig(AppConfig):
    """The kernel app: shared blocks, their templates, template filters (money), the
    abstract VersionedPage. Holds no tables of its own."""

    name = "portal.core"
    label = "core"
    verbose_name = "Kern"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db import models  # noqa: PLC0415
        from wagtail.admin.forms.models import register_form_field_override  # noqa: PLC0415

        # The field module imports Django's forms, which need the apps loaded.
        from .fields import DutchDecimalField  # noqa: PLC0415

        # Editors type amounts and hours the Dutch way in every admin form too.
        register_form_field_override(
            models.DecimalField, override={"form_class": DutchDecimalField}
        )

        # Cached views of the page tree (menu, outlines) start afresh when it changes.
        from .page_cache import page_cache_connect  # noqa: PLC0415

        page_cache_connect()

        # Whether to draw Wagtail's user bar, remembered until permissions change.
        from .admin_access import admin_access_connect  # noqa: PLC0415

        admin_access_connect()
