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

# What to prefetch so that writing rows costs a fixed number of queries.
ORGANISATION_ROW_RELATED = ("town",)
ORGANISATION_ROW_PREFETCH = ("industries", "competences", "descriptions")


def organisation_row(organisation):
    """``organisation`` as a dict keyed by :data:`ORGANISATION_COLUMNS`."""
    descriptions = {d.language: d.text for d in organisation.descriptions.all()}
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
        "industries": ";".join(sorted(i.code for i in organisation.industries.all())),
        "competences": ";".join(sorted(c.slug for c in organisation.competences.all())),
        "is_public": organisation.is_public,
        "description_fi": descriptions.get("fi", ""),
        "description_sv": descriptions.get("sv", ""),
        "description_en": descriptions.get("en", ""),
    }
