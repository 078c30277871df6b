"""The pipeline board: one column per stage, cards moved by drag and drop or by a select.

The board costs the same few queries whatever the number of leads: one aggregate for the
column totals and one for the cards, which are capped per column (the totals still count
every lead) because a column of thousands of cards helps nobody.
"""

from django.core.exceptions import ValidationError
from django.db.models import Count, F, Sum, Window
from django.db.models.functions import RowNumber
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.html import format_html_join
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, View
from wagtail.admin import messages
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.views.generic import PermissionCheckedMixin, WagtailAdminTemplateMixin

from ..conf import get_setting
from ..ecosystem.labels import competence_names
from ..models import Lead, Stage
from ..permission_policies import policy_for
from ..scoping import get_scope
from ..services import pipeline
from .filters import BoardFilterSet
from .forms import MoveLeadForm
from .scoped import scoped_queryset

CARD_FIELDS = (
    "pk",
    "stage",
    "town_id",
    "organisation__name",
    "town__name_fi",
    "town__name_sv",
    "estimated_investment",
    "estimated_jobs",
    "next_step",
    "next_step_date",
    "owner__username",
    "owner__first_name",
    "owner__last_name",
    "gap__slug",
    "gap_fit",
)


class BoardView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    model = Lead
    template_name = "seutu_crm/kanban_board.html"
    page_title = gettext_lazy("Pipeline board")
    header_icon = "grid"
    any_permission_required = ["view", "change"]
    index_url_name = None
    inspect_url_name = None
    board_url_name = None

    @property
    def permission_policy(self):
        return policy_for(Lead)

    def get_filterset(self):
        return BoardFilterSet(
            self.request.GET or None,
            queryset=scoped_queryset(Lead, self.request.user),
            request=self.request,
        )

    def get_breadcrumbs_items(self):
        items = []
        if self.index_url_name:
            items.append({"url": reverse(self.index_url_name), "label": _("Leads")})
        items.append({"url": "", "label": self.page_title})
        return self.breadcrumbs_items + items

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filterset = self.get_filterset()
        leads = filterset.qs if filterset.is_bound and filterset.is_valid() else filterset.queryset
        can_move = self.permission_policy.user_has_permission(self.request.user, "change")
        namespace = self.request.resolver_match.namespace
        context.update(
            {
                "filters": filterset,
                "columns": board_columns(
                    leads,
                    card_limit=get_setting("BOARD_CARDS_PER_STAGE"),
                    writable_town_ids=get_scope(self.request.user).town_ids(write=True)
                    if can_move
                    else (),
                    move_url=reverse(f"{namespace}:move", args=(0,)),
                    inspect_url=reverse(self.inspect_url_name, args=(0,)),
                ),
                "can_move": can_move,
                # Card labels translated once, not once per card.
                "labels": {
                    "town": _("Town"),
                    "value": _("Value"),
                    "jobs": _("Jobs"),
                    "owner": _("Owner"),
                    "next_step": _("Next step"),
                    "overdue": _("Overdue"),
                    "stage": _("Stage"),
                    "move": _("Move"),
                    "gap": _("Gap it would close"),
                    "fit": _("Gap fit"),
                },
                "next_url": self.request.get_full_path(),
            }
        )
        return context


def _euros(value):
    if value is None:
        return ""
    return f"{number_format(value, decimal_pos=0, force_grouping=True)} €"


def _url_for(template, pk):
    # URLs of the form ".../0/" built once and filled per card: no reverse() per card.
    head, _zero, tail = template.rpartition("/0/")
    return f"{head}/{pk}/{tail}"


def board_columns(leads, card_limit, writable_town_ids=(), move_url="", inspect_url=""):
    """Columns of the board for the queryset ``leads``: totals per stage and the first cards.

    Two queries whatever the size: totals by an aggregate, cards by a window function that
    keeps the first ``card_limit`` leads of each stage (soonest next step first).
    """
    totals = {
        row["stage"]: row
        for row in leads.order_by()
        .values("stage")
        .annotate(
            count=Count("pk"),
            investment=Sum("estimated_investment"),
            jobs=Sum("estimated_jobs"),
        )
    }
    ranked = leads.order_by().annotate(
        position=Window(
            RowNumber(),
            partition_by=[F("stage")],
            order_by=[F("next_step_date").asc(nulls_last=True), F("pk").asc()],
        )
    )
    cards = ranked.filter(position__lte=card_limit).values(*CARD_FIELDS).order_by(
        "stage", "position"
    )
    today = timezone.localdate()
    open_stages = set(Stage.open_stages())
    language = (get_language() or "fi")[:2]
    by_stage = {stage: [] for stage in Stage.values}
    cards = list(cards)
    # Gap names in the reader's language, read only when a card has a gap.
    gap_names = (
        {c.slug: c.name for c in competence_names(language).values()}
        if any(card["gap__slug"] for card in cards)
        else {}
    )
    for card in cards:
        card["gap_name"] = gap_names.get(card["gap__slug"], "")
        # Formatted here rather than with template filters: the board may hold a thousand
        # cards, and per-card filter calls are most of its rendering time.
        card["town_name"] = (language == "sv" and card["town__name_sv"]) or card["town__name_fi"]
        owner = " ".join(
            part for part in (card["owner__first_name"], card["owner__last_name"]) if part
        )
        card["owner_name"] = owner or card["owner__username"] or ""
        card["value"] = _euros(card["estimated_investment"])
        next_date = card["next_step_date"]
        card["next_step_iso"] = next_date.isoformat() if next_date else ""
        card["next_step_display"] = date_format(next_date, "SHORT_DATE_FORMAT") if next_date else ""
        card["overdue"] = bool(next_date and card["stage"] in open_stages and next_date < today)
        card["movable"] = card["town_id"] in writable_town_ids
        card["move_url"] = _url_for(move_url, card["pk"])
        card["inspect_url"] = _url_for(inspect_url, card["pk"])
        by_stage[card["stage"]].append(card)
    columns = []
    for stage, label in Stage.choices:
        total = totals.get(stage, {})
        count = total.get("count", 0)
        columns.append(
            {
                "stage": stage,
                "label": label,
                "count": count,
                "investment": total.get("investment") or 0,
                "jobs": total.get("jobs") or 0,
                "cards": by_stage[stage],
                "hidden": count - len(by_stage[stage]),
                # The same <option>s on every card of the column: built once.
                "stage_options": format_html_join(
                    "",
                    '<option value="{}"{}>{}</option>',
                    ((value, " selected" if value == stage else "", text) for value, text in Stage.choices),
                ),
            }
        )
    return columns


class MoveLeadView(PermissionCheckedMixin, View):
    """POST a stage for one lead. Answers JSON to the board's script, else redirects back."""

    model = Lead
    http_method_names = ["post"]
    permission_required = "change"
    index_url_name = None
    inspect_url_name = None
    board_url_name = None

    @property
    def permission_policy(self):
        return policy_for(Lead)

    @property
    def wants_json(self):
        return "application/json" in self.request.headers.get("Accept", "")

    def post(self, request, pk):
        lead = get_object_or_404(scoped_queryset(Lead, request.user, ["change"]), pk=pk)
        form = MoveLeadForm(request.POST)
        error = None
        if form.is_valid():
            try:
                pipeline.move_stage(
                    lead,
                    form.cleaned_data["stage"],
                    user=request.user,
                    note=form.cleaned_data["note"],
                    lost_reason=form.cleaned_data["lost_reason"],
                )
            except ValidationError as exc:
                error = " ".join(exc.messages)
        else:
            error = " ".join(" ".join(errors) for errors in form.errors.values())

        if self.wants_json:
            if error:
                return JsonResponse({"ok": False, "error": error}, status=400)
            return JsonResponse(
                {
                    "ok": True,
                    "lead": lead.pk,
                    "stage": lead.stage,
                    "stage_label": lead.get_stage_display(),
                    "message": _("%(lead)s moved to %(stage)s.")
                    % {"lead": lead.organisation.name, "stage": lead.get_stage_display()},
                }
            )
        if error:
            messages.error(request, error)
        else:
            messages.success(
                request,
                _("%(lead)s moved to %(stage)s.")
                % {"lead": lead.organisation.name, "stage": lead.get_stage_display()},
            )
        next_url = get_valid_next_url_from_request(request) or reverse(self.board_url_name)
        return redirect(next_url)
