from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "portal.home"
    label = "home"
    verbose_name = "Portaal"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Registries are filled once every app (and so every model) is loaded.
        from .search import register_home_types  # noqa: PLC0415

        register_home_types()

        # The footer is cached with the page tree (templates/includes/footer.html).
        from django.db.models.signals import post_save  # noqa: PLC0415

        from portal.core.page_cache import page_tree_changed  # noqa: PLC0415

        from .models import FooterSettings  # noqa: PLC0415

        post_save.connect(
            lambda **_kwargs: page_tree_changed(),
            sender=FooterSettings,
            weak=False,
            dispatch_uid="portal.home.footer_settings_saved",
        )
