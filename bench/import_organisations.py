"""Time the organisation import: `python bench/import_organisations.py --size 100000`.

Generates a CSV of N realistic rows (the demo generator's organisations, semicolon-separated
with a byte-order mark, as Finnish Excel writes), then times the dry run, the real import
and a re-import of the same file (every row unchanged).
"""

import argparse
import csv
import io
import time

from crm_setup import setup_django
from timing import timed


def make_csv(size):
    from seutu_crm.demo.organisations import DemoGenerator, demo_business_ids
    from seutu_crm.importers.organisations import COLUMNS
    from seutu_crm.models import Town

    towns = {
        t.code: (t.name_fi, t.name_sv, t.latitude, t.longitude, t.in_network, t.swedish_majority)
        for t in Town.objects.all()
    }
    generator = DemoGenerator(towns)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for business_id in demo_business_ids(size):
        org = generator.next(business_id)
        writer.writerow([
            org.name, org.business_id, org.actor_type, org.town_code, org.street_address,
            org.postal_code, str(org.latitude).replace(".", ","),
            str(org.longitude).replace(".", ","), org.website, org.employees, org.size_class,
            ";".join(org.industries), ";".join(org.competences), "1" if org.is_public else "0",
            org.descriptions.get("fi", ""), org.descriptions.get("sv", ""),
            org.descriptions.get("en", ""),
        ])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def report_timed(label, function):
    run = timed(function)
    report = run.result
    print(f"{label}: {run.wall:.2f} s wall, {run.cpu:.2f} s CPU — {len(report.created):,} "
          f"created, {len(report.updated):,} updated, {len(report.unchanged):,} unchanged, "
          f"{len(report.rejected_rows):,} rejected")
    return report


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=10_000)
    args = parser.parse_args()
    setup_django()

    from seutu_crm.importers.organisations import import_organisations
    from seutu_crm.models import Organisation
    from seutu_crm.reference import load_reference_data

    load_reference_data()
    started = time.perf_counter()
    data = make_csv(args.size)
    print(f"CSV: {args.size:,} rows, {len(data) / 1e6:.1f} MB, made in "
          f"{time.perf_counter() - started:.1f} s")

    report = report_timed("dry run", lambda: import_organisations(data, "bench.csv", dry_run=True))
    for error in report.errors[:5]:
        print(f"  row {error.row}, {error.column}: {error.message}")
    assert not Organisation.objects.exists()
    report_timed("import", lambda: import_organisations(data, "bench.csv"))
    print(f"organisations in the register: {Organisation.objects.count():,}")
    report_timed("re-import (same file)", lambda: import_organisations(data, "bench.csv"))


if __name__ == "__main__":
    main()
