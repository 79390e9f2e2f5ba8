"""Site search through its interface (search.site): every visible page type, type
filter and counts, highlighted snippets, Dutch stemming, editor synonyms, "bedoelde u",
title autocomplete, and only what an anonymous visitor may see, kept up to date after
commit."""

from __future__ import annotations

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from wagtail.models import PageViewRestriction

from portal.home.factories import ContentPageFactory
from portal.insights.factories import InsightIndexPageFactory, InsightPageFactory
from portal.standards.factories import StandardIndexPageFactory, StandardPageFactory, paragraphs
from search.indexing import search_updates_paused, site_index_rebuild
from search.models import SiteDocument, Synonym
from search.queries import site_search, title_autocomplete
from search.site import SiteSearchParams

pytestmark = pytest.mark.django_db


def titles(q: str, **params) -> set[str]:
    return {hit.title for hit in site_search(params=SiteSearchParams(q=q, **params)).results}


@pytest.fixture
def publish(django_capture_on_commit_callbacks):
    """Run `make()` and the index updates its commit triggers."""

    def run(make, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return make(*args, **kwargs)

    return run


@pytest.fixture
def site_pages(search_backend, site_root, make_case, publish):
    standards = publish(StandardIndexPageFactory, parent=site_root)
    insights = publish(InsightIndexPageFactory, parent=site_root)
    pages = {
        "page": publish(
            ContentPageFactory,
            parent=site_root,
            title="Aanmelden van een huishouden",
            intro="Meld een huishouden met schulden en woonproblemen aan bij het IPW.",
        ),
        "standard_old": publish(
            StandardPageFactory,
            parent=standards,
            title="Doorbraakplan",
            version="1.0",
            summary="Het oude format voor een doorbraakplan bij schuld.",
        ),
        "insight": publish(
            InsightPageFactory,
            parent=insights,
            title="Snelheid telt bij een dreigende uitzetting",
            summary="Wie de woning behoudt, voorkomt dure opvang.",
            date=datetime.date(2025, 3, 1),
        ),
        "case": make_case(
            "Huurachterstand betaald uit de Participatiewet",
            domains=["Schulden", "Wonen"],
            situation="Een moeder met twee kinderen heeft een schuld bij de verhuurder.",
        ),
    }
    pages["standard"] = publish(
        StandardPageFactory,
        parent=standards,
        title="Doorbraakplan",
        version="2.0",
        summary="Het format voor een doorbraakplan: situatie, perspectief en de doorbraak.",
        body=paragraphs("<p>Gebruik het plan bij schulden en woningen.</p>"),
        supersedes=pages["standard_old"],
    )
    return pages


def test_every_page_type_is_found_with_type_labels_and_counts(site_pages):
    result = site_search(params=SiteSearchParams(q="schulden"))

    assert {hit.type for hit in result.results} == {"page", "standard", "case"}
    assert {hit.type_label for hit in result.results} == {"Pagina", "Standaard", "Casus"}
    counts = {option.value: option.count for option in result.type_facets}
    assert counts == {
        "page": 1,
        "standard": 1,
        "insight": 0,
        "case": 1,
        "course": 0,
        "lesson": 0,
        "plan_template": 0,
    }
    assert result.total == 3


def test_the_type_filter_narrows_results_but_keeps_every_count(site_pages):
    result = site_search(params=SiteSearchParams(q="schulden", type="case"))

    assert [hit.title for hit in result.results] == [
        "Huurachterstand betaald uit de Participatiewet"
    ]
    assert result.total == 1
    counts = {option.value: option.count for option in result.type_facets}
    assert counts["page"] == 1 and counts["standard"] == 1
    assert [option.value for option in result.type_facets if option.selected] == ["case"]


def test_dutch_stemming_finds_singular_and_plural(site_pages):
    assert "Huurachterstand betaald uit de Participatiewet" in titles("schulden")
    assert "Aanmelden van een huishouden" in titles("schuld")
    assert (
        titles("woningen")
        == titles("woning")
        == {
            "Snelheid telt bij een dreigende uitzetting",
            "Doorbraakplan",
        }
    )


def test_snippets_mark_the_matching_words_and_escape_the_text(search_backend, site_root, publish):
    publish(
        ContentPageFactory,
        parent=site_root,
        title="Over de methode",
        intro="Bij <script>alert(1)</script> schulden helpt de Doorbraakmethode.",
    )
    [hit] = site_search(params=SiteSearchParams(q="schuld")).results

    assert "<mark>schulden</mark>" in hit.snippet_html
    assert "<script>" not in hit.snippet_html
    assert "&lt;script&gt;" in hit.snippet_html


def test_superseded_standards_never_appear(site_pages):
    result = site_search(params=SiteSearchParams(q="doorbraakplan", type="standard"))

    assert [hit.url for hit in result.results] == [site_pages["standard"].get_url()]


def test_unpublishing_the_newer_version_brings_the_older_one_back(site_pages, publish):
    publish(site_pages["standard"].unpublish)

    result = site_search(params=SiteSearchParams(q="doorbraakplan", type="standard"))
    assert [hit.url for hit in result.results] == [site_pages["standard_old"].get_url()]


def test_drafts_and_restricted_pages_never_appear(search_backend, site_root, publish):
    publish(ContentPageFactory, parent=site_root, title="Concept over schulden", live=False)
    secret = publish(ContentPageFactory, parent=site_root, title="Intern over schulden")
    parent = publish(ContentPageFactory, parent=site_root, title="Afgeschermd deel")
    publish(ContentPageFactory, parent=parent, title="Onderliggend over schulden")
    publish(PageViewRestriction.objects.create, page=secret, restriction_type="login")
    publish(PageViewRestriction.objects.create, page=parent, restriction_type="login")

    assert titles("schulden") == set()
    site_index_rebuild()
    assert titles("schulden") == set()


def test_publishing_adds_and_unpublishing_removes_after_commit(
    search_backend, site_root, publish, django_capture_on_commit_callbacks
):
    page = publish(ContentPageFactory, parent=site_root, title="Nieuw over schulden", live=False)
    assert titles("schulden") == set()

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        page.save_revision().publish()
        assert titles("schulden") == set()  # not before the commit
    for callback in callbacks:
        callback()
    assert titles("schulden") == {"Nieuw over schulden"}

    page.refresh_from_db()
    publish(page.unpublish)
    assert titles("schulden") == set()


def test_a_published_title_change_reaches_the_index_and_deleting_removes_it(
    search_backend, site_root, publish
):
    page = publish(ContentPageFactory, parent=site_root, title="Oude titel")
    page.title = "Nieuwe titel"
    publish(page.save_revision().publish)
    assert titles("nieuwe") == {"Nieuwe titel"}
    assert titles("oude") == set()

    publish(page.delete)
    assert titles("nieuwe") == set()


def test_editor_synonyms_apply_at_query_time(site_pages, publish):
    # Seeded: PW = Participatiewet, bijzondere bijstand; Wgs = Wet gemeentelijke ...
    assert "Huurachterstand betaald uit de Participatiewet" in titles("PW")
    assert titles("wmo") == set()

    publish(Synonym.objects.create, term="ontruiming", synonyms="uitzetting")
    assert titles("ontruiming") == {"Snelheid telt bij een dreigende uitzetting"}


def test_wmo_finds_the_full_name_of_the_law(search_backend, site_root, publish):
    publish(
        ContentPageFactory,
        parent=site_root,
        title="Maatwerk",
        intro="Begeleiding uit de Wet maatschappelijke ondersteuning.",
    )
    publish(ContentPageFactory, parent=site_root, title="Wmo 2015 en de doorbraak", intro="")

    assert titles("Wmo") == {"Maatwerk", "Wmo 2015 en de doorbraak"}
    assert titles("wet maatschappelijke ondersteuning") == titles("Wmo")


def test_bedoelde_u_suggests_a_close_title_word(site_pages):
    result = site_search(params=SiteSearchParams(q="hurachterstnd"))

    assert result.total == 0
    assert result.suggestion == "huurachterstand"
    assert site_search(params=SiteSearchParams(q=result.suggestion)).total == 1


def test_no_suggestion_when_the_query_finds_enough(site_pages):
    assert site_search(params=SiteSearchParams(q="doorbraakplan schulden")).suggestion is None


def test_autocomplete_matches_title_word_prefixes(site_pages):
    hits = title_autocomplete(prefix="huurach")
    assert [(hit.title, hit.type) for hit in hits] == [
        ("Huurachterstand betaald uit de Participatiewet", "case")
    ]
    assert [hit.title for hit in title_autocomplete(prefix="doorbraak")] == ["Doorbraakplan"]
    assert [hit.title for hit in title_autocomplete(prefix="dreigende uitz")] == [
        "Snelheid telt bij een dreigende uitzetting"
    ]
    assert title_autocomplete(prefix="h") == []


def test_a_very_long_query_is_cut_not_refused(site_pages):
    result = site_search(params=SiteSearchParams(q="schulden " * 7000))

    assert result.total == 3


def test_rebuild_command_rebuilds_the_site_index(search_backend, site_root, publish):
    with search_updates_paused():
        ContentPageFactory(parent=site_root, title="Stil geladen over schulden")
    assert titles("schulden") == set()

    out = StringIO()
    call_command("search_index", "--rebuild", stdout=out)

    assert titles("schulden") == {"Stil geladen over schulden"}
    assert "Site-index" in out.getvalue()
    assert SiteDocument.objects.count() == 1


def test_queries_per_search_are_constant(
    search_backend, site_root, publish, django_assert_max_num_queries
):
    def add(start: int, count: int) -> None:
        for number in range(start, start + count):
            publish(
                ContentPageFactory,
                parent=site_root,
                title=f"Schulden pagina {number}",
            )

    add(0, 3)
    site_search(params=SiteSearchParams(q="schulden"))  # warm the synonym cache
    with django_assert_max_num_queries(3):
        site_search(params=SiteSearchParams(q="schulden"))
    add(3, 20)
    with django_assert_max_num_queries(3):
        site_search(params=SiteSearchParams(q="schulden", page=2))
