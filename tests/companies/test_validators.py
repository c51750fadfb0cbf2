"""The Dutch phone number check for a company's customer service."""

import pytest
from django.core.exceptions import ValidationError

from companies.validators import normalise_dutch_phone, tel_uri, validate_dutch_phone


@pytest.mark.parametrize(
    ("typed", "digits"),
    [
        ("020-1234567", "0201234567"),
        ("020 123 45 67", "0201234567"),
        ("(020) 1234567", "0201234567"),
        ("06-12345678", "0612345678"),
        ("06.12.34.56.78", "0612345678"),
        ("0318-612345", "0318612345"),
        ("088 765 4321", "0887654321"),
        ("+31 20 123 4567", "0201234567"),
        ("+31 (0)20 123 4567", "0201234567"),
        ("0031 6 12345678", "0612345678"),
        ("0800-0234", "08000234"),
        ("0800 1234567", "08001234567"),
        ("0900-1234567", "09001234567"),
    ],
)
def test_dutch_numbers_pass_in_the_ways_people_write_them(typed, digits):
    validate_dutch_phone(typed)
    assert normalise_dutch_phone(typed) == digits


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "12345",
        "020-123456",  # one digit short
        "020-12345678",  # one digit too many
        "0012345678",  # no area code starts with 0
        "+44 20 7946 0958",  # a British number
        "+32 2 123 45 67",  # a Belgian number
        "0800-123",  # too short for an information number
        "bel ons",
        "020-123456a",
    ],
)
def test_other_numbers_are_refused_with_an_example(typed):
    with pytest.raises(ValidationError) as error:
        validate_dutch_phone(typed)
    assert "020-1234567" in error.value.messages[0]


def test_a_tel_link_uses_the_international_form():
    assert tel_uri("020-1234567") == "tel:+31201234567"
    assert tel_uri("0800-0234") == "tel:+318000234"
    assert tel_uri("niet te bellen") == ""
