"""Rules for writing standards."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .models import StandardPage


def standard_supersedes_validate(*, standard: StandardPage) -> None:
    """Check the "vervangt" link of a standard before it is saved.

    A standard cannot replace itself, may only replace an older (or same-day) version, and
    a version can be replaced by one newer version only, so "vervangen door" stays
    unambiguous. Raises a ValidationError on the `supersedes` field, in Dutch.
    """
    older = standard.supersedes
    if older is None:
        return
    if standard.pk is not None and older.pk == standard.pk:
        raise ValidationError({"supersedes": _("Een standaard kan zichzelf niet vervangen.")})
    if (
        standard.effective_date is not None
        and older.effective_date is not None
        and older.effective_date > standard.effective_date
    ):
        raise ValidationError(
            {
                "supersedes": _(
                    "De vervangen versie (%(version)s) heeft een latere ingangsdatum "
                    "(%(date)s) dan deze versie. Kies een oudere versie of pas de "
                    "ingangsdatum aan."
                )
                % {"version": older.version, "date": date_format(older.effective_date, "j F Y")}
            }
        )
    # Walk the chain of older versions: this standard may not appear in it (a cycle).
    seen: set[int] = set()
    current: StandardPage | None = older
    while current is not None and current.pk not in seen:
        if standard.pk is not None and current.supersedes_id == standard.pk:
            raise ValidationError(
                {
                    "supersedes": _(
                        "Deze keuze maakt een kring: %(title)s vervangt (via andere versies) "
                        "deze standaard al."
                    )
                    % {"title": older.title}
                }
            )
        seen.add(current.pk)
        current = current.supersedes
    other = (
        StandardPage.objects.filter(supersedes=older)
        .exclude(pk=standard.pk)
        .only("title", "version")
        .first()
    )
    if other is not None:
        raise ValidationError(
            {
                "supersedes": _(
                    "Versie %(version)s wordt al vervangen door %(title)s (versie "
                    "%(other_version)s). Een versie kan maar door één nieuwere versie worden "
                    "vervangen."
                )
                % {"version": older.version, "title": other.title, "other_version": other.version}
            }
        )
