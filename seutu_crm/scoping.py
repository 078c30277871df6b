"""Who may see which town's private CRM data (leads, activities, tasks, contacts).

Organisations, competences and industries are shared by the whole network; everything
private belongs to a town and is visible to that town's members and to coordinators.
"""

from .models import Role, Town, TownMembership


def is_coordinator(user):
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return TownMembership.objects.filter(user=user, role=Role.COORDINATOR).exists()


def towns_for(user):
    """The towns whose private data ``user`` may see (all network towns for coordinators)."""
    if not user.is_authenticated or not user.is_active:
        return Town.objects.none()
    if is_coordinator(user):
        return Town.objects.in_network()
    return Town.objects.filter(memberships__user=user).distinct()
