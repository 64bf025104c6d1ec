"""The three roles: the groups the migration made carry exactly the permissions of roles.py."""

import importlib

import pytest
from django.contrib.auth.models import Group

from accounts.roles import ADMIN, ANALYST, COUNCIL_MEMBER, ROLE_PERMISSIONS, give_role
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def granted(role: str) -> set[tuple[str, str]]:
    group = Group.objects.get(name=role)
    return set(group.permissions.values_list("content_type__app_label", "codename"))


@pytest.mark.parametrize("role", [ADMIN, ANALYST, COUNCIL_MEMBER])
def test_each_roles_group_has_exactly_the_permissions_roles_py_names(role):
    assert granted(role) == set(ROLE_PERMISSIONS[role])


def test_the_roles_migration_keeps_its_own_copy_that_agrees_with_roles_py():
    # A change to roles.py must come with a migration of its own: this fails until it does.
    migration = importlib.import_module("swot.migrations.0003_roles")
    assert migration.ROLE_PERMISSIONS is not ROLE_PERMISSIONS
    assert {role: set(p) for role, p in migration.ROLE_PERMISSIONS.items()} == {
        role: set(p) for role, p in ROLE_PERMISSIONS.items()
    }


def test_a_council_member_reads_and_changes_nothing():
    assert all(codename.startswith("view_") for __, codename in ROLE_PERMISSIONS[COUNCIL_MEMBER])


def test_only_admins_delete_studies_and_manage_users():
    assert ("swot", "delete_study") not in ROLE_PERMISSIONS[ANALYST]
    assert ("swot", "delete_study") in ROLE_PERMISSIONS[ADMIN]
    assert not any(app == "auth" for app, __ in ROLE_PERMISSIONS[ANALYST])


def test_giving_a_role_replaces_the_users_groups_and_staff_flag():
    user = UserFactory()
    give_role(user, ADMIN)
    assert user.is_staff and list(user.groups.values_list("name", flat=True)) == [ADMIN]
    give_role(user, ANALYST)
    user.refresh_from_db()
    assert not user.is_staff and list(user.groups.values_list("name", flat=True)) == [ANALYST]
    assert user.has_perm("swot.change_factor") and not user.has_perm("swot.delete_study")
