"""Demo log-ins: an administrator, a coordinator, an editor and a business developer per town."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.text import slugify

from ..models import Role, Town, TownMembership
from ..reference.geography import TOWNS
from ..services.roles import BUSINESS_DEVELOPERS, COORDINATORS, EDITORS, ensure_groups

DEMO_PASSWORD = "seutu-demo"


@dataclass(frozen=True)
class DemoUser:
    username: str
    first_name: str
    last_name: str
    description: str
    group: str | None = None
    role: str | None = None
    town_code: str | None = None
    superuser: bool = False


def demo_users():
    users = [
        DemoUser("admin", "Ada", "Ylläpitäjä", "administrator (superuser)", superuser=True),
        DemoUser(
            "coordinator", "Kaisa", "Koordinaattori", "coordinator, whole network",
            group=COORDINATORS, role=Role.COORDINATOR,
        ),
        DemoUser("editor", "Eero", "Editori", "page editor", group=EDITORS),
    ]
    for code, name_fi, *_rest, in_network, _swedish, _lat, _lon in TOWNS:
        if in_network:
            users.append(
                DemoUser(
                    f"bd-{slugify(name_fi)}", "Elli", f"Elinkeino ({name_fi})",
                    f"business developer, {name_fi}",
                    group=BUSINESS_DEVELOPERS, role=Role.BUSINESS_DEVELOPER, town_code=code,
                )
            )
    return users


@transaction.atomic
def ensure_demo_users(password=DEMO_PASSWORD):
    """Create the demo users, their groups and town memberships; existing users keep their
    passwords (so a re-run does not undo a changed one)."""
    groups = ensure_groups()
    towns = {t.code: t for t in Town.objects.filter(code__in=[u.town_code for u in demo_users()])}
    User = get_user_model()
    created_users = []
    for spec in demo_users():
        user, created = User.objects.get_or_create(
            username=spec.username,
            defaults={
                "first_name": spec.first_name,
                "last_name": spec.last_name,
                "email": f"{spec.username}@seutu.example",
                "is_superuser": spec.superuser,
                "is_staff": spec.superuser,
            },
        )
        if created:
            user.set_password(password)
            user.save(update_fields=["password"])
            created_users.append(user)
        if spec.group:
            user.groups.add(groups[spec.group])
        if spec.role == Role.COORDINATOR:
            TownMembership.objects.get_or_create(user=user, town=None, role=Role.COORDINATOR)
        elif spec.role and spec.town_code in towns:
            TownMembership.objects.get_or_create(
                user=user, town=towns[spec.town_code], defaults={"role": spec.role}
            )
    return created_users
