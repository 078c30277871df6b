"""Each gap score in words a business developer reads: what the town has, what the network
has, what it is related to, what the strategy says, and what to do.

Sentences speak of "the town" rather than naming it, so that Finnish and Swedish need no
inflected town names; names of competences, towns and institutions stand in lists.
"""

from dataclasses import asdict

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ..models import Dimension
from .candidates import candidates
from .gaps import GapLabel, town_gaps


def explained_gaps(town, dimension=Dimension.COMPETENCE, language=None):
    """:func:`.gaps.town_gaps` with every row's ``sentences`` filled in."""
    table = town_gaps(town, dimension, language)
    for gap in table.rows:
        gap.sentences = explain(gap, table)
    return table


def _number(value, digits=1):
    return number_format(round(value, digits), digits)


def _list(names):
    names = [str(n) for n in names]
    if len(names) < 2:
        return "".join(names)
    return _("%(names)s and %(last)s") % {"names": ", ".join(names[:-1]), "last": names[-1]}


def explain(gap, table):
    """The sentences that explain ``gap``'s score and label."""
    sentences = [_presence(gap, table.dimension)]
    if gap.lq is not None:
        sentences.append(
            _(
                "Its location quotient against the network is %(lq)s, smoothed for the "
                "town's size (1 is the network's average)."
            )
            % {"lq": _number(gap.lq, 2)}
        )
    if gap.lq_finland is not None:
        sentences.append(
            _("Against Finland's workplaces the quotient is %(lq)s.")
            % {"lq": _number(gap.lq_finland, 2)}
        )
    if gap.label != GapLabel.STRENGTH:
        sentences.append(_relatedness(gap, table))
    if gap.focus == 1:
        sentences.append(_("It is a focus of the town's strategy."))
    elif gap.focus_broader:
        sentences.append(
            _("Its broader area, %(name)s, is a focus of the town's strategy.")
            % {"name": table.names.get(gap.focus_broader, gap.focus_broader)}
        )
    sentences.append(_advice(gap))
    return sentences


def _presence(gap, dimension):
    if not gap.network_count:
        if dimension == Dimension.COMPETENCE:
            return _("Nobody in the network's towns has this competence.")
        return _("Nobody in the network's towns works in this industry.")
    values = {"count": gap.count, "average": _number(gap.network_average)}
    if not gap.count:
        if dimension == Dimension.COMPETENCE:
            text = _(
                "The town has no actors with this competence; the network's towns have "
                "%(average)s on average."
            )
        else:
            text = _(
                "The town has no actors in this industry; the network's towns have "
                "%(average)s on average."
            )
        return text % values
    if dimension == Dimension.COMPETENCE:
        text = ngettext(
            "The town has %(count)s actor with this competence; the network's towns have "
            "%(average)s on average.",
            "The town has %(count)s actors with this competence; the network's towns have "
            "%(average)s on average.",
            gap.count,
        )
    else:
        text = ngettext(
            "The town has %(count)s actor in this industry; the network's towns have "
            "%(average)s on average.",
            "The town has %(count)s actors in this industry; the network's towns have "
            "%(average)s on average.",
            gap.count,
        )
    return text % values


def _relatedness(gap, table):
    if not gap.related:
        return _("It is not related to what the town is strong in.")
    names = _list(table.names.get(key, key) for key in gap.related)
    if gap.relatedness >= 0.5:
        return _("It is closely related to the town's strengths: %(names)s.") % {"names": names}
    return _("It is somewhat related to the town's strengths: %(names)s.") % {"names": names}


def _advice(gap):
    if gap.label == GapLabel.STRENGTH:
        return _("The town is specialised in it.")
    if gap.label == GapLabel.PARTNER:
        return _("Specialised in it in the network: %(towns)s. Partner with them.") % {
            "towns": _list(share.name for share in gap.partners)
        }
    if gap.label == GapLabel.UNIVERSITY:
        return _(
            "Higher-education and research actors in university towns have it: %(names)s. "
            "Build it with them."
        ) % {"names": _list(gap.institutions)}
    if gap.institutions:
        return _(
            "Attract an actor who brings it. Higher-education and research actors in "
            "university towns work on it too: %(names)s."
        ) % {"names": _list(gap.institutions)}
    return _("Attract an actor who brings it.")


def explained_candidates(town, slug, limit=None, language=None):
    """:func:`.candidates.candidates` with every candidate's ``sentences`` filled in."""
    found = candidates(town, slug, **({"limit": limit} if limit else {}), language=language)
    for candidate in found.candidates:
        candidate.sentences = explain_candidate(candidate, found.names)
    return found


def explain_candidate(candidate, names):
    """Why ``candidate`` ranks where it does, in the order it is ranked by."""
    sentences = []
    if candidate.gaps_closed:
        sentences.append(
            ngettext(
                "It would close %(count)s of the town's gaps: %(names)s.",
                "It would close %(count)s of the town's gaps: %(names)s.",
                len(candidate.gaps_closed),
            )
            % {
                "count": len(candidate.gaps_closed),
                "names": _list(names.get(key, key) for key in candidate.gaps_closed),
            }
        )
    if candidate.ties:
        sentences.append(
            _("It is tied directly to the town's actors: %(names)s.")
            % {"names": _list(sorted({tie.actor for tie in candidate.ties}))}
        )
    elif candidate.paths:
        path = candidate.paths[0]
        sentences.append(
            ngettext(
                "It is two steps from the town's actors: through %(via)s to %(actor)s.",
                "It is two steps from the town's actors along %(count)s paths, e.g. through "
                "%(via)s to %(actor)s.",
                len(candidate.paths),
            )
            % {"via": path.via, "actor": path.actor, "count": len(candidate.paths)}
        )
    else:
        sentences.append(_("It has no ties to the town's actors yet."))
    if candidate.distance_km is not None:
        sentences.append(
            _("Location: %(town)s, %(km)s km away.")
            % {"town": candidate.town, "km": number_format(round(candidate.distance_km))}
        )
    if candidate.employees:
        sentences.append(_("Employees: %(count)s.") % {"count": candidate.employees})
    return sentences


def gaps_json(table):
    """The explained gap table as plain JSON-able values (the command's ``--format json``)."""
    data = asdict(table)
    data["rows"] = [{**asdict(gap), "is_gap": gap.is_gap} for gap in table.rows]
    del data["names"]
    return data


def candidates_json(found):
    """The explained candidates as plain JSON-able values."""
    data = asdict(found)
    data["gap"] = asdict(found.gap) if found.gap else None
    del data["names"]
    data["candidates"] = [
        {**asdict(c), "path_length": c.path_length} for c in found.candidates
    ]
    return data
