"""Contributed cases in the Wagtail admin: the editors' queue (menu item "Bijdragen",
for editors and moderators) and the origin of a contributed case on its edit page."""

from __future__ import annotations

from django.contrib import messages
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from casebook.models import CasePage

from .admin_views import contribution_queue_view, user_can_review_contributions
from .selectors import contribution_for_case


class ContributionsMenuItem(MenuItem):
    def is_shown(self, request) -> bool:  # noqa: ANN001 - Wagtail's signature
        return user_can_review_contributions(user=request.user)


@hooks.register("register_admin_urls")
def contributions_admin_urls() -> list:
    return [path("bijdragen/", contribution_queue_view, name="contributions_admin_queue")]


@hooks.register("register_admin_menu_item")
def contributions_menu_item() -> MenuItem:
    return ContributionsMenuItem(
        gettext_lazy("Bijdragen"),
        reverse("contributions_admin_queue"),
        name="contributions",
        icon_name="group",
        order=330,
    )


def origin_text(*, contribution) -> str:  # noqa: ANN001 - a Contribution
    """The origin of a contributed case, as editors see it."""
    organisation = (
        contribution.organisation
        if contribution.name_organisation and contribution.organisation
        else _("organisatie niet genoemd")
    )
    return _(
        "Bijgedragen casus (%(status)s): uit een oefenplan met %(template)s, versie "
        "%(version)s; %(organisation)s. Het huishouden gaf toestemming op %(date)s."
    ) % {
        "status": contribution.get_status_display().lower(),
        "template": contribution.template_title or _("onbekend sjabloon"),
        "version": contribution.template_version or "?",
        "organisation": organisation,
        "date": contribution.consent_at.strftime("%d-%m-%Y"),
    }


@hooks.register("before_edit_page")
def contributions_origin_message(request, page):  # noqa: ANN001, ANN201 - Wagtail's signature
    if request.method != "GET" or page.specific_class is not CasePage:
        return None
    contribution = contribution_for_case(case_id=page.pk)
    if contribution is not None:
        messages.info(request, origin_text(contribution=contribution))
    return None
