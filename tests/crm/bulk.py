"""Many organisations quickly, for tests that compare behaviour at two sizes."""

from django.db import transaction

from seutu_crm.models import Organisation
from seutu_crm.signals import organisations_changed


@transaction.atomic
def bulk_organisations(count, towns, competences=(), start=0):
    """``count`` organisations spread over ``towns``, each with one of ``competences``."""
    organisations = Organisation.objects.bulk_create(
        Organisation(
            name=f"Toimija {start + n:06d} Oy",
            actor_type="company",
            town=towns[n % len(towns)],
            is_public=n % 2 == 0,
        )
        for n in range(count)
    )
    if competences:
        through = Organisation.competences.through
        through.objects.bulk_create(
            through(organisation_id=o.pk, competence_id=competences[n % len(competences)].pk)
            for n, o in enumerate(organisations)
        )
    organisations_changed.send(sender=Organisation, pks=[o.pk for o in organisations])
    return organisations
