"""Demo content of the helpline (found by the demo loader, portal.shell.demo): a question
of professional@ that the Hulplijn has answered (so "Mijn vragen" shows an unread answer)
and an urgent referral still waiting in the inbox. Idempotent: nothing is added when the
professional already has a thread."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model

from casebook.models import ProblemDomain, Region
from portal.accounts.demo import DEMO_EMAIL_DOMAIN
from portal.accounts.models import Role

from .models import ContactPreference, HouseholdType, Kind, Submission
from .services import submission_answer, submission_create

DEMO_AFTER = ("accounts", "casebook")

PROFESSIONAL = f"professional@{DEMO_EMAIL_DOMAIN}"
HELPLINE = f"hulplijn@{DEMO_EMAIL_DOMAIN}"


def load(**_: Any) -> Submission | None:
    users = get_user_model().objects
    professional = users.filter(email__iexact=PROFESSIONAL).first()
    staff = users.filter(email__iexact=HELPLINE).first()
    if professional is None or staff is None:
        return None
    if Submission.objects.filter(user=professional).exists():
        return None
    sender = {
        "name": professional.get_full_name() or "Pien de Professional",
        "organisation": "Huisartsenpraktijk Demodorp",
        "role": Role.POH,
        "email": professional.email,
        "contact_preference": ContactPreference.EMAIL,
        "municipality": Region.objects.order_by("name").first(),
    }
    question = submission_create(
        kind=Kind.QUESTION,
        user=professional,
        data={
            **sender,
            "question": (
                "Een gezin met een energieschuld kan geen bijzondere bijstand krijgen omdat "
                "het inkomen net boven de norm ligt. Mag de gemeente hier afwijken?"
            ),
            "related_law": "Participatiewet",
        },
    )
    submission_answer(
        submission=question,
        by=staff,
        body=(
            "Ja: artikel 35 van de Participatiewet laat ruimte voor maatwerk. Beschrijf in het "
            "plan waarom de kosten noodzakelijk zijn en welke kosten elders worden voorkomen; "
            "bel ons gerust als de consulent twijfelt."
        ),
    )
    submission_create(
        kind=Kind.REFERRAL,
        user=professional,
        data={
            **sender,
            "urgent": True,
            "situation": (
                "Alleenstaande ouder met twee kinderen, huurachterstand en een "
                "aangekondigde ontruiming; drie organisaties zijn betrokken."
            ),
            "barrier": "De schuldhulp start pas na de ontruimingsdatum.",
            "household_type": HouseholdType.SINGLE_PARENT,
            "organisations_involved": 3,
            "problem_domains": list(ProblemDomain.objects.order_by("name")[:2]),
        },
    )
    return question
