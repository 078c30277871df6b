"""The demo strategies' goals on computed indicators, in fi, sv and en.

Every town's strategy measures its active actors and its public actors from the snapshots;
Raahe's also its hydrogen-economy actors (the gap analysis's demo story), towards four.
Baselines are the register's figures when the demo is built; targets are the goals.
"""

from seutu_crm.models import Competence, Organisation, OrganisationStatus

GOAL_YEAR = 2030

TITLES = {
    "actors": {"fi": "Elinvoimainen toimijakenttä", "sv": "Ett livskraftigt aktörsfält",
               "en": "A thriving field of actors"},
    "public": {"fi": "Näkyvät toimijat", "sv": "Synliga aktörer", "en": "Visible actors"},
    "competence:vetytalous": {"fi": "Vetytalouden toimijat", "sv": "Aktörer inom vätgasekonomi",
                              "en": "Hydrogen economy actors"},
}
ENTERED_SOURCE = {
    "fi": "Kaupungin elinvoimakatsaus 2025", "sv": "Stadens livskraftsöversikt 2025",
    "en": "The town's vitality review 2025",
}


def computed_goals(town):
    """[(indicator key, baseline, target)] of ``town``'s strategy."""
    active = Organisation.objects.filter(town=town, status=OrganisationStatus.ACTIVE)
    actors, public = active.count(), active.filter(is_public=True).count()
    goals = [
        ("actors", actors, max(actors + 1, round(actors * 1.15))),
        ("public", public, max(public + 1, round(public * 1.25))),
    ]
    if town.code == "678" and Competence.objects.filter(slug="vetytalous").exists():
        hydrogen = active.filter(competences__slug="vetytalous").distinct().count()
        goals.append(("competence:vetytalous", hydrogen, max(4, hydrogen + 3)))
    return goals


def goal_blocks(town, language, entered):
    """The goal blocks of a strategy in ``language``: ``entered`` first, then the computed."""
    blocks = [
        {"type": "goal", "value": {
            "title": title, "indicator": indicator, "unit": unit, "computed": "",
            "values": [{"date": "2025-12-31", "value": current,
                        "source": ENTERED_SOURCE[language]}],
            "baseline": baseline, "target": target, "year": GOAL_YEAR}}
        for title, indicator, unit, baseline, target, current in entered
    ]
    blocks += [
        {"type": "goal", "value": {
            "title": TITLES[key][language], "indicator": "", "unit": "", "computed": key,
            "values": [], "baseline": baseline, "target": target, "year": GOAL_YEAR}}
        for key, baseline, target in computed_goals(town)
    ]
    return blocks


def translated_goals(page, language, texts):
    """The source page's goals with titles (and entered indicators' names) in ``language``."""
    entered = iter(texts["goals"])
    goals = []
    for goal in page.goals.raw_data:
        value = dict(goal["value"])
        if value.get("computed"):
            value["title"] = TITLES.get(value["computed"], {}).get(language, value["title"])
        else:
            title, indicator, unit = next(entered)[:3]
            value.update(title=title, indicator=indicator, unit=unit)
            value["values"] = [dict(v, source=ENTERED_SOURCE[language])
                               for v in value.get("values") or []]
        goals.append({"type": "goal", "value": value})
    return goals


HYDROGEN_FOCUS = {
    "fi": ("Vetytalous ja vedyntuotanto", "<p>Raahe rakentaa terästeollisuutensa rinnalle "
           "vihreän vedyn tuotantoa ja käyttöä.</p>"),
    "sv": ("Vätgasekonomi och vätgasproduktion", "<p>Brahestad bygger upp produktion och "
           "användning av grön vätgas vid sidan av sin stålindustri.</p>"),
    "en": ("Hydrogen economy and production", "<p>Raahe is building the production and use "
           "of green hydrogen alongside its steel industry.</p>"),
}


def extra_focus_areas(town, language):
    """Focus areas beyond the town's top competences: Raahe's hydrogen."""
    if town.code != "678":
        return []
    title, description = HYDROGEN_FOCUS[language]
    return [{"type": "focus_area", "value": {
        "title": title, "description": description,
        "competences": ["vetytalous", "vedyntuotanto"], "industries": ["35"]}}]
