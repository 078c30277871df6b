"""Wagtail permission policies that check town scoping *and* the Django model permission.

Wagtail's generic views ask a viewset's ``permission_policy`` per model (Wagtail issue
13314); these policies answer per object too, so every admin path that asks the policy —
``instances_user_has_permission_for`` for listings, choosers, exports and bulk actions,
``user_has_permission_for_instance`` for inspect/edit/delete/history/usage — sees only the
rows of the user's towns::

    from seutu_crm.permission_policies import lead_permission_policy

    class LeadViewSet(ModelViewSet):
        model = Lead
        permission_policy = lead_permission_policy

        def get_queryset(self, request):   # the listing, "select all" and exports
            return lead_permission_policy.instances_user_has_permission_for(request.user, "view")

Actions: ``view`` (also ``inspect``, ``export``, ``history``, ``usage``) needs the ``view``
or ``change`` model permission and a readable town (viewer, business developer,
coordinator). ``add``, ``change``, ``delete`` need that model permission and a writable town
(business developer, coordinator). Other write-like actions (``move``, ``refer``, ``assign``,
``erase``) need ``change``. ``export_personal_data`` and ``erase_personal_data`` on contacts
are for coordinators only.
"""

from functools import reduce
from operator import or_

from django.contrib.auth import get_user_model
from django.db.models import Q
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import policy_registry

from .models import (
    Activity,
    Contact,
    HigherEducationTie,
    Lead,
    Organisation,
    Referral,
    Role,
    Task,
    Town,
)
from .scoping import get_scope

READ_ACTIONS = frozenset({"view", "inspect", "export", "history", "usage", "choose"})
MODEL_ACTIONS = frozenset({"add", "change", "delete", "view"})
COORDINATOR_ACTIONS = frozenset({"export_personal_data", "erase_personal_data"})


class TownScopedPermissionPolicy(ModelPermissionPolicy):
    """A :class:`ModelPermissionPolicy` restricted to the rows of the user's towns.

    ``town_fields`` names the model's foreign keys to :class:`~seutu_crm.models.Town`; a row
    belongs to the user's scope when any of them points to one of the user's towns.
    """

    def __init__(self, model, town_fields=("town",), auth_model=None):
        super().__init__(model, auth_model=auth_model)
        self.town_fields = tuple(town_fields)

    # -- model permission -------------------------------------------------------------

    def _model_permission_ok(self, user, action):
        if not (user.is_authenticated and user.is_active):
            return False
        if user.is_superuser:
            return True
        if action in COORDINATOR_ACTIONS:
            return get_scope(user).coordinator and user.has_perm(self._get_permission_name("change"))
        if action in READ_ACTIONS:
            return user.has_perm(self._get_permission_name("view")) or user.has_perm(
                self._get_permission_name("change")
            )
        if action in MODEL_ACTIONS:
            return user.has_perm(self._get_permission_name(action))
        return user.has_perm(self._get_permission_name("change"))

    def _town_ids(self, user, action):
        return get_scope(user).town_ids(write=action not in READ_ACTIONS)

    def user_has_permission(self, user, action):
        """Whether the user may perform ``action`` on some rows of this model."""
        return self._model_permission_ok(user, action) and bool(self._town_ids(user, action))

    def users_with_any_permission(self, actions):
        # Like the parent, plus a membership that gives the user some town.
        users = super().users_with_any_permission(self._codenames_for(actions))
        return users.filter(Q(is_superuser=True) | Q(town_memberships__isnull=False)).distinct()

    def _codenames_for(self, actions):
        result = set()
        for action in actions:
            if action in READ_ACTIONS:
                result.update({"view", "change"})
            elif action in MODEL_ACTIONS:
                result.add(action)
            else:
                result.add("change")
        return result

    # -- object permission ------------------------------------------------------------

    def _instance_town_ids(self, instance):
        return {getattr(instance, f"{field}_id") for field in self.town_fields} - {None}

    def user_has_permission_for_instance(self, user, action, instance):
        if not self._model_permission_ok(user, action):
            return False
        return bool(self._instance_town_ids(instance) & self._town_ids(user, action))

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return any(self.user_has_permission_for_instance(user, a, instance) for a in actions)

    def _scope_filter(self, town_ids):
        return reduce(or_, (Q(**{f"{field}_id__in": town_ids}) for field in self.town_fields))

    def instances_user_has_any_permission_for(self, user, actions):
        """The rows on which ``user`` may perform any of ``actions``: one query, no per-row checks."""
        town_ids = set()
        for action in actions:
            if self._model_permission_ok(user, action):
                town_ids |= self._town_ids(user, action)
        manager = self.model._default_manager
        if not town_ids:
            return manager.none()
        return manager.filter(self._scope_filter(town_ids))

    def users_with_any_permission_for_instance(self, actions, instance):
        town_ids = self._instance_town_ids(instance)
        read_only = all(action in READ_ACTIONS for action in actions)
        roles = list(Role) if read_only else [Role.BUSINESS_DEVELOPER]
        in_town = Q(town_memberships__town_id__in=town_ids, town_memberships__role__in=roles)
        coordinator = Q(town_memberships__role=Role.COORDINATOR)
        permitted = super().users_with_any_permission(self._codenames_for(actions))
        scoped = permitted.filter(in_town | coordinator).values("pk")
        return get_user_model().objects.filter(
            Q(pk__in=scoped) | Q(is_active=True, is_superuser=True)
        )


class RegisterPermissionPolicy(ModelPermissionPolicy):
    """The shared actor register: read by the whole network, written town by town.

    Anyone with the model permission reads every organisation. Adding, changing and deleting
    also need a writing role: a business developer writes the organisations of their own
    towns and those outside the network (universities and partners elsewhere, which no town
    of the network keeps); a coordinator writes all. A viewer's membership keeps even a
    broader group read-only, and another network town's actors stay that town's to edit.
    """

    def _writes(self, user):
        return user.is_superuser or bool(get_scope(user).writable)

    def _network_town_ids(self, user):
        # Read once per user object: a listing asks about every row.
        cached = getattr(user, "_seutu_network_town_ids", None)
        if cached is None:
            cached = frozenset(Town.objects.in_network().values_list("pk", flat=True))
            user._seutu_network_town_ids = cached
        return cached

    def can_write_town(self, user, town_id):
        """Whether ``user`` may keep the organisations located in ``town_id``."""
        scope = get_scope(user)
        if user.is_superuser or scope.coordinator or town_id in scope.writable:
            return True
        return bool(scope.writable) and town_id not in self._network_town_ids(user)

    def writable_towns(self, user):
        """The towns ``user`` may place an organisation in (the add and edit forms' choices)."""
        scope = get_scope(user)
        if user.is_superuser or scope.coordinator:
            return Town.objects.all()
        if not scope.writable:
            return Town.objects.none()
        return Town.objects.filter(Q(pk__in=scope.writable) | Q(in_network=False))

    def user_has_permission(self, user, action):
        allowed = super().user_has_permission(user, action)
        return allowed if action in READ_ACTIONS else allowed and self._writes(user)

    def user_has_permission_for_instance(self, user, action, instance):
        allowed = super().user_has_permission_for_instance(user, action, instance)
        if action in READ_ACTIONS or not allowed:
            return allowed
        return self.can_write_town(user, instance.town_id)

    def instances_user_has_any_permission_for(self, user, actions):
        instances = super().instances_user_has_any_permission_for(user, actions)
        if all(action in READ_ACTIONS for action in actions):
            return instances
        return instances.filter(town__in=self.writable_towns(user))


organisation_permission_policy = RegisterPermissionPolicy(Organisation)
lead_permission_policy = TownScopedPermissionPolicy(Lead)
activity_permission_policy = TownScopedPermissionPolicy(Activity)
task_permission_policy = TownScopedPermissionPolicy(Task)
contact_permission_policy = TownScopedPermissionPolicy(Contact)
# Both the referring and the receiving town see a referral.
referral_permission_policy = TownScopedPermissionPolicy(
    Referral, town_fields=("from_town", "to_town")
)
# A town's cooperation with universities and UASs, kept by the town like its leads.
higher_education_tie_permission_policy = TownScopedPermissionPolicy(HigherEducationTie)

POLICIES = {
    Lead: lead_permission_policy,
    Activity: activity_permission_policy,
    Task: task_permission_policy,
    Contact: contact_permission_policy,
    Referral: referral_permission_policy,
    HigherEducationTie: higher_education_tie_permission_policy,
}


def policy_for(model):
    """The town-scoped policy of ``model``: a CRM model's own, or one an app registered.

    Other apps' town-private models (the pages app's Invest-in inquiries, say) register a
    :class:`TownScopedPermissionPolicy` with Wagtail's ``policy_registry``; the CRM's scoped
    views, choosers and bulk actions then serve them like the CRM's own models.
    """
    if model in POLICIES:
        return POLICIES[model]
    policy = policy_registry.get_by_type(model, fallback=False)
    if not isinstance(policy, TownScopedPermissionPolicy):
        raise LookupError(f"{model._meta.label} has no town-scoped permission policy")
    return policy


def is_town_scoped(model):
    """Whether ``model``'s rows are private to towns (it has a town-scoped policy)."""
    try:
        policy_for(model)
    except LookupError:
        return False
    return True
