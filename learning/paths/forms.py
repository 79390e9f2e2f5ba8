"""Forms of paths and assignments: a lead assigns a course or path; a learner's target
date. Dates are typed the Dutch way ("12-03-2026")."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from learning.models import CoursePage, Team

from .models import LearningPath
from .selectors import team_members

DUTCH_DATE_FORMATS = ["%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y", "%Y-%m-%d"]
WHOLE_TEAM = "team"
SOME_MEMBERS = "leden"
INVALID_DATE = _("Vul een datum in als dag-maand-jaar, bijvoorbeeld 12-03-2026.")


def _date_field(label: str, *, required: bool = True) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        input_formats=DUTCH_DATE_FORMATS,
        help_text=_("Als dag-maand-jaar, bijvoorbeeld 12-03-2026."),
        widget=forms.DateInput(format="%d-%m-%Y", attrs={"autocomplete": "off"}),
        error_messages={
            "invalid": _("Vul een datum in als dag-maand-jaar, bijvoorbeeld 12-03-2026.")
        },
    )


class AssignForm(forms.Form):
    what = forms.ChoiceField(label=_("Cursus of leerlijn"))
    who = forms.ChoiceField(
        label=_("Voor wie"),
        choices=[
            (WHOLE_TEAM, _("Het hele team")),
            (SOME_MEMBERS, _("Alleen de teamleden die ik kies")),
        ],
        widget=forms.RadioSelect,
        initial=WHOLE_TEAM,
    )
    members = forms.MultipleChoiceField(
        label=_("Teamleden"), required=False, widget=forms.CheckboxSelectMultiple
    )
    due_date = _date_field(_("Uiterlijk af op"))

    def __init__(self, *args: Any, team: Team, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.courses = {c.pk: c for c in CoursePage.objects.live().public().order_by("path")}
        self.paths = {p.pk: p for p in LearningPath.objects.all()}
        choices: list[Any] = [("", _("Kies een cursus of leerlijn"))]
        choices.append(
            (_("Cursussen"), [(f"course:{pk}", c.title) for pk, c in self.courses.items()])
        )
        if self.paths:
            choices.append(
                (_("Leerlijnen"), [(f"path:{pk}", p.title) for pk, p in self.paths.items()])
            )
        self.fields["what"].choices = choices
        self.fields["members"].choices = [
            (str(m.user_id), m.user.get_full_name() or m.user.get_username())
            for m in team_members(team=team)
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("who") == SOME_MEMBERS and not data.get("members"):
            self.add_error("members", _("Kies minstens één teamlid, of kies het hele team."))
        return data

    def target(self) -> dict[str, Any]:
        kind, _sep, pk = self.cleaned_data["what"].partition(":")
        if kind == "path":
            return {"path": self.paths[int(pk)]}
        return {"course": self.courses[int(pk)]}

    def user_ids(self) -> list[int] | None:
        if self.cleaned_data["who"] == WHOLE_TEAM:
            return None
        return [int(pk) for pk in self.cleaned_data["members"]]


class TargetDateForm(forms.Form):
    target_date = _date_field(_("Mijn streefdatum"), required=False)
