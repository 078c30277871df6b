"""The strategy editor's read-only panel: how far each saved goal is from its target."""

from wagtail.admin.panels import Panel

from .strategy_progress import strategy_progress


class GoalProgressPanel(Panel):
    """The goals as saved (computed ones as of the latest snapshot), with their charts."""

    @property
    def clean_name(self):
        return super().clean_name or "goal_progress"

    class BoundPanel(Panel.BoundPanel):
        template_name = "seutu_pages/admin/goal_progress_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["goals"] = strategy_progress(self.instance).goals if self.instance.pk else []
            return context
