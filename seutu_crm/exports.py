"""Organisations as rows of a spreadsheet, in the column spelling the importer reads.

An exported listing can be edited in a spreadsheet and imported again unchanged.
"""

ORGANISATION_COLUMNS = (
    "name",
    "business_id",
    "actor_type",
    "town_code",
    "street_address",
    "postal_code",
    "latitude",
    "longitude",
    "website",
    "employees",
    "size_class",
    "industries",
    "competences",
    "is_public",
    "description_fi",
    "description_sv",
    "description_en",
)

CHUNK_SIZE = 2000


def organisation_rows(queryset, chunk_size=CHUNK_SIZE):
    """Dicts keyed by :data:`ORGANISATION_COLUMNS` for the organisations of ``queryset``.

    Reads a chunk of organisations at a time and their industries, competences and
    descriptions in one query each per chunk: memory stays flat and the query count grows
    with the number of chunks only, however large the register.
    """
    from .models import Organisation, OrganisationDescription

    industry_links = Organisation.industries.through.objects
    competence_links = Organisation.competences.through.objects
    chunk = []
    for organisation in queryset.select_related("town").iterator(chunk_size=chunk_size):
        chunk.append(organisation)
        if len(chunk) == chunk_size:
            yield from _rows_of_chunk(chunk, industry_links, competence_links,
                                      OrganisationDescription.objects)
            chunk = []
    if chunk:
        yield from _rows_of_chunk(chunk, industry_links, competence_links,
                                  OrganisationDescription.objects)


def _rows_of_chunk(organisations, industry_links, competence_links, descriptions):
    pks = [o.pk for o in organisations]
    industries, competences, texts = {}, {}, {}
    for pk, code in industry_links.filter(organisation_id__in=pks).values_list(
        "organisation_id", "industry__code"
    ):
        industries.setdefault(pk, []).append(code)
    for pk, slug in competence_links.filter(organisation_id__in=pks).values_list(
        "organisation_id", "competence__slug"
    ):
        competences.setdefault(pk, []).append(slug)
    for pk, language, text in descriptions.filter(organisation_id__in=pks).values_list(
        "organisation_id", "language", "text"
    ):
        texts.setdefault(pk, {})[language] = text
    for organisation in organisations:
        yield organisation_row(
            organisation,
            industries=industries.get(organisation.pk, ()),
            competences=competences.get(organisation.pk, ()),
            descriptions=texts.get(organisation.pk, {}),
        )


def organisation_row(organisation, *, industries, competences, descriptions):
    """One organisation as a dict keyed by :data:`ORGANISATION_COLUMNS`."""
    return {
        "name": organisation.name,
        "business_id": organisation.business_id or "",
        "actor_type": organisation.actor_type,
        "town_code": organisation.town.code,
        "street_address": organisation.street_address,
        "postal_code": organisation.postal_code,
        "latitude": organisation.latitude,
        "longitude": organisation.longitude,
        "website": organisation.website,
        "employees": organisation.employees,
        "size_class": organisation.size_class,
        "industries": ";".join(sorted(industries)),
        "competences": ";".join(sorted(competences)),
        "is_public": organisation.is_public,
        "description_fi": descriptions.get("fi", ""),
        "description_sv": descriptions.get("sv", ""),
        "description_en": descriptions.get("en", ""),
    }
