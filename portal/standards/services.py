"""Rules for writing standards."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from portal.core.versioning import VersionWording, version_supersedes_validate

from .models import StandardPage

STANDARD_WORDING = VersionWording(
    cannot_replace_itself=_("Een standaard kan zichzelf niet vervangen."),
    this_page=_("deze standaard"),
)


def standard_supersedes_validate(*, standard: StandardPage) -> None:
    """Check the "vervangt" link of a standard before it is saved.

    A standard cannot replace itself, may only replace an older (or same-day) version, and
    a version can be replaced by one newer version only, so "vervangen door" stays
    unambiguous. Raises a ValidationError on the `supersedes` field, in Dutch.
    """
    version_supersedes_validate(page=standard, wording=STANDARD_WORDING)
