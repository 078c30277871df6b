"""Edit-form panels of the CRM admin."""

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import Panel

from .models import Contact
from .permission_policies import contact_permission_policy


def contacts_visible_to(user, organisation):
    """The contacts of ``organisation`` that ``user`` may view: held by the user's towns
    (every town for coordinators), and only with the permission to view contacts."""
    return (
        contact_permission_policy.instances_user_has_permission_for(user, "view")
        .filter(organisation=organisation)
        .select_related("town")
        .order_by("last_name", "first_name")
    )


def contact_edit_url(user, contact):
    # The contact admin belongs to the pipeline; link to it only when it is registered.
    viewset = getattr(Contact, "snippet_viewset", None)
    if viewset is None:
        return None
    if not contact_permission_policy.user_has_permission_for_instance(user, "change", contact):
        return None
    try:
        return reverse(viewset.get_url_name("edit"), args=[contact.pk])
    except NoReverseMatch:
        return None


class VisibleContactsPanel(Panel):
    """A read-only list of an organisation's contacts, limited to the user's towns.

    Contacts are personal data held by one town; they are edited in their own view, never
    inline here, so saving an organisation cannot touch another town's contacts.
    """

    def __init__(self, template="seutu_crm/panels/visible_contacts.html", **kwargs):
        kwargs.setdefault("heading", _("Contacts"))
        super().__init__(**kwargs)
        self.template = template

    def clone_kwargs(self):
        kwargs = super().clone_kwargs()
        kwargs["template"] = self.template
        return kwargs

    @property
    def clean_name(self):
        return super().clean_name or "visible_contacts"

    class BoundPanel(Panel.BoundPanel):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.template_name = self.panel.template

        def contacts(self):
            if not self.instance.pk:
                return []
            return [
                (contact, contact_edit_url(self.request.user, contact))
                for contact in contacts_visible_to(self.request.user, self.instance)
            ]

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["contacts"] = self.contacts()
            context["is_new"] = not self.instance.pk
            return context
