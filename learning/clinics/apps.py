from django.apps import AppConfig


class ClinicsConfig(AppConfig):
    """Case clinics (kraak-en-maak-sessies): sessions IPW schedules, registrations with a
    waiting list, plans brought to a session and the facilitator's comments, attendance."""

    name = "learning.clinics"
    label = "clinics"
    verbose_name = "Kraak-en-maak-sessies"
    default_auto_field = "django.db.models.BigAutoField"
