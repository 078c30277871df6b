"""Companies from the open data of the Finnish Patent and Registration Office (PRH).

Built from PRH's OpenAPI description of the YTJ API v3,
https://avoindata.prh.fi/opendata-ytj-api/v3/schema?lang=en ("Opendata YTJ-Api", licence
"Creative Commons Nimeä 4.0", i.e. CC BY 4.0). A file is what ``GET /companies`` answers
(``{"totalResults": n, "companies": [...]}``), or the bulk file's array of the same company
objects, or those objects one per line (JSON Lines). Of each company object this module reads:

- ``businessId.value`` (required) and ``businessId.registrationDate``;
- ``names[]``: the current company name is the one of ``type`` "1" without an ``endDate``
  (parallel and auxiliary names have other types);
- ``mainBusinessLine.type``: the TOL 2008 code of the main line of business;
- ``website.url``;
- ``companyForms[]`` without an ``endDate``: ``type`` (code) and ``descriptions[]``
  (``languageCode`` "1" Finnish, "2" Swedish, "3" English);
- ``companySituations[]`` without an ``endDate``: ``type`` "KONK" bankruptcy, "SELTILA"
  liquidation ("SANE", restructuring, leaves a company active: it goes on trading);
- ``addresses[]``: ``type`` 1 is the visiting (street) address, 2 the postal address;
  ``street``, ``buildingNumber``, ``entrance``, ``apartmentNumber``, ``apartmentIdSuffix``,
  ``postOfficeBox``, ``postCode`` and ``postOffices[].municipalityCode``;
- ``registrationDate``, ``endDate`` (a company with an end date has ended) and
  ``lastModified``.

The top-level ``status`` and ``tradeRegisterStatus`` codes are not used to tell an ended
company: public clients of the API report ``status`` "2" for living and dead companies alike,
while ``endDate`` and the situations are unambiguous.

:func:`read_companies` yields each record (or why it is broken) by its position in the file;
:func:`parse_company` turns one object into a :class:`Company`, raising :class:`RecordError`
for a record that cannot be imported. :func:`import_prh` is the whole import.
"""

import datetime
from dataclasses import dataclass

import orjson
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _

from ..models import ActorType, OrganisationStatus
from ..validators import validate_business_id
from .open_data import import_records
from .open_data_reports import OpenDataRecordValues
from .tol import industry_code

SOURCE = "PRH YTJ"
LICENCE = "CC BY 4.0"
SCHEMA_URL = "https://avoindata.prh.fi/opendata-ytj-api/v3/schema?lang=en"

VISITING_ADDRESS, POSTAL_ADDRESS = 1, 2
CURRENT_NAME_TYPE = "1"
FINNISH, SWEDISH = "1", "2"
SITUATION_STATUS = {"KONK": OrganisationStatus.BANKRUPTCY, "SELTILA": OrganisationStatus.LIQUIDATION}
_url_validator = URLValidator(schemes=["http", "https"])


class UnreadableCompanies(Exception):
    """The file as a whole is not a PRH company file: nothing of it is imported."""


class RecordError(Exception):
    """One company record cannot be imported; the message says why."""


@dataclass
class Company:
    position: int
    business_id: str
    name: str
    company_form: str
    company_form_code: str
    registration_date: datetime.date | None
    status: str
    tol_code: str
    street_address: str
    postal_code: str
    municipality_code: str
    website: str
    last_modified: datetime.datetime | None


@dataclass
class RawRecord:
    """One record of the file by its position (1-based): the object, or why it is no object."""

    position: int
    data: object = None
    error: str = ""


def read_companies(data):
    """The file's records as a list of :class:`RawRecord`; raises :class:`UnreadableCompanies`."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    data = data.removeprefix(b"\xef\xbb\xbf")
    try:
        document = orjson.loads(data)
    except orjson.JSONDecodeError as error:
        lines = [line for line in data.splitlines() if line.strip()]
        if len(lines) > 1 and lines[0].lstrip().startswith(b"{"):
            return _read_json_lines(lines)
        raise UnreadableCompanies(
            _("The file is not JSON (%(error)s). Give the JSON that PRH's YTJ API or its bulk "
              "file provides.") % {"error": error}
        ) from error
    if isinstance(document, dict) and isinstance(document.get("companies"), list):
        document = document["companies"]
    elif isinstance(document, dict) and "businessId" in document:
        document = [document]
    if not isinstance(document, list):
        raise UnreadableCompanies(
            _("The file holds no companies: expected a list of company objects or an object "
              "with a \"companies\" list.")
        )
    return [RawRecord(position, item) for position, item in enumerate(document, start=1)]


def _read_json_lines(lines):
    records = []
    for position, line in enumerate(lines, start=1):
        try:
            records.append(RawRecord(position, orjson.loads(line)))
        except orjson.JSONDecodeError as error:
            records.append(RawRecord(position, error=_("Not JSON: %(error)s") % {"error": error}))
    return records


# --- one company object ----------------------------------------------------------------------


def parse_company(position, item):
    """The :class:`Company` of ``item`` (a decoded company object); raises :class:`RecordError`."""
    if not isinstance(item, dict):
        raise RecordError(_("Not a company object but %(type)s.") % {"type": type(item).__name__})
    business_id = _text(_object(item, "businessId").get("value"))
    if not business_id:
        raise RecordError(_("The business ID (businessId.value) is missing."))
    try:
        validate_business_id(business_id)
    except ValidationError as error:
        raise RecordError(" ".join(error.messages)) from error
    name = _current_name(_list(item, "names"))
    if not name:
        raise RecordError(_("The company has no name (names)."))
    form_code, form = _company_form(_list(item, "companyForms"))
    address = _address(_list(item, "addresses"))
    line = _object(item, "mainBusinessLine")
    return Company(
        position=position,
        business_id=business_id,
        name=name[:255],
        company_form=form[:100],
        company_form_code=form_code,
        registration_date=_date(item.get("registrationDate"))
        or _date(_object(item, "businessId").get("registrationDate")),
        status=_status(item),
        tol_code=_text(line.get("type")),
        street_address=address.street[:255],
        postal_code=address.postal_code,
        municipality_code=address.municipality_code,
        website=_website(_object(item, "website").get("url")),
        last_modified=_datetime(item.get("lastModified")),
    )


def _object(item, key):
    value = item.get(key)
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise RecordError(_("%(field)s is not an object.") % {"field": key})
    return value


def _list(item, key):
    value = item.get(key)
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise RecordError(_("%(field)s is not a list of objects.") % {"field": key})
    return value


def _text(value):
    if value is None:
        return ""
    if isinstance(value, (dict, list)):
        raise RecordError(_("Expected text, found %(value)s.") % {"value": orjson.dumps(value)[:80].decode()})
    return str(value).strip()


def _current(entries):
    return [entry for entry in entries if not entry.get("endDate")]


def _current_name(names):
    current = _current(names)
    for candidates in ([n for n in current if str(n.get("type")) == CURRENT_NAME_TYPE], current):
        if candidates:
            latest = max(candidates, key=lambda n: (n.get("registrationDate") or "", n.get("version") or 0))
            return _text(latest.get("name"))
    return ""


def _company_form(forms):
    current = _current(forms) or forms[-1:]
    if not current:
        return "", ""
    form = current[0]
    descriptions = {str(d.get("languageCode")): _text(d.get("description"))
                    for d in form.get("descriptions") or [] if isinstance(d, dict)}
    code = _text(form.get("type"))
    return code, descriptions.get(FINNISH) or descriptions.get(SWEDISH) or code


def _status(item):
    if item.get("endDate"):
        return OrganisationStatus.ENDED
    situations = {_text(s.get("type")) for s in _current(_list(item, "companySituations"))}
    for code in ("KONK", "SELTILA"):  # bankruptcy outranks liquidation
        if code in situations:
            return SITUATION_STATUS[code]
    return OrganisationStatus.ACTIVE


@dataclass
class _Address:
    street: str = ""
    postal_code: str = ""
    municipality_code: str = ""


def _address(addresses):
    """The visiting address, else the postal one; its municipality, else the other's."""
    by_type = {}
    for address in addresses:
        by_type.setdefault(_int(address.get("type")), address)
    chosen = [by_type[t] for t in (VISITING_ADDRESS, POSTAL_ADDRESS) if t in by_type]
    if not chosen:
        return _Address()
    first = chosen[0]
    municipality = next(filter(None, (_municipality(a) for a in chosen)), "")
    postal_code = _text(first.get("postCode"))
    return _Address(_street(first), postal_code if len(postal_code) == 5 else "", municipality)


def _street(address):
    apartment = _text(address.get("apartmentNumber")) + _text(address.get("apartmentIdSuffix"))
    parts = [_text(address.get(key)) for key in ("street", "buildingNumber", "entrance")]
    street = " ".join(part for part in [*parts, apartment] if part)
    if not street and address.get("postOfficeBox"):
        street = f"PL {_text(address.get('postOfficeBox'))}"  # Finnish for "P.O. Box"
    return street or _text(address.get("freeAddressLine"))


def _municipality(address):
    for office in address.get("postOffices") or []:
        if isinstance(office, dict) and office.get("municipalityCode"):
            return _text(office["municipalityCode"]).zfill(3)
    return ""


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _date(value):
    if not value:
        return None
    try:
        return parse_date(str(value)[:10])
    except ValueError:
        raise RecordError(_("Not a date: %(value)s.") % {"value": value}) from None


def _datetime(value):
    if not value:
        return None
    try:
        parsed = parse_datetime(str(value))
    except ValueError:
        parsed = None
    if parsed is None:
        return None  # only used to tell when the register changed the record
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=datetime.timezone.utc)
    return parsed


def _website(value):
    url = _text(value)
    if not url:
        return ""
    if "://" not in url:
        url = f"https://{url}"
    try:
        _url_validator(url)
    except ValidationError:
        return ""  # the register holds phone numbers and typos here; they are no website
    return url[:200]


# --- from a company to the register's fields --------------------------------------------------


def record_values(company, known_industries):
    """What the register says of ``company``, as the shared write path takes it."""
    return OpenDataRecordValues(
        position=company.position,
        record_id=company.business_id,
        fields={
            "name": company.name,
            "town": company.municipality_code,
            "street_address": company.street_address,
            "postal_code": company.postal_code,
            "website": company.website,
            "company_form": company.company_form,
            "registration_date": company.registration_date.isoformat()
            if company.registration_date else None,
            "status": str(company.status),
            "industry": industry_code(company.tol_code, known_industries),
        },
        extra={"tol_code": company.tol_code, "company_form_code": company.company_form_code},
        source_updated=company.last_modified,
    )


def import_prh(data, *, dry_run=False, municipality=None, user=None, progress=None):
    """Import PRH company JSON ``data`` (bytes): an :class:`~.open_data.OpenDataReport`.

    ``municipality`` (a three-digit code) keeps only the companies located there. With
    ``user`` (the admin), only organisations of towns the user may write are created or
    changed; the others are reported as skipped. A broken record is reported by its
    position and skipped; the rest import.
    """
    return import_records(
        data,
        reader=_reader(municipality),
        source=SOURCE,
        licence=LICENCE,
        defaults={"actor_type": ActorType.COMPANY, "is_public": False},
        dry_run=dry_run,
        user=user,
        progress=progress,
    )


def _reader(municipality):
    def read(data, known_industries, report):
        try:
            raw_records = read_companies(data)
        except UnreadableCompanies as error:
            report.file_errors.append(str(error))
            return []
        report.records = len(raw_records)
        values = []
        for raw in raw_records:
            if raw.error:
                report.add_error(raw.position, "", raw.error)
                continue
            try:
                company = parse_company(raw.position, raw.data)
            except RecordError as error:
                business_id = ""
                if isinstance(raw.data, dict) and isinstance(raw.data.get("businessId"), dict):
                    business_id = str(raw.data["businessId"].get("value") or "")[:20]
                report.add_error(raw.position, business_id, str(error))
                continue
            if municipality and company.municipality_code != municipality:
                report.filtered_out += 1
                continue
            values.append(record_values(company, known_industries))
        return values

    return read
