"""Search results as visitors get them: links to public profile pages, and the JSON shape of
the API (documented in the README). Used by both the search page and the API, so the two can
never disagree."""

from django.urls import NoReverseMatch, reverse
from django.utils.http import urlencode
from django.utils.text import slugify


def actor_directory(language):
    """The network-wide actor directory in ``language`` (else the default locale), or None."""
    try:
        from seutu_pages.models import ActorDirectoryPage
    except ImportError:  # seutu_pages is optional for the search app
        return None
    directories = ActorDirectoryPage.objects.live().public().filter(town__isnull=True)
    by_language = {d.locale.language_code[:2]: d for d in directories.select_related("locale")}
    return by_language.get(language) or by_language.get("fi") or next(
        iter(by_language.values()), None
    )


class HitLinks:
    """Resolves the public URL of each hit with a fixed number of queries per page of hits."""

    def __init__(self, language, hits=(), request=None):
        from seutu_crm.models import Competence

        self.language = language
        self.request = request
        self._directory_url = None
        self._resolved = False
        competence_ids = [hit.object_id for hit in hits if hit.kind == "competence"]
        self._competence_slugs = dict(
            Competence.objects.filter(pk__in=competence_ids).values_list("pk", "slug")
        ) if competence_ids else {}

    def _directory(self):
        if not self._resolved:
            self._resolved = True
            directory = actor_directory(self.language)
            if directory is not None:
                url = directory.get_url(self.request)
                if url:
                    self._directory_url = (directory, url)
        return self._directory_url

    def url(self, hit):
        if hit.kind == "organisation":
            found = self._directory()
            if found is None:
                return ""
            directory, base = found
            return base + directory.reverse_subpage(
                "actor_profile", kwargs={"pk": hit.object_id, "slug": slugify(hit.name)}
            )
        if hit.kind == "competence":
            slug = self._competence_slugs.get(hit.object_id)
            return search_page_url(self.language, {"competence": slug}) if slug else ""
        return hit.url


def search_page_url(language, params):
    from django.utils import translation

    try:
        with translation.override(language):
            base = reverse("seutu_search:search")
    except NoReverseMatch:
        return ""
    return f"{base}?{urlencode(params, doseq=True)}"


def hit_as_json(hit, links):
    return {
        "kind": hit.kind,
        "id": hit.object_id,
        "name": hit.name,
        "business_id": hit.business_id or None,
        "town": {"code": hit.town_code, "name": hit.town_name} if hit.town_code else None,
        "url": links.url(hit),
        "highlights": hit.highlights,
        "distance_km": None if hit.distance_km is None else round(hit.distance_km, 1),
    }


def facet_as_json(facet):
    return [{"value": v.value, "label": v.label, "count": v.count} for v in facet.values]


def results_as_json(results, request=None):
    links = HitLinks(results.query.language, results.hits, request)
    help = results.zero_result_help
    return {
        "total": results.total,
        "total_approximate": results.total_approximate,
        "page": results.query.page,
        "page_size": results.query.page_size,
        "num_pages": results.num_pages,
        "results": [hit_as_json(hit, links) for hit in results.hits],
        "facets": {name: facet_as_json(facet) for name, facet in results.facets.items()},
        "facets_approximate": [name for name, f in results.facets.items() if f.approximate],
        "did_you_mean": results.did_you_mean,
        "zero_result_help": (
            {"competences": help.competences, "towns": help.towns} if help else None
        ),
    }
