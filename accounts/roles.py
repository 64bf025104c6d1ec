"""The three roles, as Django groups with permissions.

The groups were made by migration swot/0003_roles, which carries its own copy of these
permissions (a migration must not change when this file does); a test checks that the two
agree, so a change here comes with a new migration.
"""

from django.contrib.auth.models import Group

ANALYST = "analyst"
COUNCIL_MEMBER = "council member"
ADMIN = "admin"

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
