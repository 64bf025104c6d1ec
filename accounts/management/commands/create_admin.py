import getpass
import os

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from accounts.roles import ADMIN, give_role


class Command(BaseCommand):
    help = (
        "Create the first administrator (admin role, staff, may manage users and load "
        "studies in the admin). The password comes from the environment variable named by "
        "--password-env, else it is asked for."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--email", default="")
        parser.add_argument(
            "--password-env",
            metavar="VAR",
            help="Read the password from this environment variable (for scripts).",
        )

    def handle(self, *args, username: str, email: str, password_env: str | None, **options):
        User = get_user_model()
        if User.objects.filter(username=username).exists():
            raise CommandError(f"User '{username}' already exists; nothing changed.")
        if password_env:
            password = os.environ.get(password_env, "")
            if not password:
                raise CommandError(f"The environment variable {password_env} is empty or unset.")
        else:
            password = getpass.getpass("Password: ")
        user = User(username=username, email=email)
        try:
            validate_password(password, user)
        except ValidationError as exc:
            raise CommandError("Password refused: " + " ".join(exc.messages)) from None
        user.set_password(password)
        give_role(user, ADMIN)
        self.stdout.write(f"Created administrator '{username}'.")
