"""find_personal_data(): run every detector and resolve overlaps."""

from __future__ import annotations

from django.conf import settings

from .detectors import (
    find_addresses,
    find_birth_dates,
    find_bsns,
    find_emails,
    find_ibans,
    find_phones,
    find_postcodes,
)
from .findings import PersonalDataFinding, PersonalDataKind
from .names import find_names

# When two findings overlap, the earlier kind wins (an IBAN holds digits that look like
# a phone number; an e-mail address may hold a name; a street may hold a surname).
_PRIORITY = (
    PersonalDataKind.EMAIL,
    PersonalDataKind.IBAN,
    PersonalDataKind.BSN,
    PersonalDataKind.PHONE,
    PersonalDataKind.BIRTH_DATE,
    PersonalDataKind.ADDRESS,
    PersonalDataKind.POSTCODE,
    PersonalDataKind.NAME,
)
_DETECTORS = {
    PersonalDataKind.EMAIL: find_emails,
    PersonalDataKind.IBAN: find_ibans,
    PersonalDataKind.BSN: find_bsns,
    PersonalDataKind.PHONE: find_phones,
    PersonalDataKind.BIRTH_DATE: find_birth_dates,
    PersonalDataKind.ADDRESS: find_addresses,
    PersonalDataKind.POSTCODE: find_postcodes,
    PersonalDataKind.NAME: find_names,
}


def _is_own_address(finding: PersonalDataFinding) -> bool:
    """An e-mail address of the organisation itself (settings.ANONYMISATION_OWN_EMAIL_DOMAINS,
    subdomains included): "redactie@doorbraak.nl" on a contact page is no personal data."""
    if finding.kind != PersonalDataKind.EMAIL or "@" not in finding.text:
        return False
    domain = finding.text.rsplit("@", 1)[1].strip().lower()
    own = getattr(settings, "ANONYMISATION_OWN_EMAIL_DOMAINS", ())
    return any(domain == d or domain.endswith("." + d) for d in own)


def find_personal_data(text: str) -> list[PersonalDataFinding]:
    """All personal data in `text`, in reading order; `text[f.start:f.end] == f.text`.

    Raises deduce_engine.DeduceCacheMissingError when the deduce cache was not built.
    """
    if not text or not text.strip():
        return []
    kept: list[PersonalDataFinding] = []
    for kind in _PRIORITY:
        for finding in _DETECTORS[kind](text):
            if _is_own_address(finding):
                continue
            if any(finding.start < k.end and k.start < finding.end for k in kept):
                continue
            kept.append(finding)
    return sorted(kept, key=lambda f: (f.start, f.end))
