"""Validation of Finnish Business IDs (Y-tunnus / FO-nummer)."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

BUSINESS_ID_RE = re.compile(r"^(\d{7})-(\d)$")
WEIGHTS = (7, 9, 10, 5, 8, 4, 2)


def business_id_check_digit(first_seven):
    """The official check digit for seven digits, or None when none exists (remainder 1)."""
    remainder = sum(int(d) * w for d, w in zip(first_seven, WEIGHTS)) % 11
    if remainder == 0:
        return 0
    if remainder == 1:
        return None
    return 11 - remainder


def normalise_business_id(value):
    """Strip spaces and pad the old six-digit form (123456-7 → 0123456-7)."""
    value = (value or "").strip().replace(" ", "")
    if re.match(r"^\d{6}-\d$", value):
        value = "0" + value
    return value


def validate_business_id(value):
    match = BUSINESS_ID_RE.match(value or "")
    if not match:
        raise ValidationError(
            _("Enter a Finnish Business ID in the form 1234567-8."),
            code="business_id_format",
        )
    first_seven, given = match.groups()
    expected = business_id_check_digit(first_seven)
    if expected is None or expected != int(given):
        raise ValidationError(
            _("%(value)s is not a valid Finnish Business ID: the check digit does not match."),
            code="business_id_checksum",
            params={"value": value},
        )


def make_business_id(seven_digits):
    """A valid business ID for seven digits, or None when those digits have no check digit."""
    check = business_id_check_digit(seven_digits)
    return None if check is None else f"{seven_digits}-{check}"
