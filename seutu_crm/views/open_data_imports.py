"""Admin views: import open data — PRH's companies and Statistics Finland's key figures.

Upload → a dry run shows what would be created, updated, kept and skipped (every broken
record by its position) → "Confirm import" runs the real import. Unlike the organisations
import of people's spreadsheets, a register's file imports record by record: broken records
are skipped and the rest are written (:mod:`seutu_crm.importers.open_data`).

PRH: whoever may add organisations may import, but only into towns they may write
(``organisation_permission_policy``); records of other towns are reported as skipped. The
municipality filter defaults to the user's own town when they keep exactly one.
StatFin key figures describe every town of the network: coordinators only.

Between preview and confirm the upload waits in a private temporary directory under a random
token that the session also keeps (as in :mod:`.imports`, under a session key of its own so
that an organisations import under way is not discarded); the confirm step accepts nothing
but that token.
"""


from django import forms
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.defaults import permission_denied
from django.views.generic import View
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from ..importers.prh import import_prh
from ..importers.statfin import import_statfin
from ..importers.tables import FileTooLarge, check_file_size
from ..models import Town
from ..permission_policies import organisation_permission_policy
from ..scoping import get_scope
from .imports import user_can_import
from .uploads import PendingUpload

PRH_URL_NAME = "seutu_crm_import_prh"
STATFIN_URL_NAME = "seutu_crm_import_statfin"
EXTENSIONS = (".json", ".jsonl", ".ndjson", ".txt")
PROBLEMS_SHOWN = 500  # broken, skipped and kept records listed on a preview


def user_can_import_statfin(user):
    return get_scope(user).coordinator and user.has_perm("wagtailadmin.access_admin")


class JSONFileForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("File"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(EXTENSIONS):
            raise forms.ValidationError(_("Choose a .json file."))
        try:
            check_file_size(upload.size)
        except FileTooLarge as error:
            raise forms.ValidationError(str(error)) from error
        return upload


class PrhFileForm(JSONFileForm):
    municipality = forms.ChoiceField(label=gettext_lazy("Municipality"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        towns = organisation_permission_policy.writable_towns(user).order_by("name_fi")
        self.fields["municipality"].choices = [
            ("", _("Every town I may import for")),
            *((town.code, f"{town.name} ({town.code})") for town in towns),
        ]
        self.fields["municipality"].help_text = _(
            "Only the companies whose address is in this municipality are imported."
        )
        own = get_scope(user).writable
        if len(own) == 1 and not get_scope(user).coordinator:
            self.fields["municipality"].initial = (
                Town.objects.filter(pk=next(iter(own))).values_list("code", flat=True).first()
            )


class OpenDataImportView(WagtailAdminTemplateMixin, View):
    """Upload, preview (a dry run), confirm. Subclasses say who may and what is imported."""

    template_name = "seutu_crm/open_data_import.html"
    header_icon = "upload"
    url_name = ""
    kind = ""

    def user_may_import(self, user):
        raise NotImplementedError

    def run(self, data, details, *, dry_run):
        raise NotImplementedError

    def make_form(self, *args, **kwargs):
        return JSONFileForm(*args, **kwargs)

    def details(self, form):
        """What the confirm step must repeat of the upload form (besides the file)."""
        return {}

    def dispatch(self, request, *args, **kwargs):
        if not self.user_may_import(request.user):
            # A real 403 rather than Wagtail's redirect to the dashboard (see .imports).
            return permission_denied(request, PermissionDenied())
        self.pending = PendingUpload(f"seutu_crm_import_{self.kind}")
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        return self.render(form=self.make_form())

    def post(self, request):
        if "token" in request.POST:
            return self.confirm(request)
        form = self.make_form(request.POST, request.FILES)
        if not form.is_valid():
            return self.render(form=form)
        upload = form.cleaned_data["file"]
        data = upload.read()  # at most IMPORT_MAX_FILE_BYTES: the form checked its size
        details = self.details(form) | {"filename": upload.name}
        report = self.run(data, details, dry_run=True)
        token = self.pending.store(request, data, **details) if report.ok else None
        return self.render(form=form, report=report, token=token, filename=upload.name)

    def confirm(self, request):
        pending = self.pending.read(request, request.POST["token"])
        if pending is None:
            messages.error(request, _("That upload has expired or is not yours; upload the file again."))
            return redirect(self.url_name)
        data, details = pending
        report = self.run(data, details, dry_run=False)
        self.pending.discard(request)
        if not report.ok:
            return self.render(form=self.make_form(), report=report, filename=details["filename"])
        messages.success(request, self.summary(report))
        return redirect(self.success_url(details))

    def success_url(self, details):
        return reverse(self.url_name)

    def render(self, **context):
        context |= {"kind": self.kind, "confirm_url": reverse(self.url_name),
                    "problems_shown": PROBLEMS_SHOWN}
        return TemplateResponse(self.request, self.template_name,
                                self.get_context_data(**context))


class PrhImportView(OpenDataImportView):
    page_title = gettext_lazy("Import companies from PRH")
    url_name = PRH_URL_NAME
    kind = "prh"

    def user_may_import(self, user):
        return user_can_import(user)

    def make_form(self, *args, **kwargs):
        return PrhFileForm(*args, user=self.request.user, **kwargs)

    def details(self, form):
        return {"municipality": form.cleaned_data["municipality"] or None}

    def run(self, data, details, *, dry_run):
        return import_prh(data, dry_run=dry_run, municipality=details.get("municipality"),
                          user=self.request.user)

    def summary(self, report):
        return _(
            "Imported from PRH: %(created)s organisations created, %(updated)s updated, "
            "%(unchanged)s unchanged, %(skipped)s skipped, %(broken)s broken records."
        ) % {"created": report.created, "updated": report.updated,
             "unchanged": report.unchanged, "skipped": report.skipped_count,
             "broken": len(report.errors)}

    def success_url(self, details):
        """The imported town's profile, where its new companies show."""
        if details.get("municipality"):
            try:
                return reverse("seutu_ecosystem:town", args=(details["municipality"],))
            except NoReverseMatch:
                pass
        return super().success_url(details)


class StatFinImportView(OpenDataImportView):
    page_title = gettext_lazy("Import key figures from Statistics Finland")
    url_name = STATFIN_URL_NAME
    kind = "statfin"

    def user_may_import(self, user):
        return user_can_import_statfin(user)

    def run(self, data, details, *, dry_run):
        return import_statfin(data, dry_run=dry_run)

    def summary(self, report):
        return _(
            "Imported %(table)s: %(created)s key figures created, %(updated)s updated, "
            "%(unchanged)s unchanged."
        ) % {"table": report.table, "created": report.created, "updated": report.updated,
             "unchanged": report.unchanged}


# --- admin wiring (registered in seutu_crm.wagtail_hooks) -----------------------------------


def admin_urls():
    return [
        path("seutu/import/prh/", PrhImportView.as_view(), name=PRH_URL_NAME),
        path("seutu/import/statfin/", StatFinImportView.as_view(), name=STATFIN_URL_NAME),
    ]


class _ImportMenuItem(MenuItem):
    def __init__(self, label, url_name, may_import, order):
        super().__init__(label, reverse(url_name), icon_name="upload", order=order)
        self.may_import = may_import

    def is_shown(self, request):
        return self.may_import(request.user)


def prh_menu_item():
    """For the Ecosystem menu."""
    return _ImportMenuItem(gettext_lazy("Import companies from PRH"), PRH_URL_NAME,
                           user_can_import, 900)


def statfin_menu_item():
    return _ImportMenuItem(gettext_lazy("Import key figures"), STATFIN_URL_NAME,
                           user_can_import_statfin, 910)
