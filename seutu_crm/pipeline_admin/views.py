"""Town-scoped versions of Wagtail's snippet views, shared by the pipeline viewsets."""

from django.core.exceptions import PermissionDenied
from wagtail.admin.ui.tables import TitleColumn
from wagtail.snippets.views import chooser as chooser_views
from wagtail.snippets.views import snippets as snippet_views

from ..spreadsheets import FormulaSafeExportMixin
from ..permission_policies import policy_for
from .scoped import (
    ScopedBaseObjectMixin,
    ScopedGetObjectMixin,
    ScopedSingleObjectMixin,
    ScopedViewMixin,
    scoped_queryset,
)


class ScopedIndexView(ScopedViewMixin, FormulaSafeExportMixin, snippet_views.IndexView):
    """The listing and its CSV/XLSX export: rows come from the viewset's scoped get_queryset();
    no CSV cell runs as a formula (:mod:`seutu_crm.spreadsheets`)."""

    #: Link the title to the inspect view (the lead page) rather than the edit form.
    title_links_to_inspect = False

    def _get_title_column(self, field_name, column_class=TitleColumn, **kwargs):
        column = super()._get_title_column(field_name, column_class, **kwargs)
        if self.title_links_to_inspect and self.inspect_url_name:
            column._get_url_func = self.get_inspect_url
        return column


class ScopedCreateView(ScopedViewMixin, snippet_views.CreateView):
    pass


class ScopedEditView(ScopedSingleObjectMixin, snippet_views.EditView):
    scope_actions = ("change",)


class ScopedDeleteView(ScopedSingleObjectMixin, snippet_views.DeleteView):
    scope_actions = ("delete",)


class ScopedHistoryView(ScopedBaseObjectMixin, snippet_views.HistoryView):
    pass


class ScopedUsageView(ScopedBaseObjectMixin, snippet_views.UsageView):
    pass


class ScopedInspectView(ScopedGetObjectMixin, snippet_views.InspectView):
    pass


# -- choosers: wagtail's chooser views check nothing beyond admin access ------------------


class ScopedChooserAccessMixin:
    """A chooser is for linking rows: refused outright to a user who may link none.

    (A viewer, a page editor, and anybody at all for a model nobody may change, such as the
    Invest-in inquiries; Wagtail's chooser views would answer them with an empty list.)
    """

    #: A chooser offers the rows the user may link to, i.e. may change.
    scope_actions = ("change",)

    def dispatch(self, request, *args, **kwargs):
        policy = policy_for(self.model_class)
        if not policy.user_has_any_permission(request.user, self.scope_actions):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_scoped_rows(self):
        return scoped_queryset(self.model_class, self.request.user, self.scope_actions)


class ScopedChooseMixin(ScopedChooserAccessMixin):
    def get_object_list(self):
        return self.get_scoped_rows()


class ScopedChooseView(ScopedChooseMixin, chooser_views.ChooseView):
    def can_create(self):
        return False


class ScopedChooseResultsView(ScopedChooseMixin, chooser_views.ChooseResultsView):
    def can_create(self):
        return False


class ScopedChosenView(ScopedChooserAccessMixin, chooser_views.SnippetChosenView):
    def get_object(self, pk):
        # DoesNotExist for another town's row: the chosen view turns it into a 404.
        return self.get_scoped_rows().get(pk=pk)


class ScopedChosenMultipleView(ScopedChooserAccessMixin, chooser_views.SnippetChosenMultipleView):
    def get_objects(self, pks):
        return self.get_scoped_rows().filter(pk__in=pks)


class NoChooserCreateView(chooser_views.SnippetCreateView):
    """Creating rows from a chooser would bypass the scoped forms; it is not offered."""

    def dispatch(self, request, *args, **kwargs):
        raise PermissionDenied


class ScopedChooserViewSet(chooser_views.SnippetChooserViewSet):
    choose_view_class = ScopedChooseView
    choose_results_view_class = ScopedChooseResultsView
    chosen_view_class = ScopedChosenView
    chosen_multiple_view_class = ScopedChosenMultipleView
    create_view_class = NoChooserCreateView

