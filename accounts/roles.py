"""The three roles, as Django groups with permissions.

The groups were made by migration swot/0003_roles, which carries its own copy of these
permissions (a migration must not change when this file does); a test checks that the two
agree, so a change here comes with a new migration.
"""

from django.contrib.auth.models import Group
from django.utils.translation import pgettext_lazy

# The groups' names: code refers to the groups by them, so they stay as they are in the
# database; people read them as ROLE_NAMES has them, in their language.
ANALYST = "analyst"
COUNCIL_MEMBER = "council member"
ADMIN = "admin"
# Most rights first: a user in several roles' groups (made by hand) counts as the first.
ROLES = (ADMIN, ANALYST, COUNCIL_MEMBER)
ROLE_NAMES = {
    ADMIN: pgettext_lazy("role", "admin"),
    ANALYST: pgettext_lazy("role", "analyst"),
    COUNCIL_MEMBER: pgettext_lazy("role", "council member"),
}


def role_name(group_name: str) -> str:
    """A group's name as people read it: a role's in their language, another group's as is."""
    return str(ROLE_NAMES.get(group_name, group_name))


PLANNING_MODELS = {
    "swot": ["study", "factor"],
    "strategies": ["strategy", "citation"],
    "actions": ["action", "actionlink"],
}


def planning_codenames(*actions: str) -> list[tuple[str, str]]:
    return [
        (app, f"{action}_{model}")
        for app, models in PLANNING_MODELS.items()
        for model in models
        for action in actions
    ]


ROLE_PERMISSIONS: dict[str, list[tuple[str, str]]] = {
    # Reads studies and downloads reports; changes nothing.
    COUNCIL_MEMBER: planning_codenames("view"),
    # Edits studies' factors, strategies and actions (and creates studies).
    ANALYST: [
        (app, codename)
        for app, codename in planning_codenames("view", "add", "change", "delete")
        if codename != "delete_study"
    ],
    # All of that, deleting or replacing whole studies (loading fixtures) and managing users.
    ADMIN: planning_codenames("view", "add", "change", "delete")
    + [
        ("auth", f"{action}_{model}")
        for model in ("user", "group")
        for action in ("view", "add", "change", "delete")
    ]
    + [("axes", f"{action}_accessattempt") for action in ("view", "delete")],
}


def give_role(user, role: str) -> None:
    """Make `user` one of the role's group (and only that); saves the user."""
    user.is_staff = role == ADMIN  # admins manage users and load studies in the admin
    user.save()
    user.groups.set([Group.objects.get(name=role)])


def role_of(user) -> str:
    """The role whose group `user` is in ("" for none; the one with most rights if several)."""
    if user.pk is None:
        return ""
    names = {group.name for group in user.groups.all()}  # prefetched in the admin's list
    return next((role for role in ROLES if role in names), "")


def set_role_groups(user, role: str) -> None:
    """Put the saved `user` in the role's group ("": none) and out of the other roles' groups;
    a group that is not a role's stays. The admin's user form calls this after setting
    `is_staff` (admins only) in the same save."""
    user.groups.remove(*Group.objects.filter(name__in=ROLES).exclude(name=role))
    if role:
        user.groups.add(Group.objects.get(name=role))
