"""Chooser modals for page editors: public organisations and competences.

Editors pick actors for pages from the public ones only; the CRM's own admin has its own
choosers. ``register_widget`` is off so these never replace the CRM's widgets.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.generic.chooser import ChooseResultsView, ChooseView
from wagtail.admin.viewsets.chooser import ChooserViewSet
from wagtail.models import Locale


class PublicOrganisationChooseMixin:
    def get_object_list(self):
        return super().get_object_list().filter(is_public=True).select_related("town")


class PublicOrganisationChooseView(PublicOrganisationChooseMixin, ChooseView):
    pass


class PublicOrganisationChooseResultsView(PublicOrganisationChooseMixin, ChooseResultsView):
    pass


class PublicOrganisationChooserViewSet(ChooserViewSet):
    model = "seutu_crm.Organisation"
    icon = "group"
    choose_one_text = _("Choose a public organisation")
    choose_another_text = _("Choose another organisation")
    choose_view_class = PublicOrganisationChooseView
    choose_results_view_class = PublicOrganisationChooseResultsView
    register_widget = False


class DefaultLocaleCompetenceChooseMixin:
    # Organisations link to the default-locale competences; pages do the same.
    def get_object_list(self):
        return super().get_object_list().filter(locale=Locale.get_default())


class CompetenceChooseView(DefaultLocaleCompetenceChooseMixin, ChooseView):
    pass


class CompetenceChooseResultsView(DefaultLocaleCompetenceChooseMixin, ChooseResultsView):
    pass


class CompetenceChooserViewSet(ChooserViewSet):
    model = "seutu_crm.Competence"
    icon = "tag"
    choose_one_text = _("Choose a competence")
    choose_another_text = _("Choose another competence")
    choose_view_class = CompetenceChooseView
    choose_results_view_class = CompetenceChooseResultsView
    register_widget = False


organisation_chooser_viewset = PublicOrganisationChooserViewSet(
    "seutu_pages_organisation_chooser", url_prefix="seutu-pages/choose-organisation"
)
competence_chooser_viewset = CompetenceChooserViewSet(
    "seutu_pages_competence_chooser", url_prefix="seutu-pages/choose-competence"
)
