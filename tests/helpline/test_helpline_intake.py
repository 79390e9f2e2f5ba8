"""Structured intake: the municipality from the region list (or "anders" with a name), a
referral's problem domains, household type, number of organisations and barrier; the
report groups by them. The promise on the confirmation page; the contact choice follows
the profile's work phone."""

from __future__ import annotations

from datetime import datetime

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from casebook.factories import ProblemDomainFactory, RegionFactory
from portal.accounts.factories import ProfileFactory, client_login_with_mfa
from portal.helpline.due import AMSTERDAM
from portal.helpline.factories import ReferralFactory, SubmissionFactory
from portal.helpline.models import HouseholdType, Submission
from portal.helpline.selectors import submission_report

pytestmark = pytest.mark.django_db


@pytest.fixture
def utrecht():
    return RegionFactory(name="Utrecht")


def test_question_picks_the_municipality_from_the_list(client, site_root, question_post, utrecht):
    form = BeautifulSoup(client.get(reverse("helpline_question")).content, "html.parser")
    options = [o.get_text() for o in form.select("#id_municipality option")]
    assert "Utrecht" in options and options[-1] == "Anders, namelijk …"

    client.post(reverse("helpline_question"), question_post(municipality=str(utrecht.pk)))

    submission = Submission.objects.get()
    assert submission.municipality == utrecht
    assert submission.region == ""


def test_anders_needs_a_name_and_a_listed_name_counts_as_listed(
    client, site_root, question_post, utrecht
):
    response = client.post(
        reverse("helpline_question"), question_post(municipality="anders", region="")
    )
    assert "Vul de naam van de gemeente in." in response.content.decode()
    assert not Submission.objects.exists()

    client.post(reverse("helpline_question"), question_post(municipality="anders", region="Zeist"))
    client.post(
        reverse("helpline_question"), question_post(municipality="anders", region=" utrecht ")
    )
    zeist, typed_utrecht = Submission.objects.order_by("pk")
    assert (zeist.municipality, zeist.region) == (None, "Zeist")
    assert typed_utrecht.municipality == utrecht


def test_referral_asks_structured_facts_never_the_households_identity(
    client, site_root, referral_post, utrecht
):
    debts = ProblemDomainFactory(name="Schulden")
    housing = ProblemDomainFactory(name="Wonen")

    response = client.post(
        reverse("helpline_referral"),
        referral_post(
            municipality=str(utrecht.pk),
            problem_domains=[debts.pk, housing.pk],
            household_type=HouseholdType.SINGLE_PARENT,
            organisations_involved="5",
            barrier="De wachtlijst voor schuldhulp is drie maanden.",
        ),
    )

    assert response.status_code == 302
    referral = Submission.objects.get()
    assert set(referral.problem_domains.all()) == {debts, housing}
    assert referral.household_type == HouseholdType.SINGLE_PARENT
    assert referral.organisations_involved == 5
    assert referral.barrier.startswith("De wachtlijst")


@pytest.mark.parametrize(
    ("typed", "message"),
    [("vijf", "Vul een heel getal in, bijvoorbeeld 4."), ("3,5", "Vul een heel getal in")],
)
def test_number_of_organisations_gets_a_dutch_message_and_keeps_the_text(
    client, site_root, referral_post, typed, message
):
    response = client.post(
        reverse("helpline_referral"), referral_post(organisations_involved=typed)
    )
    html = response.content.decode()
    assert message in html
    assert f'value="{typed}"' in html
    assert not Submission.objects.exists()


def test_report_groups_by_municipality_domain_and_household(utrecht):
    march = datetime(2026, 3, 2, 10, tzinfo=AMSTERDAM)
    debts = ProblemDomainFactory(name="Schulden")
    SubmissionFactory(received_at=march, municipality=utrecht, region="")
    SubmissionFactory(received_at=march, municipality=None, region="utrecht")  # from before
    referral = ReferralFactory(
        received_at=march, municipality=utrecht, household_type=HouseholdType.SINGLE
    )
    referral.problem_domains.set([debts])

    report = submission_report(year=2026, month=3, now=march)

    assert [(row.label, row.volume) for row in report.by_region] == [("Utrecht", 3)]
    assert [(row.label, row.volume) for row in report.by_domain] == [("Schulden", 1)]
    assert [(row.label, row.volume) for row in report.by_household_type] == [("Alleenstaand", 1)]


def test_confirmation_says_when_an_urgent_question_moves_to_the_next_day(client, site_root):
    friday = datetime(2026, 12, 4, 16, 59, tzinfo=AMSTERDAM)
    submission = SubmissionFactory(received_at=friday, urgent=True)
    session = client.session
    session["helpline_last_submission"] = submission.pk
    session.save()

    page = BeautifulSoup(client.get(reverse("helpline_confirmation")).content, "html.parser")

    due = page.select_one('[data-testid="helpline-due"]').get_text(" ", strip=True)
    assert due.startswith("maandag 7 december 2026 om 11:00")
    notice = page.select_one('[data-testid="helpline-urgent-next-day"]').get_text(" ")
    assert "minder dan twee werkuren" in notice


def test_confirmation_mail_says_when(professional):
    from portal.helpline.mail import confirmation_mail

    friday = datetime(2026, 12, 4, 16, 59, tzinfo=AMSTERDAM)
    submission = SubmissionFactory(received_at=friday, urgent=True, user=professional)

    body = confirmation_mail(submission).body

    assert "maandag 7 december 2026 om 11:00 uur" in body
    assert "minder dan twee werkuren" in body
    assert submission.get_thread_url() in body


def test_contact_choice_follows_the_profile(client, site_root):
    without_phone = ProfileFactory(work_phone="").user
    with_phone = ProfileFactory(work_phone="030 123 45 67").user

    client_login_with_mfa(client, without_phone)
    page = BeautifulSoup(client.get(reverse("helpline_question")).content, "html.parser")
    assert page.select_one('input[name="contact_preference"][checked]')["value"] == "email"

    client_login_with_mfa(client, with_phone)
    page = BeautifulSoup(client.get(reverse("helpline_question")).content, "html.parser")
    assert page.select_one('input[name="contact_preference"][checked]')["value"] == "phone"
    assert page.select_one('input[name="phone"]')["value"] == "030 123 45 67"
