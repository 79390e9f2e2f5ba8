"""Sharing a completed plan: the draft case, the guard on every field, consent, the
organisation, and the mail to the contributor."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest
from django.core import mail

from casebook.models import CasePage
from learning.contributions.mapping import TEXT_FIELDS
from learning.contributions.models import Contribution, ContributionStatus
from learning.contributions.services import ContributionRefused, contribution_submit
from learning.models import PracticePlanStatus
from portal.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db


def _submit(professional, plan, draft, *, consent=True, name_organisation=False):
    return contribution_submit(
        user=professional,
        plan=plan,
        draft=draft,
        consent=consent,
        name_organisation=name_organisation,
    )


def test_the_case_lands_as_a_draft_under_the_casebook(
    professional, completed_plan, draft, case_index, region
) -> None:
    contribution = _submit(professional, completed_plan, draft)

    case = CasePage.objects.get(pk=contribution.case_id)
    assert case.get_parent().pk == case_index.pk
    assert not case.live
    assert case.title == "Huurachterstand betaald uit bijzondere bijstand"
    assert case.situation.startswith("Een moeder en twee kinderen")
    assert case.household == "Alleenstaande moeder met twee kinderen"
    for name in (
        "perspective",
        "needs_self",
        "needs_support",
        "needs_treatment",
        "barrier",
        "breakthrough",
        "engagement",
    ):
        assert getattr(case, name) == getattr(draft, name)
    assert case.region == region
    assert case.year == draft.year
    assert case.plan_template_id == completed_plan.template_id
    assert sorted(d.name for d in case.problem_domains.all()) == ["Schulden", "Wonen"]
    [basis] = case.legal_bases.all()
    assert (basis.law.name, basis.article.article) == ("Participatiewet", "35 lid 1")
    assert basis.reasoning == "Bijzondere bijstand voor noodzakelijke kosten."
    costs = {c.domain: (c.direct, c.prevented) for c in case.costs.all()}
    assert costs == {
        "participatiewet": (Decimal("-1380.00"), Decimal("5000.00")),
        "wmo": (Decimal("0.00"), Decimal("1050.00")),
    }
    assert case.get_latest_revision() is not None  # the editors have a draft to open
    assert case.owner is None  # the page names nobody

    assert contribution.status == ContributionStatus.SUBMITTED
    assert contribution.user == professional
    assert contribution.plan == completed_plan
    assert (contribution.template_title, contribution.template_version) == ("Doorbraakplan", "2.0")
    assert contribution.consent_at is not None


def test_the_contributor_gets_a_mail_after_the_commit(
    professional, completed_plan, draft, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        _submit(professional, completed_plan, draft)

    [message] = mail.outbox
    assert message.to == ["sanne@example.org"]
    assert "is ingediend" in message.subject
    assert "http://testserver/bijdragen/" in message.body


@pytest.mark.parametrize("field", TEXT_FIELDS)
def test_every_text_field_is_guarded_and_nothing_is_stored(
    professional, completed_plan, draft, field
) -> None:
    typed = dataclasses.replace(draft, **{field: "Bel haar op 06-12345678 voor meer."})

    with pytest.raises(ContributionRefused) as refused:
        _submit(professional, completed_plan, typed)

    [message] = refused.value.errors[field]
    assert "06-12345678" in message
    assert "verwijder persoonsgegevens" in message
    assert not CasePage.objects.exists()
    assert not Contribution.objects.exists()


def test_the_reasoning_of_a_legal_basis_is_guarded(professional, completed_plan, draft) -> None:
    basis = dataclasses.replace(draft.legal_bases[0], reasoning="Haar IBAN NL91ABNA0417164300.")
    typed = dataclasses.replace(draft, legal_bases=[basis])

    with pytest.raises(ContributionRefused) as refused:
        _submit(professional, completed_plan, typed)

    [message] = refused.value.errors["legal_basis_0"]
    assert "Redenering bij Participatiewet" in message
    assert not CasePage.objects.exists()


def test_consent_of_the_household_is_required(professional, completed_plan, draft) -> None:
    with pytest.raises(ContributionRefused) as refused:
        _submit(professional, completed_plan, draft, consent=False)

    assert "toestemming" in refused.value.errors["consent"][0]
    assert not CasePage.objects.exists()


def test_the_organisation_is_named_only_when_chosen(professional, completed_plan, draft) -> None:
    contribution = _submit(professional, completed_plan, draft, name_organisation=True)
    assert contribution.name_organisation
    assert contribution.organisation == "Wijkteam Zwolle-Zuid"

    contribution.delete()
    completed_plan.refresh_from_db()
    not_named = _submit(
        professional,
        completed_plan,
        dataclasses.replace(draft, title="Een tweede casus"),
        name_organisation=False,
    )
    assert not not_named.name_organisation
    assert not_named.organisation == ""


def test_naming_an_organisation_needs_one_in_the_profile(
    completed_plan, draft, professional
) -> None:
    professional.profile.organisation = ""
    professional.profile.save()

    with pytest.raises(ContributionRefused) as refused:
        _submit(professional, completed_plan, draft, name_organisation=True)

    assert "name_organisation" in refused.value.errors


def test_only_the_owner_may_share_and_only_a_completed_plan(
    professional, completed_plan, draft
) -> None:
    with pytest.raises(ContributionRefused):
        _submit(UserFactory(), completed_plan, draft)

    completed_plan.status = PracticePlanStatus.DRAFT
    completed_plan.save()
    with pytest.raises(ContributionRefused) as refused:
        _submit(professional, completed_plan, draft)
    assert "Rond je oefenplan eerst af" in refused.value.errors["__all__"][0]


def test_a_plan_under_review_cannot_be_shared_twice(professional, completed_plan, draft) -> None:
    _submit(professional, completed_plan, draft)

    with pytest.raises(ContributionRefused) as refused:
        _submit(professional, completed_plan, dataclasses.replace(draft, title="Nog eens"))

    assert "al gedeeld" in refused.value.errors["__all__"][0]
    assert CasePage.objects.count() == 1
