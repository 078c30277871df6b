"""What a strategy's editor chooses from: competences, industries and computed indicators.

The choices are callables (Wagtail asks for them whenever it draws the editor), so the names
are in the editor's language and a competence added to the taxonomy is offered at once. The
values are language-neutral codes (competence slugs, TOL codes, indicator keys): a translated
strategy keeps them as they are, and wagtail-localize makes no segments of them.
"""

from seutu_crm.ecosystem.goals import ParameterNames
from seutu_crm.ecosystem.goals import indicator_choices as _indicator_choices
from seutu_crm.ecosystem.labels import competence_names
from seutu_crm.models import Industry


def competence_choices():
    """[(broader competence, [(slug, name), …]), …]: one entry per competence, whatever the
    number of languages (the default-locale rows, which organisations link to)."""
    names = competence_names()
    children = {}
    for name in names.values():
        children.setdefault(name.parent_id, []).append(name)
    groups = []
    for root in sorted(children.get(None, []), key=lambda n: n.name.lower()):
        options = [(root.slug, root.name)]
        options += [(child.slug, child.name)
                    for child in sorted(children.get(root.pk, []), key=lambda n: n.name.lower())]
        groups.append((root.name, options))
    return groups


def industry_choices():
    """[(section, [(code, "code name"), …]), …]: TOL sections, each with its divisions."""
    industries = ParameterNames().industries
    groups = {code: [(code, name)] for code, name in industries.items() if code.isalpha()}
    sections = _sections_of_divisions()
    for code, name in sorted(industries.items()):
        if code.isdigit() and sections.get(code) in groups:
            groups[sections[code]].append((code, name))
    return [(options[0][1], options) for _code, options in sorted(groups.items())]


def _sections_of_divisions():
    return {
        code: section
        for code, section in Industry.objects.filter(parent__isnull=False).values_list(
            "code", "parent__code"
        )
    }


def indicator_choices():
    return _indicator_choices()
