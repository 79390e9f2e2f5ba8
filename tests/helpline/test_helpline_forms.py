"""The public forms: what a professional or referrer sees when they send a question or
a referral, including refusals (personal data, missing consent, size limits, honeypot)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from portal.helpline.models import Kind, Status, Submission

pytestmark = pytest.mark.django_db


def test_question_is_stored_and_confirmed_with_a_reference_number(client, site_root, question_post):
    response = client.post(reverse("helpline_question"), question_post(urgent="on"), follow=True)

    submission = Submission.objects.get()
    assert submission.kind == Kind.QUESTION
    assert submission.status == Status.NEW
    assert submission.urgent is True
    assert re.fullmatch(r"HL-\d{4}-\d{6}", submission.reference)
    html = response.content.decode()
    assert "Je vraag is ontvangen" in html
    assert submission.reference in html
    assert submission.user is None


def test_referral_is_stored_with_consent_time_and_am_reference(client, site_root, referral_post):
    response = client.post(reverse("helpline_referral"), referral_post(), follow=True)

    submission = Submission.objects.get()
    assert submission.kind == Kind.REFERRAL
    assert submission.reference.startswith("AM-")
    assert submission.consent_confirmed_at is not None
    assert submission.situation.startswith("Gezin met schulden")
    assert "Je aanmelding is ontvangen" in response.content.decode()


def test_referral_without_consent_is_refused_and_keeps_the_text(client, site_root, referral_post):
    data = referral_post()
    del data["consent"]

    response = client.post(reverse("helpline_referral"), data)

    html = response.content.decode()
    assert response.status_code == 200
    assert not Submission.objects.exists()
    assert "Bevestig dat het huishouden toestemming heeft gegeven" in html
    assert "Gezin met schulden, dreigende huisuitzetting" in html  # typed text kept
    # The error summary links to the field; the field points at its error message.
    assert 'href="#id_consent"' in html
    assert 'aria-describedby="id_consent_error"' in html or "id_consent_error" in html


def test_forms_never_ask_for_the_households_personal_data(client, site_root):
    for url in (reverse("helpline_question"), reverse("helpline_referral")):
        html = client.get(url).content.decode()
        for forbidden in ("bsn", "geboortedatum", "birth", "postcode", "household_name"):
            assert f'name="{forbidden}' not in html.lower()


@pytest.mark.parametrize(
    ("field", "text", "kind_label"),
    [
        ("question", "Mevrouw Jansen heeft BSN 111222333 en loopt vast.", "een BSN"),
        ("barrier", "Het gezin woont aan de Kerkstraat 12 in Utrecht.", "een adres"),
        ("question", "Bel de moeder op 06-12345678 voor de details.", "een telefoonnummer"),
    ],
)
def test_guard_refuses_personal_data_in_the_question_and_keeps_the_text(
    client, site_root, field, text, kind_label, question_post
):
    response = client.post(reverse("helpline_question"), question_post(**{field: text}))

    html = response.content.decode()
    assert not Submission.objects.exists()
    assert kind_label in html
    assert "verwijder persoonsgegevens" in html
    assert text.split()[0] in html  # what was typed is still in the field
    assert f'href="#id_{field}"' in html


def test_guard_refuses_personal_data_in_the_referral_situation(client, site_root, referral_post):
    response = client.post(
        reverse("helpline_referral"),
        referral_post(situation="Meneer De Vries, geboren 12-03-1961, heeft schulden."),
    )

    assert not Submission.objects.exists()
    assert "Korte schets van de situatie" in response.content.decode()
    assert "verwijder persoonsgegevens" in response.content.decode()


def test_the_professionals_own_contact_details_are_accepted(client, site_root, question_post):
    # Name, e-mail and phone of the professional are asked for: the guard only reads the
    # free text about the situation.
    client.post(reverse("helpline_question"), question_post())
    assert Submission.objects.get().phone == "030 123 45 67"


def test_size_limits_are_enforced_with_a_message(client, site_root, question_post):
    response = client.post(reverse("helpline_question"), question_post(question="a" * 4001))

    assert not Submission.objects.exists()
    assert "4000" in response.content.decode()


def test_honeypot_submission_is_not_stored(client, site_root, question_post):
    response = client.post(reverse("helpline_question"), question_post(extra_veld="http://spam"))

    assert response.status_code == 200
    assert not Submission.objects.exists()
    assert "kon niet worden verstuurd" in response.content.decode()


def test_honeypot_is_hidden_from_people_and_assistive_technology(client, site_root):
    html = client.get(reverse("helpline_question")).content.decode()

    wrapper = re.search(
        r'<div class="portal-visually-hidden" aria-hidden="true">(.*?)</div>', html, re.S
    )
    assert wrapper, "honeypot wrapper missing"
    assert 'name="extra_veld"' in wrapper.group(1)
    assert 'tabindex="-1"' in wrapper.group(1)
    assert 'autocomplete="off"' in wrapper.group(1)


def test_forms_are_protected_against_csrf(site_root, question_post):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post(reverse("helpline_question"), question_post())

    assert response.status_code == 403
    assert not Submission.objects.exists()


def test_logged_in_professional_gets_the_form_prefilled(client, professional, site_root):
    client.force_login(professional)

    form = client.get(reverse("helpline_question")).context["form"]

    assert form["name"].value() == "Sanne de Wit"
    assert form["email"].value() == "sanne.dewit@wijkteam.example.org"
    assert form["organisation"].value() == "Wijkteam Noord"
    assert form["role"].value() == "wijkteam"


def test_question_from_a_page_carries_that_page_along(
    client, professional, site_root, question_post
):
    client.force_login(professional)
    page_path = site_root.url

    response = client.get(reverse("helpline_question"), {"context": page_path})
    assert response.context["form"]["context_url"].value() == page_path
    assert site_root.title in response.content.decode()

    client.post(reverse("helpline_question"), question_post(context_url=page_path))
    submission = Submission.objects.get()
    assert submission.context_url == page_path
    assert submission.context_title == site_root.title
    assert submission.user == professional


def test_restricted_page_title_is_not_shown_as_context(client, site_root):
    from wagtail.models import PageViewRestriction

    from portal.home.factories import ContentPageFactory

    private = ContentPageFactory(parent=site_root, title="Besloten pagina", slug="besloten")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)

    response = client.get(reverse("helpline_question"), {"context": private.url})
    assert "Besloten pagina" not in response.content.decode()


def test_context_from_the_referer_header_on_this_site(client, site_root):
    response = client.get(
        reverse("helpline_question"), HTTP_REFERER="http://testserver/casussen/een-casus/"
    )
    assert response.context["form"]["context_url"].value() == "/casussen/een-casus/"


@pytest.mark.parametrize(
    "bad", ["https://evil.example.org/", "//evil.example.org/x", "javascript:alert(1)", "/\\evil"]
)
def test_context_must_be_a_local_path(client, site_root, bad, question_post):
    response = client.get(reverse("helpline_question"), {"context": bad})
    assert response.context["form"]["context_url"].value() == ""

    client.post(reverse("helpline_question"), question_post(context_url=bad))
    assert Submission.objects.get().context_url == ""


def test_context_from_another_sites_referer_is_ignored(client, site_root):
    response = client.get(reverse("helpline_question"), HTTP_REFERER="https://elders.example/x/")
    assert response.context["form"]["context_url"].value() == ""


def test_confirmation_page_shows_only_the_own_submission(client, site_root, question_post):
    from django.test import Client

    client.post(reverse("helpline_question"), question_post())
    other_browser = Client()

    response = other_browser.get(reverse("helpline_confirmation"))

    assert response.status_code == 302
    assert response["Location"] == reverse("helpline_question")


def test_help_button_carries_the_current_page(rf, site_root):
    from django.template import Context, Template

    request = rf.get("/casussen/een-casus/?tab=plan")
    html = Template('{% include "helpline/includes/help_button.html" %}').render(
        Context({"request": request})
    )
    assert "Hulp nodig?" in html
    assert 'href="/hulplijn/?context=%2Fcasussen%2Feen-casus%2F%3Ftab%3Dplan"' in html


def test_phone_is_needed_only_when_someone_wants_to_be_called(client, site_root, question_post):
    response = client.post(
        reverse("helpline_question"), question_post(phone="", contact_preference="phone")
    )
    assert response.status_code == 200
    assert "zodat IPW je kan terugbellen" in response.content.decode()
    assert not Submission.objects.exists()

    client.post(reverse("helpline_question"), question_post(phone="", contact_preference="email"))
    assert Submission.objects.get().phone == ""


def test_a_referral_always_needs_a_phone_number(client, site_root, referral_post):
    response = client.post(
        reverse("helpline_referral"), referral_post(phone="", contact_preference="email")
    )
    assert response.status_code == 200
    assert not Submission.objects.exists()
