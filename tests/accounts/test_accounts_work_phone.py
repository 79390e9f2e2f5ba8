"""The profile's work phone number: a Dutch number, checked with a clear message, shown
on the profile, in the data export, and used by the helpline form."""

import pytest
from django.core.exceptions import ValidationError

from portal.accounts import export
from portal.accounts.factories import ProfileFactory
from portal.accounts.models import Role
from portal.accounts.validators import dutch_phone_clean

pytestmark = pytest.mark.django_db

PROFILE_URL = "/accounts/profile/"


@pytest.mark.parametrize(
    "typed",
    [
        "030 123 45 67",
        "030-1234567",
        "06 12 34 56 78",
        "+31 30 123 45 67",
        "+31 (0)30 123 4567",
        "0031 6 12345678",
    ],
)
def test_dutch_numbers_are_accepted_as_typed(typed):
    assert dutch_phone_clean(f"  {typed} ") == typed


@pytest.mark.parametrize(
    "typed", ["12345", "030 123 45", "+32 2 123 45 67", "bel mij", "0000000000"]
)
def test_other_input_gets_a_dutch_message(typed):
    with pytest.raises(ValidationError) as caught:
        dutch_phone_clean(typed)
    assert "Nederlands telefoonnummer" in caught.value.messages[0]


def _form(**overrides):
    data = {
        "first_name": "Fatima",
        "last_name": "El Amrani",
        "organisation": "Wijkteam Oost",
        "role": Role.WIJKTEAM.value,
        "registerplein_number": "",
        "skj_number": "",
        "big_number": "",
        "work_phone": "",
    }
    data.update(overrides)
    return data


def test_profile_saves_the_work_phone_and_exports_it(client):
    profile = ProfileFactory()
    client.force_login(profile.user)

    page = client.post(PROFILE_URL, _form(work_phone="030 123 45 67"), follow=True)

    assert "030 123 45 67" in page.content.decode()
    profile.refresh_from_db()
    assert profile.work_phone == "030 123 45 67"
    assert export.user_data_export(user=profile.user)["profile"]["work_phone"] == "030 123 45 67"


def test_a_wrong_number_is_refused_and_kept(client):
    profile = ProfileFactory()
    client.force_login(profile.user)

    html = client.post(PROFILE_URL, _form(work_phone="12345")).content.decode()

    assert "Vul een Nederlands telefoonnummer in" in html
    assert 'value="12345"' in html
    profile.refresh_from_db()
    assert profile.work_phone == ""
