"""Admin views of the gap analysis: a town's gaps, the candidates for one, and what a
business developer does with them (a lead, a partnership proposal). Thin: the analysis is in
:mod:`seutu_crm.ecosystem.gaps` and :mod:`~seutu_crm.ecosystem.candidates`, the writes in
:mod:`seutu_crm.services.gap_actions`.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, View
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Locale

from ..ecosystem.gap_explanations import explained_candidates, explained_gaps
from ..ecosystem.gaps import GapLabel, town_gaps
from ..models import Competence, Dimension, Organisation, PartnershipProposal, Town
from ..scoping import get_scope
from ..services.gap_actions import answer_proposal, create_gap_lead, propose_partnership
from .access import EcosystemAccessMixin
from .gap_forms import GapFilterForm, ProposalAnswerForm, ProposalForm


class TownViewMixin(EcosystemAccessMixin, WagtailAdminTemplateMixin):
    """A view of one network town, found by its code in the URL."""

    header_icon = "site"

    def dispatch(self, request, *args, code, **kwargs):
        self.town = get_object_or_404(Town, code=code, in_network=True)
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return self.town.name

    def can_act(self):
        """May the user make leads and proposals for this town?"""
        return get_scope(self.request.user).can_write(self.town.pk)

    def town_breadcrumbs(self, *items):
        return [
            *super().get_breadcrumbs_items(),
            {"url": reverse("seutu_ecosystem:index"), "label": gettext_lazy("Ecosystem")},
            {"url": reverse("seutu_ecosystem:town", args=[self.town.code]),
             "label": self.town.name},
            *items,
        ]


class GapsView(TownViewMixin, TemplateView):
    template_name = "seutu_crm/ecosystem/gaps.html"
    page_subtitle = gettext_lazy("Competence gaps")

    def get_breadcrumbs_items(self):
        return self.town_breadcrumbs({"url": "", "label": gettext_lazy("Gaps")})

    def get_context_data(self, **kwargs):
        form = GapFilterForm(self.request.GET or None)
        dimension = form.chosen()[0]
        table = explained_gaps(self.town, dimension)
        rows = form.rows(table)
        return super().get_context_data(
            town=self.town,
            form=form,
            table=table,
            rows=rows,
            is_competence=dimension == Dimension.COMPETENCE,
            counts=[(label, sum(1 for g in table.rows if g.label == label)) for label in GapLabel],
            can_act=self.can_act(),
            proposals_url=reverse("seutu_ecosystem:proposals"),
            **kwargs,
        )


def default_competence(slug):
    return get_object_or_404(Competence, slug=slug, locale_id=Locale.get_default().pk)


class CandidatesView(TownViewMixin, TemplateView):
    template_name = "seutu_crm/ecosystem/candidates.html"

    def dispatch(self, request, *args, slug, **kwargs):
        self.slug = slug
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return _("Candidates")

    def get_breadcrumbs_items(self):
        return self.town_breadcrumbs(
            {"url": reverse("seutu_ecosystem:gaps", args=[self.town.code]),
             "label": gettext_lazy("Gaps")},
            {"url": "", "label": self.found.names.get(self.slug, self.slug)},
        )

    def get(self, request, *args, **kwargs):
        default_competence(self.slug)  # 404 for a competence that does not exist
        self.found = explained_candidates(self.town, self.slug)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        gap = self.found.gap
        return super().get_context_data(
            town=self.town,
            found=self.found,
            gap=gap,
            name=self.found.names.get(self.slug, self.slug),
            can_act=self.can_act(),
            proposal_form=ProposalForm(),
            lead_url_name="seutu_leads:inspect",
            **kwargs,
        )


class CreateGapLeadView(TownViewMixin, View):
    """POST: the town's lead for a candidate, from one click in the candidates list."""

    http_method_names = ["post"]

    def post(self, request, *args, slug, pk, **kwargs):
        competence = default_competence(slug)
        organisation = get_object_or_404(Organisation, pk=pk)
        # The other gaps of the town it would close go into the lead's competences too.
        gaps = {gap.key for gap in town_gaps(self.town).gaps()}
        brings = organisation.competences.filter(slug__in=gaps)
        back = reverse("seutu_ecosystem:candidates", args=[self.town.code, slug])
        try:
            lead, created = create_gap_lead(
                self.town, organisation, competence, request.user, brings=list(brings)
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(back)
        url = reverse("seutu_leads:inspect", args=[lead.pk])
        if created:
            messages.success(
                request,
                format_html(_("Lead created: {}."), format_html('<a href="{}">{}</a>', url, lead)),
            )
        else:
            messages.info(
                request,
                format_html(
                    _("The town already has a lead for it: {}."),
                    format_html('<a href="{}">{}</a>', url, lead),
                ),
            )
        return redirect(f"{back}#candidate-{pk}")


class ProposePartnershipView(TownViewMixin, View):
    """POST: a partnership proposal to a town specialised in the town's gap."""

    http_method_names = ["post"]

    def post(self, request, *args, slug, partner, **kwargs):
        competence = default_competence(slug)
        partner_town = get_object_or_404(Town, code=partner, in_network=True)
        form = ProposalForm(request.POST)
        back = reverse("seutu_ecosystem:candidates", args=[self.town.code, slug])
        if not form.is_valid():
            messages.error(request, " ".join(m for e in form.errors.values() for m in e))
            return redirect(back)
        try:
            propose_partnership(
                self.town, partner_town, competence, request.user, form.cleaned_data["message"]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(back)
        messages.success(
            request,
            _("Partnership proposed to %(town)s.") % {"town": partner_town.name},
        )
        return redirect(back)


class ProposalsView(EcosystemAccessMixin, WagtailAdminTemplateMixin, TemplateView):
    """The partnership proposals the user's towns made and received."""

    template_name = "seutu_crm/ecosystem/proposals.html"
    page_title = gettext_lazy("Partnership proposals")
    header_icon = "group"

    def get_breadcrumbs_items(self):
        return [
            *super().get_breadcrumbs_items(),
            {"url": reverse("seutu_ecosystem:index"), "label": gettext_lazy("Ecosystem")},
            {"url": "", "label": gettext_lazy("Partnership proposals")},
        ]

    def get_context_data(self, **kwargs):
        scope = get_scope(self.request.user)
        towns = scope.town_ids()
        proposals = (
            PartnershipProposal.objects.filter(Q(from_town__in=towns) | Q(to_town__in=towns))
            .select_related("from_town", "to_town", "competence", "proposed_by")
        )
        writable = set(scope.town_ids(write=True))
        return super().get_context_data(
            received=[p for p in proposals if p.to_town_id in towns],
            made=[p for p in proposals if p.from_town_id in towns],
            writable=writable,
            answer_form=ProposalAnswerForm(),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        proposal = get_object_or_404(
            PartnershipProposal, pk=request.POST.get("proposal"),
            to_town__in=get_scope(request.user).town_ids(write=True),
        )
        form = ProposalAnswerForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Accept or decline the proposal."))
        else:
            try:
                answer_proposal(proposal, form.cleaned_data["answer"], request.user)
                messages.success(request, _("Your answer was recorded."))
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
        return redirect("seutu_ecosystem:proposals")
