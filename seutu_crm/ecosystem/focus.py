"""A town's strategic focus: the competences and industries its strategy names.

The strategy itself is a page of the public site (``seutu_pages.StrategyPage``), and the CRM
does not import the site: the site answers through the hook ``seutu_strategy_focus``, a
function ``(town or None) -> StrategyFocus or None`` (``None`` asks for the network's own
strategy). The gap analysis weighs a competence by whether the town's focus names it.
"""

from dataclasses import dataclass

from wagtail import hooks

FOCUS_HOOK = "seutu_strategy_focus"


@dataclass(frozen=True)
class StrategyFocus:
    competences: frozenset = frozenset()  # competence slugs
    industries: frozenset = frozenset()  # TOL codes: sections (letters) or divisions (digits)

    def __or__(self, other):
        return StrategyFocus(
            self.competences | other.competences, self.industries | other.industries
        )

    def names_industry(self, code):
        """Whether the focus names this TOL division or the section it belongs to."""
        return code in self.industries


def strategy_focus(town):
    """The union of what every ``seutu_strategy_focus`` hook says of ``town``."""
    focus = StrategyFocus()
    for answer in hooks.get_hooks(FOCUS_HOOK):
        found = answer(town)
        if found is not None:
            focus |= found
    return focus
