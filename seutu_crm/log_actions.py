"""The CRM's own actions in Wagtail's audit log (history views, site history report).

None of them puts personal data in the log: the personal-data actions label the contact by
its number only.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import LogFormatter

from .models import Activity, Contact, CRMLogEntry, HigherEducationTie, Lead, Stage, Task


class StageChangeFormatter(LogFormatter):
    label = _("Change stage")

    def format_message(self, log_entry):
        data = log_entry.data or {}
        try:
            return _("Moved from %(from)s to %(to)s") % {
                "from": Stage(data["from"]).label if data.get("from") else "–",
                "to": Stage(data["to"]).label,
            }
        except (KeyError, ValueError):
            return _("Stage changed")


class ReferralFormatter(LogFormatter):
    label = _("Refer to another town")

    def format_message(self, log_entry):
        data = log_entry.data or {}
        try:
            return _("Referred from %(from)s to %(to)s") % {
                "from": data["from_town"]["name"],
                "to": data["to_town"]["name"],
            }
        except (KeyError, TypeError):
            return _("Referred to another town")


def register_log_actions(actions):
    # Town-private models log to CRMLogEntry, which shows entries to their town only.
    for model in (Lead, Contact, Activity, Task, HigherEducationTie):
        actions.register_model(model, CRMLogEntry)
    actions.register_action("seutu_crm.stage_change")(StageChangeFormatter)
    actions.register_action("seutu_crm.referral")(ReferralFormatter)
    actions.register_action("seutu_crm.owner_change", _("Change owner"), _("Owner changed"))
    actions.register_action(
        "seutu_crm.partnership_proposal", _("Propose a partnership"), _("Partnership proposed")
    )
    actions.register_action(
        "seutu_crm.partnership_answer", _("Answer a partnership proposal"),
        _("Partnership proposal answered"),
    )
    actions.register_action(
        "seutu_crm.personal_data.export", _("Export personal data"), _("Personal data exported")
    )
    actions.register_action(
        "seutu_crm.personal_data.erase", _("Erase personal data"), _("Personal data erased")
    )
