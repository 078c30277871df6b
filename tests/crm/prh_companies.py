"""Fictional company objects as PRH's YTJ API v3 gives them (``GET /companies``), and files of them.

Field names and codes follow the API's OpenAPI description
(https://avoindata.prh.fi/opendata-ytj-api/v3/schema); the companies are made up.
"""

import json

from seutu_crm.validators import make_business_id

BID_STEEL = make_business_id("3312450")
BID_CODE = make_business_id("3312454")
BID_BAKERY = make_business_id("3312452")
BID_GONE = make_business_id("3312453")


def descriptions(fi, sv=None, en=None):
    texts = [("1", fi), ("2", sv or fi), ("3", en or fi)]
    return [{"languageCode": code, "description": text} for code, text in texts]


def address(kind, municipality, street="Satamakatu", number="1", post_code="92100",
            city="RAAHE"):
    return {
        "type": kind,
        "street": street,
        "postCode": post_code,
        "postOffices": [
            {"city": city, "languageCode": "1", "municipalityCode": municipality},
            {"city": city, "languageCode": "2", "municipalityCode": municipality},
        ],
        "buildingNumber": number,
        "entrance": "",
        "apartmentNumber": "",
        "apartmentIdSuffix": "",
        "co": "",
        "country": "FI",
        "registrationDate": "2019-05-03",
        "source": "0",
    }


def company(business_id=BID_STEEL, name="Raahen Teräspaja Oy", *, tol="24420",
            municipality="678", postal_municipality=None, website="www.terapaja.example",
            form=("16", "Osakeyhtiö"), situations=(), end_date=None,
            registration_date="2019-05-03", last_modified="2024-03-01T10:00:00", **extra):
    """A company object; ``situations`` are companySituations types (KONK, SELTILA, SANE)."""
    addresses = []
    if municipality is not None:
        addresses.append(address(1, municipality))
    addresses.append(address(2, postal_municipality or municipality or "678",
                             street="", number="", post_code="92101"))
    addresses[-1]["postOfficeBox"] = "12"
    data = {
        "businessId": {"value": business_id, "registrationDate": registration_date,
                       "source": "3"},
        "euId": {"value": f"FIFPRO.{business_id}", "source": "1"},
        "names": [
            {"name": f"{name} (vanha)", "type": "1", "registrationDate": "2010-01-01",
             "endDate": "2019-05-02", "version": 2, "source": "1"},
            {"name": name, "type": "1", "registrationDate": registration_date, "version": 1,
             "source": "1"},
            {"name": "Teräspaja", "type": "3", "registrationDate": registration_date,
             "version": 1, "source": "1"},
        ],
        "mainBusinessLine": {"type": tol, "descriptions": descriptions("Toimiala"),
                             "typeCodeSet": "TOIMI3", "registrationDate": registration_date,
                             "source": "2"},
        "companyForms": [{"type": form[0], "descriptions": descriptions(form[1]),
                          "registrationDate": registration_date, "version": 1, "source": "1"}],
        "companySituations": [
            {"type": code, "registrationDate": "2024-01-15", "source": "1"} for code in situations
        ],
        "registeredEntries": [],
        "addresses": addresses,
        "tradeRegisterStatus": "1",
        "status": "2",
        "registrationDate": registration_date,
        "lastModified": last_modified,
    }
    if website is not None:
        data["website"] = {"url": website, "registrationDate": registration_date, "source": "2"}
    if end_date:
        data["endDate"] = end_date
    return data | extra


def companies_response(*companies):
    """A ``GET /companies`` answer, as bytes."""
    return json.dumps({"totalResults": len(companies), "companies": list(companies)}).encode()


def bulk_file(*companies):
    """The bulk file's form: an array of company objects, as bytes."""
    return json.dumps(list(companies)).encode()
