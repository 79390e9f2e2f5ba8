"""The demo team "Wijkteam Oost": teamleider@ leads it, the demo learners are members,
so the team lead sees one colleague who finished, one who just enrolled and one who is
still working on a final test. Found by name; memberships are only added when missing
(an editor's later change of a role is left alone)."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser

from learning.models import Team, TeamKind, TeamMembership, TeamRole
from learning.teams import team_membership_set

from .learners import TEAM_LEAD

TEAM_NAME = "Wijkteam Oost"
TEAM_ORGANISATION = "Gemeente Demodorp"


def team_load(*, members: Iterable[AbstractBaseUser]) -> Team:
    team, _created = Team.objects.get_or_create(
        name=TEAM_NAME,
        defaults={"kind": TeamKind.WIJKTEAM, "organisation": TEAM_ORGANISATION},
    )
    lead = get_user_model().objects.get(email__iexact=TEAM_LEAD)
    wanted = [(lead, TeamRole.LEAD)] + [(user, TeamRole.MEMBER) for user in members]
    existing = set(TeamMembership.objects.filter(team=team).values_list("user_id", flat=True))
    for user, role in wanted:
        if user.pk not in existing:
            team_membership_set(team=team, user=user, role=role)
    return team
