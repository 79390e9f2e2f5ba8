"""Learning in the Wagtail admin.

Certificates (functions named `certificates_*`): the staff listing with its revoke
action, the accreditation report, their menu items (shown only to who may see
certificates) and the audit-log label of a revocation. The signatory is a setting
(`CertificateSettings`, under "Instellingen"). Other learning admin hooks belong in
their own clearly named functions.
"""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet

from .certificate_admin import (
    accreditation_report,
    certificate_admin_index,
    certificate_admin_revoke,
)
from .certificates import LOG_ACTION_REVOKE, user_can_view_certificates

# ---------------------------------------------------------------- certificates

_certificate_urls = (
    [
        path("", certificate_admin_index, name="index"),
        path("<int:pk>/intrekken/", certificate_admin_revoke, name="revoke"),
        path("accreditatierapport/", accreditation_report, name="accreditation_report"),
    ],
    "learning_certificates_admin",
)


class CertificatesMenuItem(MenuItem):
    def is_shown(self, request) -> bool:  # noqa: ANN001 - Wagtail's signature
        return user_can_view_certificates(user=request.user)


@hooks.register("register_admin_urls")
def certificates_admin_urls() -> list:
    return [path("certificaten/", include(_certificate_urls))]


@hooks.register("register_admin_menu_item")
def certificates_menu_item() -> MenuItem:
    return CertificatesMenuItem(
        _("Certificaten"),
        reverse("learning_certificates_admin:index"),
        name="certificates",
        icon_name="doc-full",
        order=320,
    )


@hooks.register("register_admin_menu_item")
def certificates_report_menu_item() -> MenuItem:
    return CertificatesMenuItem(
        _("Accreditatierapport"),
        reverse("learning_certificates_admin:accreditation_report"),
        name="accreditation-report",
        icon_name="table",
        order=321,
    )


@hooks.register("register_log_actions")
def certificates_log_actions(actions) -> None:  # noqa: ANN001
    actions.register_action(
        LOG_ACTION_REVOKE, _("Certificaat ingetrokken"), _("Certificaat ingetrokken")
    )


# ---------------------------------------------------------------- reports and teams
from .admin_reports import *  # noqa: E402, F403

# ---------------------------------------------------------------- plan tariffs
from .plans.admin import TariffViewSet  # noqa: E402

register_snippet(TariffViewSet)
