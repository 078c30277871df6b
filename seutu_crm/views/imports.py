"""Admin views: import organisations from a CSV or XLSX file.

Upload → a dry run shows what would be created, updated and rejected (every bad row, with
its row, column and reason) → "Confirm import" runs the real, atomic import.

The file's size and header are checked at once (:func:`check_file`). A file of more rows than
``SEUTU_CRM["IMPORT_BACKGROUND_ROWS"]`` is then checked and written by a django-tasks task
(:mod:`seutu_crm.importers.jobs`): the upload leads to the job's page, which refreshes itself
while the task runs and shows the preview and the confirm button when it is done. Only the
user who started a job sees its page (any other user gets a 404).

A smaller file is checked within the request. Until it is confirmed it waits in a private
temporary directory under a random token that is also kept in the user's session; the confirm
step accepts nothing but that token, so a re-posted or forged form can neither change the
file nor reach another user's upload.
"""

from django import forms
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.defaultfilters import filesizeformat
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, path, reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.views.defaults import permission_denied
from django.views.generic import View
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets import HeaderButton
from wagtail.permissions import policy_registry

from ..conf import get_setting
from ..importers.jobs import confirm_job, preview_of, start_job
from ..importers.organisations import COLUMNS, check_file, import_organisations
from ..importers.reports import ReportPreview
from ..importers.tables import FileTooLarge, check_file_size
from ..models import ImportJob, Organisation
from .uploads import PendingUpload

URL_NAME = "seutu_crm_import_organisations"
JOB_URL_NAME = "seutu_crm_import_job"
SESSION_KEY = "seutu_crm_import_organisations"
PENDING = PendingUpload(SESSION_KEY)
EXTENSIONS = (".csv", ".xlsx", ".txt")
REFRESH_SECONDS = 2  # how often a running job's page reloads itself


def user_can_import(user):
    """Importing creates organisations: only users who may add them may import."""
    policy = policy_registry.get_by_type(Organisation)
    return policy.user_has_permission(user, "add")


class ImportFileForm(forms.Form):
    file = forms.FileField(label=_("File"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "CSV (UTF-8, comma or semicolon separated) or Excel XLSX, at most %(size)s."
        ) % {"size": filesizeformat(get_setting("IMPORT_MAX_FILE_BYTES"))}

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(EXTENSIONS):
            raise forms.ValidationError(_("Choose a .csv or .xlsx file."))
        try:
            check_file_size(upload.size)
        except FileTooLarge as error:
            raise forms.ValidationError(str(error)) from error
        return upload


class ImportPermissionMixin:
    def dispatch(self, request, *args, **kwargs):
        if not user_can_import(request.user):
            # A real 403: Wagtail would turn a raised PermissionDenied into a redirect to the
            # dashboard, which hides the refusal from scripts and assistive technology.
            return permission_denied(request, PermissionDenied())
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        items = list(self.breadcrumbs_items)
        listing = organisations_listing_url()
        if listing:
            items.append({"url": listing, "label": _("Organisations")})
        return [*items, {"url": "", "label": self.page_title}]


class ImportOrganisationsView(ImportPermissionMixin, WagtailAdminTemplateMixin, View):
    template_name = "seutu_crm/import_organisations.html"
    page_title = _("Import organisations")
    header_icon = "upload"

    def get(self, request):
        return self.render(form=ImportFileForm())

    def post(self, request):
        if "token" in request.POST:
            return self.confirm(request)
        form = ImportFileForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render(form=form)
        upload = form.cleaned_data["file"]
        data = upload.read()  # at most IMPORT_MAX_FILE_BYTES: the form checked its size
        check = check_file(data, upload.name)
        if check.ok and check.expected_rows > get_setting("IMPORT_BACKGROUND_ROWS"):
            job = start_job(request.user, data, upload.name, translation.get_language())
            return redirect(JOB_URL_NAME, pk=job.pk)
        report = import_organisations(data, upload.name, dry_run=True, user=request.user)
        token = PENDING.store(request, data, filename=upload.name) if report.ok else None
        return self.render(form=ImportFileForm(), report=report, token=token,
                           filename=upload.name)

    def confirm(self, request):
        token = request.POST["token"]
        pending = PENDING.read(request, token)
        if pending is None:
            messages.error(request, _("That upload has expired or is not yours; upload the file again."))
            return redirect(URL_NAME)
        data, details = pending
        filename = details["filename"]
        report = import_organisations(data, filename, user=request.user)
        if not report.ok:
            # The register changed since the preview (or the file was never valid).
            return self.render(form=ImportFileForm(), report=report, token=token,
                               filename=filename)
        PENDING.discard(request)
        messages.success(request, ReportPreview.of(report).summary())
        return redirect(organisations_listing_url() or URL_NAME)

    def render(self, **context):
        if (report := context.get("report")) is not None:
            preview = ReportPreview.of(report)
            context |= {"preview": preview, "created": preview.created,
                        "confirm_url": reverse(URL_NAME)}
        context |= {
            "columns": COLUMNS,
            "max_rows": get_setting("IMPORT_MAX_ROWS"),
            "background_rows": get_setting("IMPORT_BACKGROUND_ROWS"),
        }
        return TemplateResponse(self.request, self.template_name,
                                self.get_context_data(**context))


class ImportJobView(ImportPermissionMixin, WagtailAdminTemplateMixin, View):
    """A background import's page: progress while its task runs, then the preview or result."""

    template_name = "seutu_crm/import_job.html"
    page_title = _("Import organisations")
    header_icon = "upload"

    def dispatch(self, request, *args, **kwargs):
        self.job = None
        if user_can_import(request.user):
            jobs = ImportJob.objects.of_user(request.user).defer("data")
            self.job = get_object_or_404(jobs, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, pk):
        job = self.job
        context = {
            "job": job,
            "preview": preview_of(job),
            "refresh_seconds": None if job.finished else REFRESH_SECONDS,
            "confirm_url": reverse(JOB_URL_NAME, kwargs={"pk": job.pk}),
            "filename": job.filename,
            "listing_url": organisations_listing_url(),
        }
        return TemplateResponse(request, self.template_name, self.get_context_data(**context))

    def post(self, request, pk):
        """Confirm: have the task write the checked file."""
        if not confirm_job(self.job):
            messages.error(request, _("This import cannot be confirmed; upload the file again."))
        return redirect(JOB_URL_NAME, pk=self.job.pk)


def organisations_listing_url():
    viewset = getattr(Organisation, "snippet_viewset", None)
    try:
        return reverse(viewset.get_url_name("list")) if viewset else None
    except NoReverseMatch:
        return None


# --- the uploaded file between preview and confirm ------------------------------------------


# --- admin wiring (registered in seutu_crm.wagtail_hooks) -----------------------------------


def admin_urls():
    return [
        path("seutu/import/organisations/", ImportOrganisationsView.as_view(), name=URL_NAME),
        path("seutu/import/jobs/<uuid:pk>/", ImportJobView.as_view(), name=JOB_URL_NAME),
    ]


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return user_can_import(request.user)


def menu_item():
    return ImportMenuItem(
        _("Import organisations"), reverse(URL_NAME), icon_name="upload", order=1050
    )


def header_button(user):
    """A button for the organisations listing's header, or None when ``user`` cannot import."""
    if not user_can_import(user):
        return None
    return HeaderButton(_("Import"), url=reverse(URL_NAME), icon_name="upload")
