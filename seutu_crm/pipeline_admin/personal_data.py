"""Coordinators' personal-data actions on a contact: export everything as JSON, and erase.

The work is done by :mod:`seutu_crm.services.personal_data`, which also logs both actions.
"""

import json

from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, View
from wagtail.admin import messages
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from ..models import Contact
from ..permission_policies import contact_permission_policy
from .scoped import scoped_queryset


class PersonalDataMixin:
    """Only coordinators, and only for contacts they can see (i.e. any network town's)."""

    index_url_name = None
    inspect_url_name = None
    action = None

    def dispatch(self, request, *args, **kwargs):
        # 404 for a contact outside the user's scope, 403 for a non-coordinator in scope.
        self.object = get_object_or_404(
            scoped_queryset(Contact, request.user), pk=kwargs["pk"]
        )
        if not contact_permission_policy.user_has_permission_for_instance(
            request.user, self.action, self.object
        ):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ExportPersonalDataView(PersonalDataMixin, View):
    action = "export_personal_data"
    http_method_names = ["get"]

    def get(self, request, pk):
        from ..services import personal_data

        data = personal_data.export_person(self.object, user=request.user)
        response = HttpResponse(
            json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
            content_type="application/json; charset=utf-8",
        )
        response["Content-Disposition"] = f'attachment; filename="contact-{self.object.pk}.json"'
        return response


class ErasePersonalDataView(PersonalDataMixin, WagtailAdminTemplateMixin, TemplateView):
    action = "erase_personal_data"
    template_name = "seutu_crm/contact_erase_confirm.html"
    page_title = gettext_lazy("Erase personal data")
    header_icon = "bin"

    def get_page_subtitle(self):
        return str(self.object)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["object"] = self.object
        context["cancel_url"] = reverse(self.inspect_url_name, args=(self.object.pk,))
        return context

    def post(self, request, pk):
        from ..services import personal_data

        personal_data.erase_person(self.object, user=request.user)
        messages.success(request, _("The contact's personal data has been erased."))
        return redirect(reverse(self.index_url_name))
