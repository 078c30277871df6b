"""Admin view: import organisations from a CSV or XLSX file.

Upload → a dry run shows what would be created, updated and rejected (every bad row, with
its row, column and reason) → "Confirm import" runs the real, atomic import.

Between the two steps the uploaded file waits in a private temporary directory under a
random token that is also kept in the user's session; the confirm step accepts nothing but
that token, so a re-posted or forged form can neither change the file nor reach another
user's upload.
"""

import secrets
import tempfile
import time
from pathlib import Path

from django import forms
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.defaults import permission_denied
from django.views.generic import View
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets import HeaderButton
from wagtail.permissions import policy_registry

from ..importers.organisations import COLUMNS, import_organisations
from ..models import Organisation

URL_NAME = "seutu_crm_import_organisations"
SESSION_KEY = "seutu_crm_import_organisations"
UPLOAD_DIR = Path(tempfile.gettempdir()) / "seutu-imports"
MAX_UPLOAD_BYTES = 50 * 1024 * 1024
STALE_UPLOAD_SECONDS = 24 * 3600
PREVIEW_ROWS = 200  # created/updated rows listed on the preview; bad rows are all listed
EXTENSIONS = (".csv", ".xlsx", ".txt")


def user_can_import(user):
    """Importing creates organisations: only users who may add them may import."""
    policy = policy_registry.get_by_type(Organisation)
    return policy.user_has_permission(user, "add")


class ImportFileForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_("CSV (UTF-8, comma or semicolon separated) or Excel XLSX, at most 50 MB."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(EXTENSIONS):
            raise forms.ValidationError(_("Choose a .csv or .xlsx file."))
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 50 MB."))
        return upload


class ImportOrganisationsView(WagtailAdminTemplateMixin, View):
    template_name = "seutu_crm/import_organisations.html"
    page_title = _("Import organisations")
    header_icon = "upload"

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

    def get(self, request):
        return self.render(form=ImportFileForm())

    def post(self, request):
        if "token" in request.POST:
            return self.confirm(request)
        form = ImportFileForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render(form=form)
        upload = form.cleaned_data["file"]
        token = store_upload(request, upload)
        report = import_organisations(read_upload(request, token), upload.name, dry_run=True)
        return self.render(form=ImportFileForm(), report=report, token=token,
                           filename=upload.name)

    def confirm(self, request):
        token = request.POST["token"]
        data = read_upload(request, token)
        if data is None:
            messages.error(request, _("That upload has expired or is not yours; upload the file again."))
            return redirect(URL_NAME)
        filename = request.session[SESSION_KEY]["filename"]
        report = import_organisations(data, filename)
        if not report.ok:
            # The register changed since the preview (or the file was never valid).
            return self.render(form=ImportFileForm(), report=report, token=token,
                               filename=filename)
        discard_upload(request)
        messages.success(request, import_summary(report))
        return redirect(organisations_listing_url() or URL_NAME)

    def render(self, **context):
        report = context.get("report")
        if report is not None:
            context |= {
                "created": report.created[:PREVIEW_ROWS],
                "updated": report.updated[:PREVIEW_ROWS],
                "more_created": max(0, len(report.created) - PREVIEW_ROWS),
                "more_updated": max(0, len(report.updated) - PREVIEW_ROWS),
                "summary": import_summary(report, preview=True),
            }
        context["columns"] = COLUMNS
        return TemplateResponse(self.request, self.template_name,
                                self.get_context_data(**context))


def import_summary(report, preview=False):
    counts = {
        "created": len(report.created),
        "updated": len(report.updated),
        "unchanged": len(report.unchanged),
        "rejected": len(report.rejected_rows),
    }
    if preview:
        return ngettext(
            "%(rows)d row: %(created)d would be created, %(updated)d updated, "
            "%(unchanged)d unchanged, %(rejected)d rejected.",
            "%(rows)d rows: %(created)d would be created, %(updated)d updated, "
            "%(unchanged)d unchanged, %(rejected)d rejected.",
            report.rows,
        ) % {"rows": report.rows, **counts}
    return ngettext(
        "Imported %(rows)d row: %(created)d organisations created, %(updated)d updated, "
        "%(unchanged)d unchanged.",
        "Imported %(rows)d rows: %(created)d organisations created, %(updated)d updated, "
        "%(unchanged)d unchanged.",
        report.rows,
    ) % {"rows": report.rows, **counts}


def organisations_listing_url():
    viewset = getattr(Organisation, "snippet_viewset", None)
    try:
        return reverse(viewset.get_url_name("list")) if viewset else None
    except NoReverseMatch:
        return None


# --- the uploaded file between preview and confirm ------------------------------------------


def _upload_path(token):
    return UPLOAD_DIR / f"{token}.upload"


def store_upload(request, upload):
    """Keep ``upload`` under a new random token; the session remembers it (one per session)."""
    discard_upload(request)
    _remove_stale_uploads()
    UPLOAD_DIR.mkdir(mode=0o700, parents=True, exist_ok=True)
    token = secrets.token_urlsafe(24)
    with open(_upload_path(token), "wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    request.session[SESSION_KEY] = {"token": token, "filename": upload.name}
    return token


def read_upload(request, token):
    """The stored file's bytes, only when ``token`` is this session's upload."""
    pending = request.session.get(SESSION_KEY) or {}
    if not token or not secrets.compare_digest(str(pending.get("token", "")), str(token)):
        return None
    try:
        return _upload_path(pending["token"]).read_bytes()
    except OSError:
        return None


def discard_upload(request):
    pending = request.session.pop(SESSION_KEY, None)
    if pending:
        _upload_path(pending["token"]).unlink(missing_ok=True)


def _remove_stale_uploads():
    if not UPLOAD_DIR.exists():
        return
    cutoff = time.time() - STALE_UPLOAD_SECONDS
    for stale in UPLOAD_DIR.glob("*.upload"):
        try:
            if stale.stat().st_mtime < cutoff:
                stale.unlink()
        except OSError:
            pass


# --- admin wiring (registered in seutu_crm.wagtail_hooks) -----------------------------------


def admin_urls():
    return [
        path("seutu/import/organisations/", ImportOrganisationsView.as_view(), name=URL_NAME),
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
