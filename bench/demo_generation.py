"""Time the demo generator: `python bench/demo_generation.py --size 100000`.

Prints the time to load reference data and to generate N organisations (with their
descriptions, competences, industries, contacts and relations), and the rows written.
"""

import argparse
import time

from crm_setup import setup_django


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--batch-size", type=int, default=2000)
    args = parser.parse_args()
    setup_django()

    from seutu_crm.demo import generate_organisations
    from seutu_crm.models import Contact, Organisation, OrganisationDescription
    from seutu_crm.reference import load_reference_data

    started = time.perf_counter()
    load_reference_data()
    print(f"reference data: {time.perf_counter() - started:.2f} s")

    result = generate_organisations(args.size, batch_size=args.batch_size)
    rate = result.created / result.seconds if result.seconds else 0
    print(f"organisations: {result.created:,} created in {result.seconds:.2f} s "
          f"({rate:,.0f}/s; CPU {result.cpu_seconds:.2f} s), batch size {args.batch_size}")
    print(f"rows: {Organisation.objects.count():,} organisations, "
          f"{OrganisationDescription.objects.count():,} descriptions, "
          f"{Organisation.competences.through.objects.count():,} competence links, "
          f"{Organisation.industries.through.objects.count():,} industry links, "
          f"{Contact.objects.count():,} contacts")

    again = generate_organisations(args.size, batch_size=args.batch_size)
    print(f"re-run (nothing to add): {again.skipped:,} skipped in {again.seconds:.2f} s")


if __name__ == "__main__":
    main()
