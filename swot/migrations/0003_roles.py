from django.contrib.auth.management import create_permissions
from django.db import migrations


# The permissions each role's group got when this migration was written, spelled out, so
# that editing accounts/roles.py never changes what this migration does (a later change to the
# roles needs a migration of its own; tests/accounts/test_roles.py compares the two).
ROLE_PERMISSIONS = {
    "council member": [
        ("swot", "view_study"),
        ("swot", "view_factor"),
        ("strategies", "view_strategy"),
        ("strategies", "view_citation"),
        ("actions", "view_action"),
        ("actions", "view_actionlink"),
    ],
    "analyst": [
        ("swot", "view_study"), ("swot", "add_study"), ("swot", "change_study"),
        ("swot", "view_factor"), ("swot", "add_factor"), ("swot", "change_factor"), ("swot", "delete_factor"),
        ("strategies", "view_strategy"), ("strategies", "add_strategy"), ("strategies", "change_strategy"), ("strategies", "delete_strategy"),
        ("strategies", "view_citation"), ("strategies", "add_citation"), ("strategies", "change_citation"), ("strategies", "delete_citation"),
        ("actions", "view_action"), ("actions", "add_action"), ("actions", "change_action"), ("actions", "delete_action"),
        ("actions", "view_actionlink"), ("actions", "add_actionlink"), ("actions", "change_actionlink"), ("actions", "delete_actionlink"),
    ],
    "admin": [
        ("swot", "view_study"), ("swot", "add_study"), ("swot", "change_study"), ("swot", "delete_study"),
        ("swot", "view_factor"), ("swot", "add_factor"), ("swot", "change_factor"), ("swot", "delete_factor"),
        ("strategies", "view_strategy"), ("strategies", "add_strategy"), ("strategies", "change_strategy"), ("strategies", "delete_strategy"),
        ("strategies", "view_citation"), ("strategies", "add_citation"), ("strategies", "change_citation"), ("strategies", "delete_citation"),
        ("actions", "view_action"), ("actions", "add_action"), ("actions", "change_action"), ("actions", "delete_action"),
        ("actions", "view_actionlink"), ("actions", "add_actionlink"), ("actions", "change_actionlink"), ("actions", "delete_actionlink"),
        ("auth", "view_user"), ("auth", "add_user"), ("auth", "change_user"), ("auth", "delete_user"),
        ("auth", "view_group"), ("auth", "add_group"), ("auth", "change_group"), ("auth", "delete_group"),
        ("axes", "view_accessattempt"), ("axes", "delete_accessattempt"),
    ],
}


def create_roles(apps, schema_editor):
    # Permissions are normally made after all migrations; the groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, codenames in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=role)
        permissions = [
            Permission.objects.get(content_type__app_label=app, codename=codename)
            for app, codename in codenames
        ]
        group.permissions.set(permissions)


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=list(ROLE_PERMISSIONS)).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("swot", "0002_text_version"),
        ("strategies", "0002_text_version"),
        ("actions", "0002_text_version"),
        ("axes", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
