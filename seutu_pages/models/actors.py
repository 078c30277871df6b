from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import RichTextField
from wagtail.models import Page

from seutu_crm.queries_public import (
    as_public_actors,
    public_actor,
    public_competences,
    public_organisations,
)

from ..blocks import RICH_TEXT_FEATURES
from ..conf import get_setting
from .towns import network_town_field


class ActorDirectoryPage(RoutablePageMixin, Page):
    """A filterable list of public organisations, and a profile page for each.

    Under a town page it lists that town's actors, elsewhere the whole network's.
    Only public organisations and their public fields ever appear.
    """

    introduction = RichTextField(_("introduction"), features=RICH_TEXT_FEATURES, blank=True)
    town = network_town_field(_("Leave empty to list the actors of the whole network."))

    content_panels = Page.content_panels + [FieldPanel("introduction"), FieldPanel("town")]

    parent_page_types = ["seutu_pages.NetworkHomePage", "seutu_pages.TownPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("actor directory")
        verbose_name_plural = _("actor directories")

    @property
    def language(self):
        return self.locale.language_code

    @path("")
    def actor_list(self, request):
        from ..filters import ActorFilterForm

        form = ActorFilterForm(request.GET, competences=public_competences(self.language))
        organisations = public_organisations(town=self.town, detail=False, **form.filters())
        paginator = Paginator(organisations, get_setting("ACTORS_PER_PAGE"))
        page_of_organisations = paginator.get_page(request.GET.get("page"))
        query = request.GET.copy()
        query.pop("page", None)
        return self.render(
            request,
            context_overrides={
                "filter_form": form,
                "actors": as_public_actors(page_of_organisations, self.language, detail=False),
                "page_of_actors": page_of_organisations,
                "filter_query": query.urlencode(),
            },
        )

    @re_path(r"^(?P<pk>\d+)-(?P<slug>[-\w]*)/$")
    def actor_profile(self, request, pk, slug):
        actor = public_actor(int(pk), self.language)
        if actor is None or (self.town_id and actor.town_code != self.town.code):
            raise Http404
        if slug != actor.slug:
            # Names change; the id is what counts. Send visitors to the current address.
            return redirect(self.profile_url(actor), permanent=True)
        return self.render(
            request,
            template="seutu_pages/actor_profile_page.html",
            context_overrides={"actor": actor, "routable_suffix": f"{actor.profile_slug}/"},
        )

    def profile_url(self, actor, request=None):
        return self.get_url(request) + self.reverse_subpage(
            "actor_profile", kwargs={"pk": actor.pk, "slug": actor.slug}
        )
