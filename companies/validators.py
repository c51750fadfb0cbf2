import re

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

validate_kvk_number = RegexValidator(
    r"^\d{8}$",
    _("Een KvK-nummer bestaat uit precies 8 cijfers, zonder spaties of punten."),
    code="invalid_kvk",
)

# What people type between digits: "020 - 123 45 67", "(020) 1234567", "06.12345678".
_PHONE_SEPARATORS = re.compile(r"[\s\-.()/]")
# Ten digits starting with 0 (area codes, 06 mobile, 085/088/091 business numbers), or an
# information number: 0800/0900/0906/0909 followed by 4 to 7 digits.
_DUTCH_PHONE = re.compile(r"^(0[1-9]\d{8}|0(800|900|906|909)\d{4,7})$")


def normalise_dutch_phone(value: str) -> str | None:
    """The number as national digits ("0201234567"), or None if it is not Dutch."""
    digits = _PHONE_SEPARATORS.sub("", value or "")
    if digits.startswith("+31"):
        digits = "0" + digits[3:]
    elif digits.startswith("0031"):
        digits = "0" + digits[4:]
    # "+31 (0)20 ..." is common in print: the (0) is not dialled after the country code.
    if digits.startswith("00"):
        digits = digits[1:]
    return digits if _DUTCH_PHONE.match(digits) else None


def validate_dutch_phone(value: str) -> None:
    if normalise_dutch_phone(value) is None:
        raise ValidationError(
            _(
                "Vul een Nederlands telefoonnummer in, bijvoorbeeld 020-1234567, "
                "0800-1234 of +31 20 123 4567."
            ),
            code="invalid_phone",
        )


def tel_uri(value: str) -> str:
    """A tel: link in international form ("tel:+31201234567"), or "" for a bad number."""
    digits = normalise_dutch_phone(value)
    return f"tel:+31{digits[1:]}" if digits else ""
