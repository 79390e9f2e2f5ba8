"""Teams: a wijkteam, a GP practice or a municipality's team, with members and leads.

Who may see a team's progress follows from the memberships alone: a user with a `lead`
membership of a team sees that team, nobody else does (see `learning.teams`). The
"Teamleider" group mirrors the lead memberships (kept in step by
`learning.teams.team_lead_group_sync`), so administrators can find the leads in the
user admin; it grants nothing by itself.

The permission `view_course_report` (the editors' course report in the admin) is
declared here because Django needs a model to hang a custom permission on; it is about
courses, not teams.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel


class TeamKind(models.TextChoices):
    WIJKTEAM = "wijkteam", "Wijkteam"
    HUISARTSENPRAKTIJK = "huisartsenpraktijk", "Huisartsenpraktijk"
    GEMEENTELIJK_TEAM = "gemeentelijk_team", "Gemeentelijk team"
    ANDERS = "anders", "Anders"


class TeamRole(models.TextChoices):
    MEMBER = "member", "Lid"
    LEAD = "lead", "Teamleider"


class Team(ClusterableModel):
    guard_exempt = {
        "name": "the name of a team of professionals",
        "organisation": "the team's employer",
    }
    name = models.CharField("naam", max_length=120)
    kind = models.CharField("soort team", max_length=30, choices=TeamKind.choices)
    organisation = models.CharField(
        "organisatie",
        max_length=200,
        help_text="Bijvoorbeeld de gemeente, de huisartsenpraktijk of de welzijnsorganisatie.",
    )
    created_at = models.DateTimeField("aangemaakt op", auto_now_add=True)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = "team"
        verbose_name_plural = "teams"
        permissions = [("view_course_report", "Kan de cursusrapportage bekijken")]

    def __str__(self) -> str:
        return f"{self.name} ({self.organisation})"


class TeamMembership(models.Model):
    team = ParentalKey(
        Team, verbose_name="team", on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="gebruiker",
        on_delete=models.CASCADE,
        related_name="team_memberships",
    )
    role = models.CharField("rol", max_length=10, choices=TeamRole.choices, default=TeamRole.MEMBER)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["team", "user"], name="learning_unique_team_member")
        ]
        verbose_name = "teamlid"
        verbose_name_plural = "teamleden"

    def __str__(self) -> str:
        return f"{self.user} – {self.team.name} ({self.get_role_display()})"
