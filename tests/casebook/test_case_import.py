"""casebook_import / case_import: all or nothing, every error listed, pages like the admin's."""

from __future__ import annotations

import json
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from wagtail.models import Page, PageLogEntry, Revision

from casebook.case_search.queries import CaseSearchParams, case_search
from casebook.factories import CasePageFactory, RegionFactory
from casebook.importing import CaseImportError, case_import, storing
from casebook.management.commands.casebook_import import Command as ImportCommand
from casebook.models import CaseCost, CasePage, Law, LawArticle, ProblemDomain, Region

pytestmark = pytest.mark.django_db


def make_record(title: str = "Medicijnen uit bijzondere bijstand", **changes) -> dict:
    record = {
        "title": title,
        "household": "Alleenstaande vader met een zoon van twaalf",
        "situation": "De huisarts schrijft medicijnen voor die niet worden vergoed.",
        "perspective": "Over een half jaar is de behandeling rond en is er rust.",
        "needs": {
            "self": "Afspraken nakomen.",
            "support": "Hulp bij formulieren.",
            "treatment": "",
        },
        "barrier": "De eigen bijdrage past niet in het budget van de schuldhulp.",
        "breakthrough": "De gemeente betaalt de medicijnen uit bijzondere bijstand.",
        "engagement": "De vader kan weer werken aan zijn herstel.",
        "problem_domains": ["Schulden", "Lichamelijke gezondheid"],
        "legal_bases": [
            {
                "law": "Participatiewet",
                "article": "35 lid 1",
                "reasoning": "Noodzakelijke kosten door bijzondere omstandigheden.",
            }
        ],
        "phase": "eerste_nood",
        "region": "Zwolle",
        "year": 2024,
        "outcome": "gerealiseerd",
        "breakthrough_cost": 1918.5,
        "costs": {"Participatiewet": {"direct": -1918.5, "prevented": 4200}},
    }
    record.update(changes)
    return record


@pytest.fixture
def index(index):
    """The shared case index, with the region the records name."""
    RegionFactory(name="Zwolle")
    return index


def test_imported_cases_behave_like_pages_published_in_the_admin(index, client):
    result = case_import(
        records=[make_record(), make_record("Fysiotherapie ondanks achterstand")], parent=index
    )

    assert result.created == 2
    cases = list(CasePage.objects.child_of(index).live().order_by("path"))
    assert [case.title for case in cases] == [
        "Medicijnen uit bijzondere bijstand",
        "Fysiotherapie ondanks achterstand",
    ]
    index.refresh_from_db()
    assert index.numchild == 2
    for case in cases:
        assert case.depth == index.depth + 1
        assert case.url_path == f"{index.url_path}{case.slug}/"
        assert case.first_published_at is not None
        assert not case.has_unpublished_changes
        assert case.live_revision_id == case.latest_revision_id
        assert Revision.objects.for_instance(case).count() == 1
        assert {entry.action for entry in PageLogEntry.objects.filter(page=case)} == {
            "wagtail.create",
            "wagtail.edit",
            "wagtail.publish",
        }
        # The revision holds the whole case, legal bases and costs included.
        restored = case.latest_revision.as_object()
        assert restored.legal_bases.get().article.article == "35 lid 1"
        assert restored.costs.get().domain == "participatiewet"
        assert {d.name for d in restored.problem_domains.all()} == {
            "Schulden",
            "Lichamelijke gezondheid",
        }
    # The tree is intact, the pages render, and the next admin page lands after them.
    assert all(not problems for problems in Page.find_problems())
    response = client.get(cases[0].url)
    assert response.status_code == 200
    assert "Medicijnen uit bijzondere bijstand" in response.content.decode()
    later = index.add_child(instance=CasePageFactory.build(title="Later", region=cases[0].region))
    assert later.path > cases[1].path
    assert all(not problems for problems in Page.find_problems())
    # The search index knows the imported cases.
    assert cases[1] in CasePage.objects.live().search("Fysiotherapie")


def test_imported_case_can_be_edited_and_published_again(index):
    case = case_import(records=[make_record()], parent=index).pages[0]
    case = CasePage.objects.get(pk=case.pk)
    case.barrier = "Een nieuwe beschrijving van de belemmering."
    case.save_revision().publish()
    case.refresh_from_db()
    assert case.barrier == "Een nieuwe beschrijving van de belemmering."
    assert Revision.objects.for_instance(case).count() == 2
    assert case.legal_bases.count() == 1


def test_one_bad_record_stores_nothing_and_every_error_is_listed(index):
    records = [
        make_record("Eerste"),
        make_record("Tweede", year="vorig jaar", phase="onbekend", breakthrough_cost="veel"),
        make_record("Derde", household=""),
    ]
    with pytest.raises(CaseImportError) as raised:
        case_import(records=records, parent=index)

    where = {(issue.record, issue.field) for issue in raised.value.errors}
    assert where == {(2, "year"), (2, "phase"), (2, "breakthrough_cost"), (3, "household")}
    assert CasePage.objects.count() == 0
    assert Revision.objects.count() == 0


def test_an_exception_midway_rolls_everything_back(index, monkeypatch):
    def fail(*args, **kwargs):
        raise RuntimeError("schijf vol")

    # After every page was written: Wagtail's search index is written once at the end.
    monkeypatch.setattr(storing, "wagtail_index_add", fail)
    with pytest.raises(RuntimeError):
        case_import(records=[make_record(region="Kampen")], parent=index, create_missing=True)
    assert CasePage.objects.count() == 0
    assert not Region.objects.filter(name="Kampen").exists()
    index.refresh_from_db()
    assert index.numchild == 0


def test_unknown_names_are_errors_that_list_the_known_names(index):
    record = make_record(
        problem_domains=["Schulden", "Ruzie"],
        region="Atlantis",
        legal_bases=[{"law": "Wet op de toverkunst", "article": "1"}],
    )
    with pytest.raises(CaseImportError) as raised:
        case_import(records=[record], parent=index)

    messages = {issue.field: issue.message for issue in raised.value.errors}
    assert "Ruzie" in messages["problem_domains"]
    assert "Wonen" in messages["problem_domains"]  # a known domain is listed
    assert "Atlantis" in messages["region"] and "Zwolle" in messages["region"]
    assert "Participatiewet" in messages["legal_bases[1].law"]


def test_create_missing_creates_names_and_unknown_articles_are_created(index):
    record = make_record(
        problem_domains=["Schulden", "Mantelzorg"],
        region="Kampen",
        legal_bases=[
            {"law": "Wet op de mantelzorg", "article": "4"},
            {"law": "wmo", "article": "art. 2.3.6", "reasoning": ""},
        ],
    )
    result = case_import(records=[record], parent=index, create_missing=True)

    assert ProblemDomain.objects.filter(name="Mantelzorg").exists()
    assert Region.objects.filter(name="Kampen").exists()
    assert LawArticle.objects.filter(law__name="Wet op de mantelzorg", article="4").exists()
    # "wmo" is the abbreviation of Wmo 2015; its new article is created.
    assert LawArticle.objects.filter(law__name="Wmo 2015", article="2.3.6").exists()
    assert result.created_names["regions"] == ["Kampen"]
    assert Law.objects.filter(name="Wet op de mantelzorg").exists()


def test_an_unknown_article_of_a_known_law_is_created_without_create_missing(index):
    record = make_record(legal_bases=[{"law": "Participatiewet", "article": "36"}])
    case_import(records=[record], parent=index)
    assert LawArticle.objects.filter(law__name="Participatiewet", article="36").exists()


def test_draft_import_saves_unpublished_cases_with_a_revision(index):
    case = case_import(records=[make_record()], parent=index, draft=True).pages[0]
    case = CasePage.objects.get(pk=case.pk)
    assert not case.live
    assert case.has_unpublished_changes
    assert case.latest_revision is not None and case.live_revision is None
    assert case.first_published_at is None
    assert not CasePage.objects.live().exists()


def test_the_guard_refuses_a_bsn_and_names_record_field_and_kind(index):
    records = [
        make_record("Eerste"),
        make_record("Tweede", situation="Moeder heeft BSN 111222333 en schulden."),
    ]
    with pytest.raises(CaseImportError) as raised:
        case_import(records=records, parent=index)
    [issue] = raised.value.errors
    assert (issue.record, issue.field) == (2, "situation")
    assert "BSN" in issue.message
    assert "111222333" not in issue.message  # personal data is not repeated in full
    assert CasePage.objects.count() == 0


def test_phase_and_outcome_by_label_and_dutch_amounts(index):
    record = make_record(
        phase="Hoop doet leven",
        outcome="NIET GELUKT",
        breakthrough_cost="€ 1.918,50",
        costs={"Wmo 2015": {"direct": "-2.500", "prevented": "12.000,00"}},
    )
    case = case_import(records=[record], parent=index).pages[0]
    case = CasePage.objects.get(pk=case.pk)
    assert (case.phase, case.outcome) == ("hoop_doet_leven", "niet_gelukt")
    assert case.breakthrough_cost == Decimal("1918.50")
    cost = CaseCost.objects.get(page=case)
    assert (cost.domain, cost.direct, cost.prevented) == ("wmo", Decimal("-2500"), Decimal("12000"))


def test_duplicate_titles(index):
    case_import(records=[make_record()], parent=index)

    # The same case again: skipped, nothing changes.
    result = case_import(records=[make_record()], parent=index)
    assert (result.created, result.skipped) == (0, 1)

    # Same title, other content: refused, in the file and against existing cases.
    with pytest.raises(CaseImportError) as raised:
        case_import(
            records=[
                make_record(year=2023),
                make_record("Nieuw"),
                make_record("nieuw", year=2020),
            ],
            parent=index,
        )
    messages = {(issue.record, issue.field): issue.message for issue in raised.value.errors}
    assert "bestaat al" in messages[(1, "title")]
    assert "record 2" in messages[(3, "title")]
    assert CasePage.objects.count() == 1


def write_json(tmp_path, records) -> str:
    path = tmp_path / "casussen.json"
    path.write_text(json.dumps(records), encoding="utf-8")
    return str(path)


def test_command_imports_and_reports(index, tmp_path):
    out = StringIO()
    call_command("casebook_import", write_json(tmp_path, [make_record()]), stdout=out)
    assert "1 casus(sen) geïmporteerd onder ‘Voorbeeldcasussen’ en gepubliceerd" in out.getvalue()
    assert CasePage.objects.live().count() == 1


def test_command_prints_every_error_in_dutch_and_fails(index, tmp_path):
    path = write_json(
        tmp_path, [make_record(), make_record("Tweede", region="Atlantis", year=1200)]
    )
    err = StringIO()
    with pytest.raises(CommandError, match="niets opgeslagen"):
        call_command("casebook_import", path, stderr=err)
    lines = err.getvalue()
    assert "Record 2, veld ‘region’: Onbekende regio ‘Atlantis’" in lines
    assert "Record 2, veld ‘year’: Het jaar 1200 ligt niet tussen" in lines
    assert CasePage.objects.count() == 0


def test_command_exit_status_is_non_zero_on_errors(index, tmp_path):
    path = write_json(tmp_path, [make_record(region="Atlantis")])
    with pytest.raises(SystemExit) as exited:
        ImportCommand(stdout=StringIO(), stderr=StringIO()).run_from_argv(
            ["manage.py", "casebook_import", path]
        )
    assert exited.value.code == 1


def test_command_options_draft_create_missing_and_parent(index, tmp_path):
    out = StringIO()
    call_command(
        "casebook_import",
        write_json(tmp_path, [make_record(region="Kampen")]),
        "--draft",
        "--create-missing",
        "--parent",
        index.slug,
        stdout=out,
    )
    assert "als concept opgeslagen" in out.getvalue()
    assert "Nieuwe regio's: Kampen." in out.getvalue()
    assert CasePage.objects.filter(live=False).count() == 1

    with pytest.raises(CommandError, match="Er is geen casusboek met slug ‘elders’"):
        call_command("casebook_import", write_json(tmp_path, [make_record()]), "--parent", "elders")


def test_command_reports_unreadable_files(index, tmp_path):
    bad = tmp_path / "kapot.json"
    bad.write_text("[{", encoding="utf-8")
    with pytest.raises(CommandError, match="geen geldige JSON"):
        call_command("casebook_import", str(bad))
    with pytest.raises(CommandError, match="gebruik een .json- of .csv-bestand"):
        call_command("casebook_import", str(tmp_path / "casussen.xlsx"))


def test_csv_import_with_dutch_amounts_and_semicolons(index, tmp_path):
    path = tmp_path / "casussen.csv"
    path.write_text(
        "title;household;situation;perspective;barrier;breakthrough;phase;region;year;"
        "outcome;breakthrough_cost;problem_domains;legal_basis_1_law;legal_basis_1_article;"
        "cost_wmo_direct;cost_wmo_prevented\n"
        "Vervoer naar de dagbesteding;Oudere vrouw;Zij kan niet meer zelf reizen.;"
        "Zij gaat weer drie dagen naar de dagbesteding.;De vervoersregeling past niet.;"
        "Maatwerk in het vervoer.;Stabiliseren;Zwolle;2025;Lopend;1.918,50;"
        "Wonen| Lichamelijke gezondheid;Wmo 2015;2.3.5;-1.200,00;5.000\n",
        encoding="utf-8-sig",
    )
    call_command("casebook_import", str(path), stdout=StringIO())

    case = CasePage.objects.get()
    assert case.breakthrough_cost == Decimal("1918.50")
    assert case.phase == "stabiliseren" and case.outcome == "lopend"
    assert {d.name for d in case.problem_domains.all()} == {"Wonen", "Lichamelijke gezondheid"}
    assert case.legal_bases.get().article.article == "2.3.5"
    cost = case.costs.get()
    assert (cost.domain, cost.direct, cost.prevented) == ("wmo", Decimal("-1200"), Decimal("5000"))


def test_large_files_show_a_progress_bar_on_stderr(index, tmp_path):
    records = [make_record(f"Casus {n}") for n in range(1, 121)]
    err = StringIO()
    call_command("casebook_import", write_json(tmp_path, records), stdout=StringIO(), stderr=err)
    assert "Controleren en opslaan [" in err.getvalue()
    assert "100%" in err.getvalue()
    assert CasePage.objects.live().count() == 120
    assert all(not problems for problems in Page.find_problems())


def test_running_an_import_again_repairs_an_index_it_never_reached(
    index, django_capture_on_commit_callbacks
):
    """An import whose process ended after its commit but before its index update left
    live cases that the casebook did not list; running it again lists them."""
    records = [make_record(), make_record("Fysiotherapie ondanks achterstand")]
    with django_capture_on_commit_callbacks(execute=False):  # the process ends here
        case_import(records=records, parent=index)
    assert CasePage.objects.live().count() == 2
    assert case_search(params=CaseSearchParams()).total == 0

    with django_capture_on_commit_callbacks(execute=True):
        result = case_import(records=records, parent=index)

    assert (result.created, result.skipped) == (0, 2)
    found = case_search(params=CaseSearchParams(q="fysiotherapie"))
    assert [hit.title for hit in found.results] == ["Fysiotherapie ondanks achterstand"]
    assert case_search(params=CaseSearchParams()).total == 2
