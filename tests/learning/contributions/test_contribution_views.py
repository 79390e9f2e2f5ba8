"""What the professional and the editors see: the share form beside the plan, its error
messages, "Mijn bijdragen", withdrawal, the links, the admin queue and origin, and the
organisation on the public case page."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from casebook.models import CasePage, Phase, ProblemDomain
from learning.contributions.models import Contribution, ContributionStatus
from learning.contributions.services import contribution_submit
from learning.models import PracticePlanStatus
from portal.accounts.factories import UserFactory, client_login_with_mfa

pytestmark = pytest.mark.django_db


def _soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def logged_in(client, professional):
    client.force_login(professional)
    return client


def _post_data(response, **changes) -> dict:
    """The share form as the browser would send it: every prefilled value, plus choices."""
    soup = _soup(response)
    form = soup.select_one("form.contribution-share__form")
    data: dict = {}
    for field in form.select("input, textarea, select"):
        name = field.get("name")
        if not name:
            continue
        if field.name == "textarea":
            data[name] = field.text.lstrip("\n")
        elif field.get("type") in ("checkbox", "radio"):
            if field.has_attr("checked"):
                data.setdefault(name, []).append(field["value"])
        elif field.name == "select":
            chosen = field.select_one("option[selected]")
            data[name] = chosen["value"] if chosen else ""
        else:
            data[name] = field.get("value", "")
    data.update(changes)
    return data


@pytest.fixture
def share_url(completed_plan) -> str:
    return reverse("contributions:share", args=[completed_plan.pk])


def test_the_share_form_is_prefilled_from_the_plan_beside_it(logged_in, share_url) -> None:
    response = logged_in.get(share_url)

    soup = _soup(response)
    assert response.status_code == 200
    assert soup.h1.get_text() == "Deel als voorbeeldcasus"
    plan_column = soup.select_one(".contribution-share__plan")
    assert "Moeder Anna en twee kinderen" in plan_column.get_text()
    assert soup.select_one("#id_situation").text.strip().startswith("Moeder Anna")
    assert soup.select_one("#id_title")["value"] == "Huur"
    assert soup.select_one("#id_legal_basis_0").text.strip().startswith("Bijzondere bijstand")
    assert (
        soup.find("label", attrs={"for": "id_legal_basis_0"})
        .get_text()
        .startswith("Redenering bij Participatiewet")
    )
    costs = soup.select_one("table")
    assert costs.caption.get_text().startswith("Kosten en baten per wetsdomein")
    assert "5.000,00" in costs.get_text()
    checked = {
        box.find_parent("label").get_text(strip=True) if box.find_parent("label") else box["value"]
        for box in soup.select("input[name=problem_domains][checked]")
    }
    assert checked  # suggested from the plan's text
    assert "Wijkteam Zwolle-Zuid" in soup.select_one("#id_name_organisation").get_text()


def test_sharing_creates_the_draft_and_shows_it_in_mijn_bijdragen(
    logged_in, share_url, region
) -> None:
    form = logged_in.get(share_url)
    wonen = ProblemDomain.objects.get(name="Wonen")
    data = _post_data(
        form,
        title="Huurachterstand betaald uit bijzondere bijstand",
        situation="Een moeder met twee kinderen; schulden en een dreigende huisuitzetting.",
        household="Moeder met twee kinderen",
        phase=Phase.EERSTE_NOOD,
        region=str(region.pk),
        problem_domains=[str(wonen.pk)],
        consent="on",
        name_organisation="ja",
    )

    response = logged_in.post(share_url, data, follow=True)

    assert response.redirect_chain[-1][0] == reverse("contributions:list")
    soup = _soup(response)
    assert "is ingediend" in soup.select_one(".portal-messages").get_text()
    card = soup.select_one(".contribution")
    assert "Huurachterstand betaald uit bijzondere bijstand" in card.h2.get_text()
    assert "Ingediend" in card.select_one(".contribution-status").get_text()
    assert "Wijkteam Zwolle-Zuid" in card.get_text()
    case = CasePage.objects.get()
    assert not case.live
    assert list(case.problem_domains.all()) == [wonen]


def test_personal_data_is_refused_at_its_field_and_the_text_is_kept(
    logged_in, share_url, region
) -> None:
    form = logged_in.get(share_url)
    typed = "Moeder Anna woont op Dorpsstraat 12 en belt via 06-12345678."
    data = _post_data(
        form,
        situation=typed,
        household="Moeder met twee kinderen",
        phase=Phase.EERSTE_NOOD,
        region=str(region.pk),
        consent="on",
    )

    response = logged_in.post(share_url, data)

    assert response.status_code == 400
    soup = _soup(response)
    summary = soup.select_one(".portal-error-summary")
    assert summary.h2.get_text() == "Je casus is nog niet ingediend"
    assert summary.select_one("a[href='#id_situation']")
    field = soup.select_one("#id_situation")
    assert field.text.strip() == typed
    assert field["aria-invalid"] == "true"
    error = soup.select_one(f"#{field['aria-describedby'].split()[-1]}").get_text()
    assert "06-12345678" in error and "verwijder persoonsgegevens" in error
    assert not CasePage.objects.exists()


def test_without_consent_nothing_is_shared(logged_in, share_url, region) -> None:
    form = logged_in.get(share_url)
    data = _post_data(form, household="Gezin", phase=Phase.STABILISEREN, region=str(region.pk))

    response = logged_in.post(share_url, data)

    assert response.status_code == 400
    summary = _soup(response).select_one(".portal-error-summary").get_text()
    assert "toestemming" in summary
    assert not Contribution.objects.exists()


def test_an_unfinished_or_someone_elses_plan(client, completed_plan, share_url) -> None:
    client.force_login(UserFactory())
    assert client.get(share_url).status_code == 404

    client.force_login(completed_plan.owner)
    completed_plan.status = PracticePlanStatus.DRAFT
    completed_plan.save()
    response = client.get(share_url)
    assert response.status_code == 409
    assert "zodra het plan is afgerond" in _soup(response).get_text()


def test_the_plan_page_offers_sharing_only_when_complete(logged_in, completed_plan) -> None:
    url = reverse("practice_plan_detail", args=[completed_plan.pk])
    link = _soup(logged_in.get(url)).find("a", string="Deel als voorbeeldcasus")
    assert link["href"] == reverse("contributions:share", args=[completed_plan.pk])

    completed_plan.status = PracticePlanStatus.DRAFT
    completed_plan.save()
    assert _soup(logged_in.get(url)).find("a", string="Deel als voorbeeldcasus") is None


def test_the_dashboard_links_mijn_bijdragen(logged_in) -> None:
    soup = _soup(logged_in.get(reverse("learning_dashboard")))
    assert soup.find("a", string="Mijn bijdragen")["href"] == reverse("contributions:list")


def _contribution(professional, plan, draft, **kwargs):
    return contribution_submit(
        user=professional,
        plan=plan,
        draft=draft,
        consent=True,
        name_organisation=kwargs.get("name_organisation", False),
    )


def test_mijn_bijdragen_shows_the_reason_and_the_published_link(
    logged_in, professional, completed_plan, draft, editor, moderator
) -> None:
    contribution = _contribution(professional, completed_plan, draft)
    case = contribution.case
    state = case.get_workflow().start(case, editor)
    task_state = state.current_task_state
    task_state.task.specific.on_action(task_state, moderator, "reject", comment="Te algemeen.")

    card = _soup(logged_in.get(reverse("contributions:list"))).select_one(".contribution")
    assert card.select_one(".contribution-status").get_text() == "Teruggestuurd"
    assert card.select_one(".contribution-reason").get_text() == "Te algemeen."

    state.refresh_from_db()
    state.resume(editor)
    state.refresh_from_db()
    task_state = state.current_task_state
    task_state.task.specific.on_action(task_state, moderator, "approve")
    case.refresh_from_db()

    card = _soup(logged_in.get(reverse("contributions:list"))).select_one(".contribution")
    assert card.select_one(".contribution-status").get_text() == "Gepubliceerd"
    assert card.h2.a["href"] == case.url
    assert card.find("a", string=lambda s: s and "Intrekken" in s) is None


def test_withdrawing_asks_first_then_deletes_the_draft(
    logged_in, professional, completed_plan, draft
) -> None:
    contribution = _contribution(professional, completed_plan, draft)
    url = reverse("contributions:withdraw", args=[contribution.pk])

    confirm = _soup(logged_in.get(url))
    assert confirm.h1.get_text() == "Bijdrage intrekken"
    assert confirm.select_one(f"form[method=post][action='{url}'] button")
    assert CasePage.objects.exists()

    response = logged_in.post(url, follow=True)

    assert "ingetrokken" in _soup(response).select_one(".portal-messages").get_text()
    assert not CasePage.objects.exists()
    contribution.refresh_from_db()
    assert contribution.status == ContributionStatus.WITHDRAWN


def test_someone_elses_contribution_is_not_found(client, professional, completed_plan, draft):
    contribution = _contribution(professional, completed_plan, draft)
    client.force_login(UserFactory())
    assert client.get(reverse("contributions:withdraw", args=[contribution.pk])).status_code == 404
    assert client.post(reverse("contributions:withdraw", args=[contribution.pk])).status_code == 404
    assert CasePage.objects.exists()


# ----------------------------------------------------------------------- editors


def test_editors_see_the_queue_and_the_origin_on_the_case(
    client, professional, completed_plan, draft, editor
) -> None:
    contribution = _contribution(professional, completed_plan, draft, name_organisation=True)
    client_login_with_mfa(client, editor)

    queue = _soup(client.get(reverse("contributions_admin_queue")))
    row = queue.select_one("table.listing tbody tr")
    assert "Huurachterstand betaald uit bijzondere bijstand" in row.get_text()
    assert "Doorbraakplan, versie 2.0" in row.get_text()
    assert "Wijkteam Zwolle-Zuid" in row.get_text()
    assert "0 dagen" in row.get_text()
    assert row.a["href"] == reverse("wagtailadmin_pages:edit", args=[contribution.case_id])
    assert "sanne" not in row.get_text().lower()  # never the person

    edit = client.get(reverse("wagtailadmin_pages:edit", args=[contribution.case_id]))
    assert "Bijgedragen casus (ingediend)" in edit.content.decode()
    assert "Doorbraakplan, versie 2.0; Wijkteam Zwolle-Zuid" in edit.content.decode()


def test_the_queue_is_for_editors_and_moderators_only(client, moderator) -> None:
    learner = UserFactory()
    client.force_login(learner)
    assert client.get(reverse("contributions_admin_queue")).status_code in (302, 403)

    client_login_with_mfa(client, moderator)
    response = client.get(reverse("contributions_admin_queue"))
    assert response.status_code == 200
    assert "Er wachten geen bijdragen." in response.content.decode()


# ----------------------------------------------------------------------- the public


@pytest.mark.parametrize("named", [True, False])
def test_the_published_case_names_the_organisation_only_when_chosen(
    client, professional, completed_plan, draft, editor, moderator, named
) -> None:
    contribution = _contribution(professional, completed_plan, draft, name_organisation=named)
    case = contribution.case
    state = case.get_workflow().start(case, editor)
    task_state = state.current_task_state
    task_state.task.specific.on_action(task_state, moderator, "approve")
    case.refresh_from_db()

    page = client.get(case.url)

    text = _soup(page).get_text()
    assert ("Wijkteam Zwolle-Zuid" in text) is named
    assert ("Bijgedragen door" in text) is named
    assert "Sanne" not in text and "de Vries" not in text


def test_personal_data_and_missing_answers_are_named_together(logged_in, share_url) -> None:
    form = logged_in.get(share_url)
    data = _post_data(form, household="", barrier="Mail haar op anna@example.org.")

    response = logged_in.post(share_url, data)

    summary = _soup(response).select_one(".portal-error-summary").get_text()
    assert "Vul ‘Huishouden’ in." in summary
    assert "anna@example.org" in summary
    assert "toestemming" in summary
    assert "Kies de fase van de aanpak." in summary
