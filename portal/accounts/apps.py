from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "portal.accounts"
    label = "accounts"
    verbose_name = "Accounts"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in  # noqa: PLC0415

        # The middleware module imports the models (through the selectors).
        from .middleware import note_login  # noqa: PLC0415

        user_logged_in.connect(note_login, dispatch_uid="portal.accounts.note_login")
