"""The admin's users and groups, and its header: a user's role chosen in one place (the role
sets the user's group and whether they may use the admin, in the one save), the roles' groups
named in the reader's language."""

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.contrib.auth.models import Group, Permission, User
from django.utils.translation import gettext_lazy as _

from accounts.roles import ADMIN, ROLE_NAMES, ROLES, role_name, role_of, set_role_groups

admin.site.site_header = _("Strategy matrix: administration")
admin.site.site_title = _("Strategy matrix: administration")

NO_ROLE = ""

PERMISSION_ACTIONS = {
    "add": _("Can add %(name)s"),
    "change": _("Can change %(name)s"),
    "delete": _("Can delete %(name)s"),
    "view": _("Can view %(name)s"),
}


def permission_label(permission: Permission) -> str:
    """A permission as people read it: Permission.name was written in English when the table
    was migrated, so Django's four permissions of a model are named here from its app's and
    model's translated names; any other permission keeps its name."""
    model = permission.content_type.model_class()
    action, __, model_name = permission.codename.partition("_")
    if model is None or action not in PERMISSION_ACTIONS or model_name != model._meta.model_name:
        return str(permission)
    # django-simple-history's "historical <name>" models, named in English whatever the language.
    tracked = getattr(model, "instance_type", None)
    name = (
        _("the history of %(name)s") % {"name": tracked._meta.verbose_name}
        if tracked is not None
        else model._meta.verbose_name
    )
    return f"{model._meta.app_config.verbose_name} | {PERMISSION_ACTIONS[action] % {'name': name}}"


class PermissionsByTheirNames:
    """A model admin whose permission choices read in the reader's language."""

    def formfield_for_manytomany(self, db_field, request=None, **kwargs):
        field = super().formfield_for_manytomany(db_field, request=request, **kwargs)
        if db_field.related_model is Permission:
            field.queryset = field.queryset.select_related("content_type")
            field.label_from_instance = permission_label
        return field


class RoleFormMixin(forms.Form):
    """The role as one radio field; its initial value is the user's role (role_of)."""

    role = forms.ChoiceField(
        label=_("Role"),
        choices=[(NO_ROLE, _("no role")), *((role, ROLE_NAMES[role]) for role in ROLES)],
        widget=forms.RadioSelect,
        required=False,
        help_text=_(
            "Analysts edit studies; council members read them and download reports; admins "
            "also manage users and load study files here. The role sets the user's group and "
            "whether they may use this admin."
        ),
    )
    # The user saving the form (UserWithRoleAdmin.get_form): an admin does not take the admin
    # away from themselves by a click.
    editor = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].initial = role_of(self.instance)

    def clean_role(self) -> str:
        role = self.cleaned_data["role"]
        user = self.instance
        if (
            self.editor is not None
            and user.pk == self.editor.pk
            and role != ADMIN
            and user.is_staff
            and not user.is_superuser
        ):
            raise forms.ValidationError(
                _("You would lose this admin yourself: another admin can change your role.")
            )
        return role


class UserWithRoleChangeForm(RoleFormMixin, UserChangeForm):
    pass


class UserWithRoleCreationForm(RoleFormMixin, AdminUserCreationForm):
    pass


class RoleFilter(admin.SimpleListFilter):
    title = _("role")
    parameter_name = "role"

    def lookups(self, request, model_admin):
        return [(role, ROLE_NAMES[role]) for role in ROLES]

    def queryset(self, request, queryset):
        return queryset.filter(groups__name=self.value()) if self.value() in ROLES else queryset


@admin.display(description=_("role"))
def shown_role(user: User) -> str:
    return role_name(role_of(user))


admin.site.unregister(User)


@admin.register(User)
class UserWithRoleAdmin(PermissionsByTheirNames, UserAdmin):
    """Django's user admin with the role in place of the groups and the staff flag."""

    form = UserWithRoleChangeForm
    add_form = UserWithRoleCreationForm
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Personal info"), {"fields": ("first_name", "last_name", "email")}),
        (_("Role"), {"fields": ("role", "is_active")}),
        (
            _("Exceptions to the role"),
            {"fields": ("is_superuser", "user_permissions"), "classes": ("collapse",)},
        ),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("username", "usable_password", "password1", "password2", "role"),
            },
        ),
    )
    list_display = ("username", "first_name", "last_name", shown_role, "is_active")
    list_filter = (RoleFilter, "is_active", "is_superuser")

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("groups")

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.editor = request.user
        return form

    def save_model(self, request, obj, form, change):
        # Only admins use the admin (a superuser keeps it: it has every right anyway).
        obj.is_staff = form.cleaned_data["role"] == ADMIN or obj.is_superuser
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        set_role_groups(form.instance, form.cleaned_data["role"])


admin.site.unregister(Group)


@admin.register(Group)
class RoleGroupAdmin(PermissionsByTheirNames, GroupAdmin):
    """Groups by the name people read (a role's in their language). A role's group keeps its
    name: the code finds it by that name (accounts/roles.py)."""

    list_display = ("shown_name",)

    @admin.display(description=_("name"), ordering="name")
    def shown_name(self, group: Group) -> str:
        return role_name(group.name)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        # The form's heading names the group as people read it (Django's is str(group)).
        group = self.get_object(request, object_id)
        if group is not None:
            extra_context = {**(extra_context or {}), "subtitle": role_name(group.name)}
        return super().change_view(request, object_id, form_url, extra_context)

    def get_fields(self, request, obj=None):
        if obj is not None and obj.name in ROLES:
            return ("shown_name", "permissions")
        return super().get_fields(request, obj)

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.name in ROLES:
            return ("shown_name",)
        return super().get_readonly_fields(request, obj)
