"""Profiles of the professionals who use the portal.

First and last name live on Django's user model (``first_name``/``last_name``), where
Wagtail's user admin and ``get_full_name()`` (certificates) already read them; the
profile holds what Django's user model does not: organisation, role and register numbers.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    HUISARTS = "huisarts", _("Huisarts")
    POH = "poh", _("Praktijkondersteuner (POH)")
    WELZIJNSCOACH = "welzijnscoach", _("Welzijnscoach")
    MEDISCH_MAATSCHAPPELIJK_WERKER = "mmw", _("Medisch maatschappelijk werker")
    CONSULENT_SOCIAAL_DOMEIN = "consulent", _("Consulent sociaal domein")
    WIJKTEAM = "wijkteam", _("Medewerker wijkteam")
    BELEIDSMEDEWERKER = "beleidsmedewerker", _("Beleidsmedewerker")
    ANDERS = "anders", _("Anders")


class Profile(models.Model):
    guard_exempt = {
        "organisation": "the professional's own employer, printed on certificates",
        "registerplein_number": "the professional's own register number, needed for accreditation",
        "skj_number": "the professional's own register number, needed for accreditation",
        "big_number": "the professional's own register number, needed for accreditation",
        "work_phone": "the professional's own work number, for the helpline to call back",
    }
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="profile",
        verbose_name=_("gebruiker"),
    )
    organisation = models.CharField(_("organisatie"), max_length=200)
    role = models.CharField(_("functie"), max_length=32, choices=Role.choices)
    registerplein_number = models.CharField(
        _("registratienummer Registerplein"), max_length=20, blank=True
    )
    skj_number = models.CharField(_("registratienummer SKJ"), max_length=20, blank=True)
    big_number = models.CharField(_("BIG-nummer"), max_length=20, blank=True)
    work_phone = models.CharField(_("telefoonnummer (werk)"), max_length=30, blank=True)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("bijgewerkt op"), auto_now=True)

    class Meta:
        verbose_name = _("profiel")
        verbose_name_plural = _("profielen")
        ordering = ["user__last_name", "user__first_name"]

    def __str__(self) -> str:
        return self.user.get_full_name() or self.user.get_username()
