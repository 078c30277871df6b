"""Cleaning the cells of an organisation row: each column's text to the value stored.

A cleaner takes the cell's text and the file's :class:`~.organisations.Lookups` and returns
the value, or raises :class:`CellError` with a message for the person who fills in the file.
"""

import math

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext as _

from ..models import ActorType, SizeClass
from ..validators import normalise_business_id, validate_business_id
from .reports import RowError

LIST_SEPARATOR = ";"
TRUE_WORDS = {"1", "true", "yes", "y", "x", "kyllä", "k", "ja", "public", "julkinen"}
FALSE_WORDS = {"", "0", "false", "no", "n", "ei", "nej"}

# Finland, generously: a pair outside is swapped, mistyped or not in Finland.
LATITUDE_RANGE = (59.0, 70.5)
LONGITUDE_RANGE = (19.0, 32.0)


class CellError(Exception):
    pass


def clean_list(number, column, text, known, normalise, errors, message):
    items = [item.strip() for item in text.split(LIST_SEPARATOR) if item.strip()]
    unknown = [item for item in items if normalise(item) not in known]
    if unknown:
        errors.append(RowError(number, column, message % {"values": ", ".join(unknown)}, text))
        return None
    return {known[normalise(item)] for item in items}


def _required_text(max_length):
    def clean(value, lookups):
        if not value:
            raise CellError(_("This column is required."))
        return _text(max_length)(value, lookups)

    return clean


def _text(max_length):
    def clean(value, lookups):
        if len(value) > max_length:
            raise CellError(
                _("Too long: at most %(max)s characters, not %(length)s.")
                % {"max": max_length, "length": len(value)}
            )
        return value

    return clean


def _clean_business_id(value, lookups):
    value = normalise_business_id(value)
    if not value:
        return None
    try:
        validate_business_id(value)
    except ValidationError as error:
        raise CellError(" ".join(error.messages)) from error
    return value


def _choice(choices):
    def clean(value, lookups):
        normalised = value.strip().lower()
        if normalised not in choices.values:
            if not normalised and choices is SizeClass:
                return ""
            raise CellError(
                _("“%(value)s” is not one of: %(choices)s.")
                % {"value": value, "choices": ", ".join(choices.values)}
            )
        return normalised

    return clean


def _clean_town_code(value, lookups):
    code = value.strip()
    if code.isdigit() and len(code) < 3:
        code = code.zfill(3)  # Excel drops leading zeros: 91 → 091
    if not code:
        raise CellError(_("This column is required."))
    if code not in lookups.towns:
        raise CellError(_("No town has the municipality code %(code)s.") % {"code": value})
    return lookups.towns[code]


def _clean_postal_code(value, lookups):
    code = value.replace(" ", "")
    if code.isdigit() and len(code) < 5:
        code = code.zfill(5)  # Excel again: 00100 → 100
    if code and not (code.isdigit() and len(code) == 5):
        raise CellError(_("A Finnish postal code has five digits."))
    return code


def _clean_float(value, lookups):
    if not value:
        return None
    try:
        number = float(value.replace(",", ".").replace(" ", ""))
    except ValueError:
        raise CellError(_("“%(value)s” is not a number.") % {"value": value}) from None
    if not math.isfinite(number):
        raise CellError(_("“%(value)s” is not a number.") % {"value": value})
    return number


def _clean_website(value, lookups):
    if not value:
        return ""
    url = value if "://" in value else f"https://{value}"
    try:
        URLValidator()(url)
    except ValidationError:
        raise CellError(_("“%(value)s” is not a web address.") % {"value": value}) from None
    if len(url) > 200:
        raise CellError(_("Too long: at most %(max)s characters, not %(length)s.")
                        % {"max": 200, "length": len(url)})
    return url


def _clean_employees(value, lookups):
    text = value.replace(" ", "").replace("\u00a0", "")
    if not text:
        return None
    if not text.isdigit():
        raise CellError(_("“%(value)s” is not a whole number of people.") % {"value": value})
    number = int(text)
    if number > 2_000_000_000:
        raise CellError(_("“%(value)s” is too large.") % {"value": value})
    return number


def _clean_boolean(value, lookups):
    word = value.strip().casefold()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise CellError(_("Write yes or no (1 or 0), not “%(value)s”.") % {"value": value})


CLEANERS = {
    "name": _required_text(255),
    "business_id": _clean_business_id,
    "actor_type": _choice(ActorType),
    "town_code": _clean_town_code,
    "street_address": _text(255),
    "postal_code": _clean_postal_code,
    "latitude": _clean_float,
    "longitude": _clean_float,
    "website": _clean_website,
    "employees": _clean_employees,
    "size_class": _choice(SizeClass),
    "is_public": _clean_boolean,
}


def check_coordinates(number, raw, values, errors):
    failed = {e.column for e in errors if e.row == number}
    if "latitude" in failed or "longitude" in failed:
        return
    latitude, longitude = values.get("latitude"), values.get("longitude")
    if ("latitude" in raw) != ("longitude" in raw) or (latitude is None) != (longitude is None):
        missing = "longitude" if latitude is not None else "latitude"
        errors.append(RowError(number, missing, _("Give both latitude and longitude, or neither.")))
        return
    if latitude is None:
        return
    if not LATITUDE_RANGE[0] <= latitude <= LATITUDE_RANGE[1]:
        errors.append(RowError(number, "latitude", _(
            "Latitude %(value)s is not in Finland (%(low)s–%(high)s); are latitude and "
            "longitude the right way round?"
        ) % {"value": raw["latitude"], "low": LATITUDE_RANGE[0], "high": LATITUDE_RANGE[1]},
            raw["latitude"]))
    if not LONGITUDE_RANGE[0] <= longitude <= LONGITUDE_RANGE[1]:
        errors.append(RowError(number, "longitude", _(
            "Longitude %(value)s is not in Finland (%(low)s–%(high)s)."
        ) % {"value": raw["longitude"], "low": LONGITUDE_RANGE[0], "high": LONGITUDE_RANGE[1]},
            raw["longitude"]))

