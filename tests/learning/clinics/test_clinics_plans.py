"""Bringing a practice plan to a session: only one's own plan, checked by the
anonymisation guard again; the facilitator of that session comments per section and the
author reads the comments."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from learning.clinics import services
from learning.clinics.factories import ClinicPlanFactory, FacilitatorFactory
from learning.clinics.selectors import plan_comments_for_owner
from learning.models import PracticePlanLegalBasis

pytestmark = pytest.mark.django_db


@pytest.fixture
def registration(session, learner):
    return services.registration_create(session=session, user=learner)


def test_attaching_an_own_anonymous_plan(registration, learner, own_plan):
    services.registration_attach_plan(registration=registration, plan=own_plan, user=learner)
    registration.refresh_from_db()
    assert registration.plan == own_plan


def test_attaching_when_registering(session, learner, own_plan):
    registration = services.registration_create(session=session, user=learner, plan=own_plan)
    assert registration.plan == own_plan


def test_the_guard_refuses_a_plan_naming_the_fragment(registration, learner, own_plan):
    # Stored before the guard existed, or imported: the guard runs again on attaching.
    own_plan.answers["doorbraak"] = "Bel mevrouw op 06-12345678 over de huur."
    own_plan.save()
    with pytest.raises(ValidationError) as error:
        services.registration_attach_plan(registration=registration, plan=own_plan, user=learner)
    [message] = error.value.messages
    assert "‘Doorbraak’" in message
    assert "06-12345678" in message
    registration.refresh_from_db()
    assert registration.plan is None


def test_the_guard_reads_the_legal_bases_too(registration, learner, own_plan):
    PracticePlanLegalBasis.objects.create(
        plan=own_plan,
        law_label="Participatiewet",
        reasoning="IBAN NL91ABNA0417164300 van het gezin",
    )
    with pytest.raises(ValidationError, match="NL91ABNA0417164300"):
        services.registration_attach_plan(registration=registration, plan=own_plan, user=learner)


def test_somebody_elses_plan_cannot_be_brought(registration, learner):
    with pytest.raises(ValidationError, match="eigen oefenplannen"):
        services.registration_attach_plan(
            registration=registration, plan=ClinicPlanFactory(), user=learner
        )


def test_the_facilitator_comments_and_the_author_reads_it(
    registration, learner, own_plan, facilitator, make_user
):
    services.registration_attach_plan(registration=registration, plan=own_plan, user=learner)
    services.plan_comment_create(
        registration=registration,
        section_key="perspectief",
        text="Maak het perspectief concreter: wat wil het gezin zelf?",
        author=facilitator,
    )
    services.plan_comment_create(
        registration=registration,
        section_key="situatie",
        text="Heldere schets.",
        author=facilitator,
    )
    groups = plan_comments_for_owner(plan=own_plan, user=learner)
    assert [g.section_heading for g in groups] == ["Situatieschets", "Perspectief"]
    assert groups[1].comments[0].text.startswith("Maak het perspectief concreter")
    assert plan_comments_for_owner(plan=own_plan, user=make_user()) == []


def test_only_the_sessions_facilitator_comments(registration, learner, own_plan):
    services.registration_attach_plan(registration=registration, plan=own_plan, user=learner)
    with pytest.raises(ValidationError, match="Alleen de begeleider"):
        services.plan_comment_create(
            registration=registration,
            section_key="situatie",
            text="Goed bezig.",
            author=FacilitatorFactory(),
        )


def test_a_comment_passes_the_guard(registration, learner, own_plan, facilitator):
    services.registration_attach_plan(registration=registration, plan=own_plan, user=learner)
    with pytest.raises(ValidationError, match="06-12345678"):
        services.plan_comment_create(
            registration=registration,
            section_key="situatie",
            text="Bel haar op 06-12345678.",
            author=facilitator,
        )
