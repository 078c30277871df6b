"""Time the PRH open-data import: `python bench/prh_import.py --size 100000`.

Generates a bulk file of N company objects as PRH's YTJ API v3 gives them, spread over the
register's municipalities (a few in bankruptcy, liquidation or ended), then times the import
into a fresh database and a re-import of the same file (every company unchanged), with the
wall and CPU time (time.process_time) of each. We promise ≤ 120 s and ≤ 60 s at 100,000.
"""

import argparse
import json
import random

from crm_setup import setup_django
from timing import timed

TOL_CODES = ["24420", "25110", "62010", "71121", "47111", "56101", "41200", "01110", "86210"]


def company(business_id, number, municipality, rng):
    street = f"{rng.choice(['Teollisuus', 'Kauppa', 'Satama', 'Asema'])}katu"
    visiting = {
        "type": 1, "street": street, "buildingNumber": str(rng.randint(1, 99)),
        "postCode": "92100", "source": "0", "registrationDate": "2020-01-01",
        "postOffices": [{"city": "KAUPUNKI", "languageCode": "1", "municipalityCode": municipality}],
    }
    postal = visiting | {"type": 2, "street": "", "buildingNumber": "", "postOfficeBox": "12"}
    situations = []
    roll = rng.random()
    if roll < 0.01:
        situations = [{"type": "KONK", "registrationDate": "2024-01-01", "source": "1"}]
    elif roll < 0.02:
        situations = [{"type": "SELTILA", "registrationDate": "2024-01-01", "source": "1"}]
    data = {
        "businessId": {"value": business_id, "registrationDate": "2015-06-01", "source": "3"},
        "names": [{"name": f"Yritys {number} Oy", "type": "1", "registrationDate": "2015-06-01",
                   "version": 1, "source": "1"}],
        "mainBusinessLine": {"type": rng.choice(TOL_CODES), "typeCodeSet": "TOIMI3",
                             "descriptions": [{"languageCode": "1", "description": "Toimiala"}],
                             "source": "2"},
        "website": {"url": f"www.yritys{number}.example", "source": "2"},
        "companyForms": [{"type": "16", "version": 1, "source": "1", "descriptions": [
            {"languageCode": "1", "description": "Osakeyhtiö"},
            {"languageCode": "2", "description": "Aktiebolag"},
            {"languageCode": "3", "description": "Limited company"}]}],
        "companySituations": situations,
        "registeredEntries": [],
        "addresses": [visiting, postal],
        "tradeRegisterStatus": "1",
        "status": "2",
        "registrationDate": "2015-06-01",
        "lastModified": "2024-03-01T10:00:00",
    }
    if roll > 0.99:
        data["endDate"] = "2023-12-31"
    return data


def make_file(size):
    from seutu_crm.demo.organisations import demo_business_ids
    from seutu_crm.models import Town

    rng = random.Random(11)
    municipalities = list(Town.objects.values_list("code", flat=True))
    companies = [
        company(business_id, number, rng.choice(municipalities), rng)
        for number, business_id in enumerate(demo_business_ids(size))
    ]
    return json.dumps(companies).encode()


def report_timed(label, function):
    run = timed(function)
    report = run.result
    print(f"{label}: {run.wall:.2f} s wall, {run.cpu:.2f} s CPU — {report.created:,} created, "
          f"{report.updated:,} updated, {report.unchanged:,} unchanged, "
          f"{len(report.errors):,} broken, {report.skipped_count:,} skipped")
    return report


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=10_000)
    args = parser.parse_args()
    setup_django()

    from seutu_crm.importers.prh import import_prh
    from seutu_crm.models import Organisation
    from seutu_crm.reference import load_reference_data

    load_reference_data()
    data = make_file(args.size)
    print(f"{args.size:,} companies, {len(data) / 1e6:.1f} MB of JSON")
    report_timed("import", lambda: import_prh(data))
    assert Organisation.objects.count() == args.size
    report_timed("re-import, nothing changed", lambda: import_prh(data))


if __name__ == "__main__":
    main()
