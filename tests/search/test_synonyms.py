"""Editor synonyms: seeded abbreviations, the Solr rules for Elasticsearch, the
database expansion, and the snippet in the admin."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group

from portal.accounts.factories import UserFactory, client_login_with_mfa
from search.models import Synonym
from search.synonyms import expand_query_terms, synonym_rules
from search.text import tokens

pytestmark = pytest.mark.django_db


def test_the_issue_abbreviations_are_seeded():
    seeded = {synonym.term: synonym.synonym_list for synonym in Synonym.objects.all()}

    assert seeded["PW"] == ["Participatiewet", "bijzondere bijstand"]
    assert "Wmo 2015" in seeded["Wmo"]
    assert "Wet gemeentelijke schuldhulpverlening" in seeded["Wgs"]
    assert seeded["Bbz"] == ["Besluit bijstandverlening zelfstandigen"]


def test_rules_in_solr_format_follow_editor_changes():
    assert "pw, participatiewet, bijzondere bijstand" in synonym_rules()

    Synonym.objects.create(term="Cliënt", synonyms="inwoner, burger")
    assert "client, inwoner, burger" in synonym_rules()

    Synonym.objects.filter(term="PW").delete()
    assert not any(rule.startswith("pw,") for rule in synonym_rules())


def test_query_terms_expand_to_stemmed_phrases():
    groups = expand_query_terms(tokens("PW schulden"))

    assert groups == [{"pw", "participatiewet", "bijzonder bijstand"}, {"schuld"}]


def test_the_longest_synonym_phrase_wins():
    groups = expand_query_terms(tokens("bijzondere bijstand Wmo 2015"))

    assert len(groups) == 2
    assert "pw" in groups[0]
    assert "wet maatschapp ondersteun" in groups[1]


@pytest.mark.parametrize("group", ["IPW redacteur", "IPW moderator"])
def test_editors_manage_synonyms_in_the_admin(client, group):
    editor = UserFactory(email="redacteur@example.org", groups=[Group.objects.get(name=group)])
    client_login_with_mfa(client, editor)
    response = client.get("/admin/snippets/search/synonym/")
    assert response.status_code == 200
    assert "Participatiewet, bijzondere bijstand" in response.content.decode()

    response = client.post(
        "/admin/snippets/search/synonym/add/",
        {"term": "KBA", "synonyms": "maatschappelijke kosten-batenanalyse"},
    )
    assert response.status_code == 302
    assert Synonym.objects.get(term="KBA").synonym_list == ["maatschappelijke kosten-batenanalyse"]
    assert "kba, maatschappelijke kosten batenanalyse" in synonym_rules()


def test_other_groups_may_not_manage_synonyms(client):
    user = UserFactory(groups=[Group.objects.get(name="Professional")])

    assert not {p for p in user.get_all_permissions() if p.startswith("search.")}
