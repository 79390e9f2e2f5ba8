"""Unit tests for the anonymisation guard: each kind of personal data, and the things a
case legitimately holds that must not trip it."""

from __future__ import annotations

import pytest

from portal.anonymisation import KIND_LABELS, PersonalDataKind, deduce_engine, find_personal_data


def kinds(text: str) -> list[tuple[str, str]]:
    return [(f.kind.value, f.text) for f in find_personal_data(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Haar BSN is 111222333.", "111222333"),
        ("burgerservicenummer: 123456782", "123456782"),
        ("sofinummer 123456782 van de vader", "123456782"),
        ("het sofi-nummer 123456782", "123456782"),
        ("Nummer 1112.22.333 stond op de brief.", "1112.22.333"),
        ("Op het formulier: 111 222 333.", "111 222 333"),
        ("Op het formulier: 111-222-333.", "111-222-333"),
        ("BSN: 1234 56 782", "1234 56 782"),
        # A bare elfproef-valid number: a helpline question may hold one without the word.
        ("kun je 123456782 even nakijken?", "123456782"),
        ("Het zaaknummer is 123456782.", "123456782"),
    ],
)
def test_bsn_is_found_with_context_or_typical_format(text: str, expected: str) -> None:
    assert kinds(text) == [("bsn", expected)]


@pytest.mark.parametrize(
    "text",
    [
        "BSN 123456789",  # fails the elfproef
        "Het budget was € 111.222.333 voor de hele regio.",  # money
        "In 2023 waren er 123.456.789 bezoeken aan de website.",  # fails the elfproef
        "Dossier 12345678 is gesloten.",  # eight digits need a context word
    ],
)
def test_bsn_needs_context_elfproef_and_no_money(text: str) -> None:
    assert not [k for k in kinds(text) if k[0] == "bsn"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Anika, geboren op 3 mei 1987, woont in Zwolle.", "3 mei 1987"),
        ("Lola (geb. 12-03-1990) kreeg een brief.", "12-03-1990"),
        ("geboortedatum: 1990-03-12", "1990-03-12"),
        ("Mohammed (* 1-2-1985) meldde zich.", "1-2-1985"),
        ("d.d. geboorte 12/3/1990", "12/3/1990"),
        ("geboren in Heerlen op 4 mrt 1979", "4 mrt 1979"),
    ],
)
def test_birth_date_needs_birth_context(text: str, expected: str) -> None:
    assert kinds(text) == [("birth_date", expected)]


@pytest.mark.parametrize(
    "text",
    [
        "Op 4 maart kwam de brief.",
        "Per 1 januari 2025 verandert de norm.",
        "Het gesprek was op 12-06-2025 in Zwolle.",
        "Een vrouw van 34 met twee kinderen; ze is 34 jaar.",
    ],
)
def test_dates_of_events_and_ages_are_not_birth_dates(text: str) -> None:
    assert kinds(text) == []


@pytest.mark.parametrize(
    "phone",
    [
        "06-12345678",
        "06 1234 5678",
        "06 12 34 56 78",
        "0612345678",
        "010-1234567",
        "(010) 123 45 67",
        "0575-123456",
        "+31 6 12345678",
        "+31 (0)6 1234 5678",
        "0031 10 123 4567",
        "+32 470 12 34 56",
        "+49 30 12345678",
    ],
)
def test_phone_numbers_dutch_and_international(phone: str) -> None:
    assert kinds(f"Bel {phone} na vijf uur.") == [("phone", phone)]


@pytest.mark.parametrize(
    "text",
    [
        "Het gesprek was op 01-02-2025 10:00 uur.",
        "Bel de gratis lijn 0800-8115 of 14 038.",
        "De kosten waren € 0612345678 in totaal.",
        "Het spreekuur is van 14.00-16.00 uur.",
    ],
)
def test_no_phone_in_dates_times_and_service_numbers(text: str) -> None:
    assert kinds(text) == []


def test_email_address() -> None:
    assert kinds("Mail a.devries@example.nl voor de afspraak.") == [
        ("email", "a.devries@example.nl")
    ]


@pytest.mark.parametrize(
    "iban",
    [
        "NL91 ABNA 0417 1643 00",
        "NL91ABNA0417164300",
        "nl91abna0417164300",
        "DE89 3704 0044 0532 0130 00",
        "BE68 5390 0754 7034",
    ],
)
def test_iban_any_country_with_or_without_spaces(iban: str) -> None:
    assert kinds(f"Gestort op {iban} en verder niets.") == [("iban", iban)]


def test_iban_with_wrong_check_digits_is_ignored() -> None:
    assert not [k for k in kinds("Rekening NL92 ABNA 0417 1643 00.") if k[0] == "iban"]


@pytest.mark.parametrize(
    "address",
    [
        "Kerkstraat 12",
        "Molenlaan 12a",
        "Beukenweg 12-3",
        "Oude Gracht 5 bis",
        "Van Goghlaan 7A",
        "Stationsplein 1",
        "Prins Hendrikkade 104",
    ],
)
def test_street_with_house_number(address: str) -> None:
    assert kinds(f"Lola woont aan de {address} sinds vorig jaar.") == [("address", address)]


@pytest.mark.parametrize(
    "text",
    [
        "Ze sliep 3 nachten op straat.",
        "Onderweg 2 keer gebeld.",
        "De Participatiewet 2015 en de Wmo 2015 gelden.",
        "Een woning aan een drukke straat in Zwolle.",
    ],
)
def test_no_address_without_street_name_and_number(text: str) -> None:
    assert kinds(text) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("1234 AB Zwolle", "1234 AB"),
        ("postcode 1234AB", "1234AB"),
        ("postcode 1234 ab", "1234 ab"),
        ("verhuisd naar 1234ab", "1234ab"),
    ],
)
def test_postcode(text: str, expected: str) -> None:
    assert kinds(text) == [("postcode", expected)]


@pytest.mark.parametrize(
    "text",
    ["In 2023 de gemeente Zwolle.", "sinds 2021 in Hoorn", "In 2024 EU-subsidie", "1234 SS"],
)
def test_no_postcode_in_running_text(text: str) -> None:
    assert kinds(text) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Anika de Vries kwam langs.", "Anika de Vries"),
        ("Later belde mevrouw Jansen terug.", "mevrouw Jansen"),
        ("Volgens dhr. Bakker klopte het.", "dhr. Bakker"),
        ("Het dossier van de heer El Amrani.", "de heer El Amrani"),
        ("Het dossier van de heer Öztürk.", "de heer Öztürk"),
        ("Getekend door J. de Boer.", "J. de Boer"),
        ("Mohammed Yilmaz (34) heeft schulden.", "Mohammed Yilmaz"),
        ("Het gezin Kowalczyk woont hier.", "gezin Kowalczyk"),
        ("Klantmanager Pieter Post belde.", "Pieter Post"),
    ],
)
def test_names_beyond_a_first_name(text: str, expected: str) -> None:
    assert kinds(text) == [("name", expected)]


@pytest.mark.parametrize(
    "text",
    [
        "Anika, Lola en Mohammed spraken met het UWV, CAK en de GGD.",
        "Volgens Mohammed was het te laat. Daarna belde Anika.",
        "Moeder Lola en klantmanager Sanne van de gemeente Den Haag.",
        "Mevrouw Anika vertelde haar verhaal.",
        "Het Instituut voor Publieke Waarden (IPW) en PlusWijken in Zuid-Limburg.",
        "Een alleenstaande moeder met twee kinderen uit Heerlen.",
        "Het ging om een gezin met drie kinderen.",
        "De Jeugdwet, de Participatiewet en de Wet gemeentelijke schuldhulpverlening.",
    ],
)
def test_pseudonyms_organisations_places_and_laws_are_allowed(text: str) -> None:
    assert kinds(text) == []


def test_legitimate_case_content_is_clean() -> None:
    text = (
        "Anika (34), een alleenstaande moeder met twee kinderen uit Zwolle, had in 2023 een "
        "schuld van € 23.456,78 en kreeg € 171 per maand, later 899 euro. Op 4 maart en per "
        "1 januari veranderde de regels; 12 juni 2025 besliste de gemeente op grond van "
        "art. 2.3.5 Wmo 2015, artikel 35 lid 1 Participatiewet en art. 8a.1 Jeugdwet. Het "
        "ging om 12 gezinnen en 450 huishoudens, 45% meer dan in 2025."
    )
    assert kinds(text) == []


def test_positions_and_labels() -> None:
    text = "Anika de Vries (BSN 111222333) woont aan de Kerkstraat 12, 1234 AB Zwolle."
    findings = find_personal_data(text)
    assert [f.kind for f in findings] == [
        PersonalDataKind.NAME,
        PersonalDataKind.BSN,
        PersonalDataKind.ADDRESS,
        PersonalDataKind.POSTCODE,
    ]
    assert all(text[f.start : f.end] == f.text for f in findings)
    assert [f.label for f in findings] == ["een naam", "een BSN", "een adres", "een postcode"]
    assert set(KIND_LABELS) == set(PersonalDataKind)


def test_iban_digits_are_not_reported_as_phone() -> None:
    assert kinds("Rekening BE68 5390 0754 7034.") == [("iban", "BE68 5390 0754 7034")]


def test_empty_text() -> None:
    assert find_personal_data("") == []
    assert find_personal_data("   ") == []


def test_missing_cache_fails_loudly(tmp_path, settings) -> None:  # noqa: ANN001
    settings.CASEBOOK_DEDUCE_CACHE_DIR = str(tmp_path)
    with pytest.raises(deduce_engine.DeduceCacheMissingError, match="build_cache"):
        deduce_engine._load_structs(deduce_engine.cache_file())


def test_the_organisations_own_addresses_are_left_alone(settings) -> None:
    settings.ANONYMISATION_OWN_EMAIL_DOMAINS = ["doorbraak.nl"]
    assert kinds("Mail redactie@doorbraak.nl of toegankelijkheid@demo.doorbraak.nl.") == []
    assert kinds("Mail sanne@gmail.com of iemand@nietdoorbraak.nl.") == [
        ("email", "sanne@gmail.com"),
        ("email", "iemand@nietdoorbraak.nl"),
    ]
