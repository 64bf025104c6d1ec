from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from accounts.roles import ADMIN, ANALYST, COUNCIL_MEMBER, give_role

# username, password, role: one login per role, so a new user can see what each role sees.
DEMO_USERS = [
    ("admin", "demo-admin", ADMIN),
    ("analyst", "demo-analyst", ANALYST),
    ("council", "demo-council", COUNCIL_MEMBER),
]


class Command(BaseCommand):
    help = (
        "Create (or reset) one demo login per role: admin/demo-admin, analyst/demo-analyst, "
        "council/demo-council. Refused when DEBUG is off unless --force: known passwords have "
        "no place in production (use create_admin there)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--force", action="store_true", help="Run even when DEBUG is off.")

    def handle(self, *args, force: bool, **options) -> None:
        if not settings.DEBUG and not force:
            raise CommandError("DEBUG is off: demo logins are for development (use --force).")
        for username, password, role in DEMO_USERS:
            user, created = get_user_model().objects.get_or_create(username=username)
            user.set_password(password)
            give_role(user, role)
            verb = "Created" if created else "Reset"
            self.stdout.write(f"{verb} demo login ({role}): {username} / {password}")
