"""The *Ecosystem* menu: the overview (each network town's profile), network, benchmarking.

Other parts of the ecosystem admin add their items through the hook
``register_seutu_ecosystem_menu_item`` (a function returning a ``MenuItem``).
"""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem

from . import urls
from .access import user_can_see_ecosystem

URL_NAMESPACE = "seutu_ecosystem"
MENU_HOOK = "register_seutu_ecosystem_menu_item"


class EcosystemMenuItem(MenuItem):
    def is_shown(self, request):
        return user_can_see_ecosystem(request.user)


def overview_item():
    return EcosystemMenuItem(
        _("Towns"), reverse(f"{URL_NAMESPACE}:index"), icon_name="site", order=10
    )


def network_item():
    return EcosystemMenuItem(
        _("Actor network"), reverse(f"{URL_NAMESPACE}:network"), icon_name="link", order=20
    )


def benchmark_item():
    return EcosystemMenuItem(
        _("Benchmarking"), reverse(f"{URL_NAMESPACE}:benchmark"), icon_name="table", order=30
    )


def proposals_item():
    return EcosystemMenuItem(
        _("Partnership proposals"), reverse(f"{URL_NAMESPACE}:proposals"), icon_name="group",
        order=40,
    )


def admin_urls():
    return [path("seutu/ecosystem/", include((urls, URL_NAMESPACE), namespace=URL_NAMESPACE))]


def menu_item():
    return SubmenuMenuItem(
        _("Ecosystem"), Menu(register_hook_name=MENU_HOOK), icon_name="site", order=140
    )
