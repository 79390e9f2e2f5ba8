"""personal_data_errors() and the text extraction that forms and imports will use."""

from __future__ import annotations

from portal.anonymisation.validation import (
    field_to_text,
    html_to_text,
    personal_data_errors,
    streamfield_to_text,
)


def test_message_names_the_field_and_the_kind_and_quotes_what_to_change() -> None:
    errors = personal_data_errors({"Situatie": "Anika heeft BSN 123456782 en twee kinderen."})
    assert errors == {
        "Situatie": [
            "Het veld ‘Situatie’ bevat een BSN (“123456782”); verwijder persoonsgegevens: "
            "de casus moet anoniem zijn."
        ]
    }


def test_without_quote_the_message_names_the_kind_only() -> None:
    """For the bulk import, whose errors also reach a terminal: no personal data in them."""
    errors = personal_data_errors({"Situatie": "BSN 123456782"}, quote=False)
    assert errors == {
        "Situatie": [
            "Het veld ‘Situatie’ bevat een BSN; verwijder persoonsgegevens: "
            "de casus moet anoniem zijn."
        ]
    }
    assert "123456782" not in str(errors)


def test_labels_map_field_names_and_clean_fields_are_left_out() -> None:
    errors = personal_data_errors(
        {
            "situation": "<p>Mevrouw Jansen belde 06-12345678.</p>",
            "solution": "<p>Anika kreeg € 171 per maand op grond van art. 2.3.5 Wmo 2015.</p>",
        },
        labels={"situation": "Situatie", "solution": "Oplossing"},
    )
    assert list(errors) == ["situation"]
    assert errors["situation"] == [
        "Het veld ‘Situatie’ bevat een naam (“Mevrouw Jansen”); verwijder persoonsgegevens: "
        "de casus moet anoniem zijn.",
        "Het veld ‘Situatie’ bevat een telefoonnummer (“06-12345678”); verwijder "
        "persoonsgegevens: "
        "de casus moet anoniem zijn.",
    ]


def test_the_same_finding_is_reported_once() -> None:
    errors = personal_data_errors({"Tekst": "Mail a@b.nl, nogmaals: a@b.nl"})
    assert len(errors["Tekst"]) == 1


def test_html_to_text_keeps_words_apart_and_unescapes() -> None:
    html = '<p>Anika</p><ul><li>€\xa023</li><li><a href="/x" linktype="page">link</a></li></ul>'
    assert html_to_text(html) == "Anika\n€ 23\nlink"


def test_streamfield_raw_data_is_walked_for_all_strings() -> None:
    raw = [
        {"type": "paragraph", "value": "<p>Ze woont aan de Kerkstraat 12.</p>", "id": "a1"},
        {
            "type": "timeline",
            "value": {"items": [{"date": "2024", "text": "IBAN NL91ABNA0417164300"}]},
            "id": "b2",
        },
        {"type": "number", "value": 12, "id": "c3"},
    ]
    text = streamfield_to_text(raw)
    assert "Kerkstraat 12" in text
    assert "NL91ABNA0417164300" in text
    assert "paragraph" not in text and "a1" not in text
    errors = personal_data_errors({"Verloop": raw})
    assert [m.split(" (")[0] for m in errors["Verloop"]] == [
        "Het veld ‘Verloop’ bevat een adres",
        "Het veld ‘Verloop’ bevat een IBAN",
    ]


def test_field_to_text_accepts_json_and_plain_text() -> None:
    assert field_to_text('[{"type": "p", "value": "Lola"}]') == "Lola"
    assert field_to_text("gewoon tekst") == "gewoon tekst"
    assert field_to_text(None) == ""
