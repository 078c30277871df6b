"""What is indexed: :class:`SearchDocument`, and the builders that make one from a record.

Only public data ever becomes a document. Organisations: only ``is_public`` ones and only their
public fields (name, Business ID, public descriptions, competences, industries, town, region,
actor type, coordinates, website). Never contacts, leads, notes, tags, addresses or employee
counts. Competences: every translation of a competence in one document. Pages: live, public
Wagtail pages, with text taken from their fields (pages are optional; a site without
``seutu_pages`` still gets generic Wagtail pages).

Builders work in batches with a fixed number of queries per batch, so a rebuild runs in
bounded memory and time per document (:func:`iter_document_batches`). ``version`` is a hash of
the document's content: when it differs from the indexed one, the index is stale
(:func:`expected_versions` feeds ``check()``).
"""

import hashlib
from dataclasses import dataclass, field
from typing import Optional

import orjson
from django.utils import translation
from django.utils.html import strip_tags

from . import language

ORGANISATION = "organisation"
COMPETENCE = "competence"
PAGE = "page"


def document_id(kind, pk):
    return f"{kind}:{pk}"


def parse_document_id(doc_id):
    """``"organisation:42"`` → ``("organisation", 42)``; ValueError for anything else."""
    kind, _, pk = str(doc_id).partition(":")
    if kind not in (ORGANISATION, COMPETENCE, PAGE) or not pk.isdigit():
        raise ValueError(f"not a search document id: {doc_id!r}")
    return kind, int(pk)


@dataclass
class SearchDocument:
    """One indexed thing, in plain values a backend stores as it likes.

    Text fields keep the original text (shown, highlighted); :meth:`terms` gives the normalised
    terms a backend matches on, in three weighted fields: ``name`` (names), ``keywords``
    (competences, synonyms, industries, places, actor type) and ``text`` (descriptions, body).
    Facet fields hold codes: ``town_code``, ``region_code``, ``actor_type``, ``competences``
    (default-locale slugs), ``industry_sections`` (TOL letters).
    """

    kind: str
    object_id: int
    name: str
    names: dict = field(default_factory=dict)  # {language: name} where names are translated
    descriptions: dict = field(default_factory=dict)  # {language: text}
    keywords: dict = field(default_factory=dict)  # {"competences": [..], "places": [..], ...}
    language: str = ""  # set for documents in one language only (pages)
    url: str = ""
    business_id: str = ""
    town_code: str = ""
    town_name_fi: str = ""
    town_name_sv: str = ""
    region_code: str = ""
    actor_type: str = ""
    competences: list = field(default_factory=list)
    industry_sections: list = field(default_factory=list)
    latitude: Optional[float] = None
    longitude: Optional[float] = None

    @property
    def id(self):
        return document_id(self.kind, self.object_id)

    def name_in(self, language_code):
        return self.names.get(language_code) or self.name

    def town_name_in(self, language_code):
        if language_code == "sv" and self.town_name_sv:
            return self.town_name_sv
        return self.town_name_fi

    def facet_values(self):
        """``[(facet, value)]`` for every facet value of this document."""
        pairs = []
        for facet, value in (
            ("town", self.town_code),
            ("region", self.region_code),
            ("type", self.actor_type),
        ):
            if value:
                pairs.append((facet, value))
        pairs.extend(("competence", slug) for slug in self.competences)
        pairs.extend(("industry_section", s) for s in self.industry_sections)
        return pairs

    def name_text(self):
        return "\n".join(dict.fromkeys([self.name, *self.names.values()]))

    def description_text(self):
        return "\n".join(self.descriptions.values())

    def term_sources(self):
        """``{"name", "keywords", "text"}`` → what :meth:`terms` analyses for that field."""
        return {
            "name": self.name_text() + " " + self.business_id,
            "keywords": tuple(tuple(values) for values in self.keywords.values()),
            "text": self.description_text(),
        }

    def terms(self):
        """``{"name", "keywords", "text"}`` → space-separated normalised terms."""
        return {name: analyse_terms(name, source)
                for name, source in self.term_sources().items()}

    def to_dict(self):
        # Shallow: field values are plain lists, dicts and scalars (asdict's deep copy is slow).
        return {name: getattr(self, name) for name in self.__dataclass_fields__}

    @classmethod
    def from_dict(cls, data):
        return cls(**{k: v for k, v in data.items() if k in cls.__dataclass_fields__})

    @property
    def version(self):
        return self.version_of(self.to_dict())

    @staticmethod
    def version_of(data):
        """A hash of the document's content (``data`` = its ``to_dict()``)."""
        return SearchDocument.serialise(data)[1]

    @staticmethod
    def serialise(data):
        """``(JSON of data, its version)``: what a backend stores, and the hash of it."""
        payload = orjson.dumps(data, option=orjson.OPT_SORT_KEYS, default=str)
        return payload.decode(), hashlib.sha1(payload).hexdigest()


TERM_FIELDS = ("name", "keywords", "text")
_DIGEST_SIZE = 8  # bytes: 16 hex characters a field


def analyse_terms(field_name, source):
    """The terms of one of :meth:`SearchDocument.term_sources`' fields."""
    if field_name == "keywords":
        # Group by group: the same as analysing all keywords as one text, at a cached price.
        return " ".join(filter(None, map(language.analyse_phrases, source)))
    return language.analyse_text(source)


def term_digests(sources):
    """A digest of each field's source and of the analysis (``TERM_FIELDS`` order, 16 hex
    characters each): the same digest means the same terms, so a backend that stored the
    terms beside the digest need not analyse that field again."""
    signature = language.analysis_signature() + "\x00"
    digests = []
    for name in TERM_FIELDS:
        source = sources[name]
        if name == "keywords":
            source = "\x1e".join("\x1f".join(values) for values in source)
        digests.append(hashlib.blake2b((signature + source).encode(),
                                       digest_size=_DIGEST_SIZE).hexdigest())
    return tuple(digests)


# -- builders ------------------------------------------------------------------------------------


def _labels(choices_label):
    """A lazy label in each site language, deduplicated (untranslated labels repeat)."""
    labels = []
    for code in language.LANGUAGES:
        with translation.override(code):
            text = str(choices_label)
        if text not in labels:
            labels.append(text)
    return labels


class _Taxonomy:
    """Everything an organisation document refers to, loaded once per batch of documents:
    competence translations, industries and their sections, towns and regions, type labels."""

    def __init__(self):
        from seutu_crm.models import ActorType, Competence, Industry, Region, Town

        self.competence_terms = {}  # translation_key -> [names and synonyms of every locale]
        self.competence_slug = {}  # pk -> (slug, translation_key)
        for pk, key, slug, name, synonyms in Competence.objects.values_list(
            "pk", "translation_key", "slug", "name", "synonyms"
        ):
            terms = self.competence_terms.setdefault(key, [])
            terms.append(name)
            terms.extend(s.strip() for s in synonyms.replace(",", "\n").splitlines() if s.strip())
            self.competence_slug[pk] = (slug, key)
        self.industries = {
            pk: (code, parent, names)
            for pk, code, parent, *names in Industry.objects.values_list(
                "pk", "code", "parent_id", "name_fi", "name_sv", "name_en"
            )
        }
        regions = {pk: (code, fi, sv) for pk, code, fi, sv in Region.objects.values_list(
            "pk", "code", "name_fi", "name_sv")}
        self.towns = {}
        for pk, code, fi, sv, region_id, lat, lon in Town.objects.values_list(
            "pk", "code", "name_fi", "name_sv", "region_id", "latitude", "longitude"
        ):
            region = regions.get(region_id, ("", "", ""))
            self.towns[pk] = {"code": code, "fi": fi, "sv": sv, "region": region[0],
                              "places": list(dict.fromkeys(n for n in (fi, sv, region[1],
                                                                       region[2]) if n)),
                              "lat": lat, "lon": lon}
        self.type_labels = {value: _labels(label) for value, label in ActorType.choices}

    def section(self, industry_id):
        node, seen = industry_id, set()
        while node in self.industries and self.industries[node][1] and node not in seen:
            seen.add(node)
            node = self.industries[node][1]
        return self.industries.get(node, ("",))[0]


ORGANISATION_FIELDS = ("pk", "name", "business_id", "actor_type", "town_id", "latitude",
                       "longitude", "website")


def organisation_queryset():
    """Public organisations: the only ones ever indexed."""
    from seutu_crm.models import Organisation

    return Organisation.objects.public().order_by("pk")


def build_organisation_documents(rows, taxonomy=None):
    """Documents for ``rows`` of public organisations (``values_list(*ORGANISATION_FIELDS)``),
    with four queries for the whole batch whatever its size."""
    from seutu_crm.models import Organisation, OrganisationDescription

    taxonomy = taxonomy or _Taxonomy()
    pks = [row[0] for row in rows]
    descriptions, competences, industries = {}, {}, {}
    for pk, lang, text in OrganisationDescription.objects.filter(
        organisation_id__in=pks
    ).values_list("organisation_id", "language", "text"):
        if text:
            descriptions.setdefault(pk, {})[lang] = text
    for pk, competence_id in Organisation.competences.through.objects.filter(
        organisation_id__in=pks
    ).values_list("organisation_id", "competence_id"):
        competences.setdefault(pk, []).append(competence_id)
    for pk, industry_id in Organisation.industries.through.objects.filter(
        organisation_id__in=pks
    ).values_list("organisation_id", "industry_id"):
        industries.setdefault(pk, []).append(industry_id)
    documents = []
    for pk, name, business_id, actor_type, town_id, latitude, longitude, website in rows:
        town = taxonomy.towns[town_id]
        competence_words, slugs = [], set()
        for competence_id in competences.get(pk, ()):
            slug, key = taxonomy.competence_slug[competence_id]
            slugs.add(slug)
            competence_words.extend(taxonomy.competence_terms.get(key, []))
        industry_words, sections = [], set()
        for industry_id in industries.get(pk, ()):
            industry_words.extend(dict.fromkeys(taxonomy.industries[industry_id][2]))
            sections.add(taxonomy.section(industry_id))
        if latitude is None or longitude is None:
            latitude, longitude = town["lat"], town["lon"]  # the town's centre is near enough
        documents.append(SearchDocument(
            kind=ORGANISATION,
            object_id=pk,
            name=name,
            descriptions=descriptions.get(pk, {}),
            keywords={
                "competences": list(dict.fromkeys(competence_words)),
                "industries": industry_words,
                "places": town["places"],
                "type": taxonomy.type_labels.get(actor_type, [actor_type]),
            },
            url=website or "",
            business_id=business_id or "",
            town_code=town["code"],
            town_name_fi=town["fi"],
            town_name_sv=town["sv"],
            region_code=town["region"],
            actor_type=actor_type,
            competences=sorted(slugs),
            industry_sections=sorted(s for s in sections if s),
            latitude=latitude,
            longitude=longitude,
        ))
    return documents


def build_organisation_document(organisation):
    """The document of one public organisation; ValueError for a non-public one."""
    if not organisation.is_public:
        raise ValueError("only public organisations are indexed")
    rows = list(organisation_queryset().filter(pk=organisation.pk).values_list(
        *ORGANISATION_FIELDS))
    return build_organisation_documents(rows)[0]


def competence_groups(translation_keys=None):
    """``{translation_key: [rows of every locale]}`` for competences (default locale first)."""
    from seutu_crm.models import Competence
    from wagtail.models import Locale

    default_locale = Locale.get_default()
    rows = Competence.objects.select_related("locale").order_by("pk")
    if translation_keys is not None:
        rows = rows.filter(translation_key__in=list(translation_keys))
    groups = {}
    for row in rows:
        groups.setdefault(row.translation_key, []).append(row)
    for key, members in groups.items():
        members.sort(key=lambda r: (r.locale_id != default_locale.pk, r.pk))
    return groups


def build_competence_document(rows, public_counts=None):
    """One document for a competence and all its translations (``rows``, default first)."""
    primary = rows[0]
    names = {row.locale.language_code[:2]: row.name for row in rows}
    synonyms = [s for row in rows for s in row.synonym_list]
    return SearchDocument(
        kind=COMPETENCE,
        object_id=primary.pk,
        name=primary.name,
        names=names,
        descriptions={row.locale.language_code[:2]: row.description for row in rows if row.description},
        keywords={"synonyms": list(dict.fromkeys(synonyms))},
        competences=[primary.slug],
    )


def page_text(page):
    """Searchable text of a page: search description and the text of its content fields."""
    from wagtail.fields import RichTextField, StreamField

    parts = [page.search_description or ""]
    for model_field in page._meta.get_fields():
        if model_field.name in ("title", "search_description", "seo_title", "slug", "url_path"):
            continue
        if isinstance(model_field, StreamField):
            value = getattr(page, model_field.name, None)
            if value is not None:
                parts.extend(_strings(value.get_prep_value()))
        elif isinstance(model_field, RichTextField):
            parts.append(strip_tags(getattr(page, model_field.name, "") or ""))
    return "\n".join(p.strip() for p in parts if p and p.strip())


def _strings(data):
    """Every human string inside StreamField JSON (block types and ids left out)."""
    if isinstance(data, str):
        text = strip_tags(data).strip()
        return [text] if " " in text or len(text) > 2 and not text.isidentifier() else []
    if isinstance(data, dict):
        return [s for k, v in data.items() if k not in ("type", "id") for s in _strings(v)]
    if isinstance(data, (list, tuple)):
        return [s for item in data for s in _strings(item)]
    return []


def page_queryset():
    from wagtail.models import Page

    return Page.objects.live().public().filter(depth__gt=1).select_related("locale").order_by("pk")


def build_page_document(page):
    specific = page.specific
    lang = (page.locale.language_code if page.locale_id else "fi")[:2]
    return SearchDocument(
        kind=PAGE,
        object_id=page.pk,
        name=page.title,
        names={lang: page.title},
        descriptions={lang: page_text(specific)},
        language=lang,
        url=page.url or "",
    )


# -- batches -------------------------------------------------------------------------------------


def _organisation_batches(batch_size, pks=None):
    queryset = organisation_queryset()
    if pks is not None:
        queryset = queryset.filter(pk__in=list(pks))
    taxonomy = None
    last_pk = 0
    while True:
        rows = list(queryset.filter(pk__gt=last_pk).values_list(*ORGANISATION_FIELDS)[:batch_size])
        if not rows:
            return
        taxonomy = taxonomy or _Taxonomy()
        yield build_organisation_documents(rows, taxonomy)
        last_pk = rows[-1][0]


def iter_document_batches(kinds=(ORGANISATION, COMPETENCE, PAGE), batch_size=1000):
    """Yield lists of documents of every public record, ``batch_size`` at a time."""
    if ORGANISATION in kinds:
        yield from _organisation_batches(batch_size)
    if COMPETENCE in kinds:
        batch = [build_competence_document(rows) for rows in competence_groups().values()]
        for start in range(0, len(batch), batch_size):
            yield batch[start : start + batch_size]
    if PAGE in kinds:
        pages = page_queryset()
        last_pk = 0
        while True:
            chunk = list(pages.filter(pk__gt=last_pk)[:batch_size])
            if not chunk:
                break
            yield [build_page_document(p) for p in chunk]
            last_pk = chunk[-1].pk


def documents_for(kind, pks):
    """``(documents, ids_to_delete)`` for records of ``kind`` with these primary keys.

    What the outbox drainer calls: records that are gone or not public (any more) come back
    as ids to delete, so making an organisation private removes it from the index.
    """
    pks = {int(pk) for pk in pks}
    documents = []
    if kind == ORGANISATION:
        for batch in _organisation_batches(1000, pks):
            documents.extend(batch)
    elif kind == COMPETENCE:
        from seutu_crm.models import Competence

        keys = set(Competence.objects.filter(pk__in=pks).values_list("translation_key", flat=True))
        for rows in competence_groups(keys).values():
            documents.append(build_competence_document(rows))
    elif kind == PAGE:
        documents = [build_page_document(p) for p in page_queryset().filter(pk__in=pks)]
    else:
        raise ValueError(f"unknown kind of document: {kind!r}")
    found = {d.object_id for d in documents}
    gone = [document_id(kind, pk) for pk in sorted(pks - found)]
    return documents, gone


def default_kinds():
    """The kinds of document indexed: pages only with ``SEUTU_SEARCH["INDEX_PAGES"]``."""
    from .conf import get_setting

    return (ORGANISATION, COMPETENCE, PAGE) if get_setting("INDEX_PAGES") else (
        ORGANISATION, COMPETENCE)


def expected_versions(kinds=None, batch_size=2000):
    """``{id: version}`` of everything that should be indexed now."""
    kinds = kinds or default_kinds()
    return {
        document.id: document.version
        for batch in iter_document_batches(kinds, batch_size)
        for document in batch
    }
