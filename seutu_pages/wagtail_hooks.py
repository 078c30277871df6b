from wagtail import hooks

from .choosers import competence_chooser_viewset, organisation_chooser_viewset


@hooks.register("register_admin_viewset")
def register_choosers():
    return [organisation_chooser_viewset, competence_chooser_viewset]
