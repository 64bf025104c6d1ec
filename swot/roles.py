"""The three roles, as Django groups with permissions (created by a migration)."""

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
