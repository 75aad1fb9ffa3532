import getpass
import os
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from borderzone.access.actors import command_actor
from borderzone.accounts.models import Role
from borderzone.accounts.services import user_create
from borderzone.zones.models import EconomicZone


class Command(BaseCommand):
    help = (
        "Create an account: the first administrator of a new install, or any account from a script. "
        "The password is asked for, or read from the environment variable named by --password-env. "
        "Refuses a username that exists, so running it twice creates nothing the second time."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--role", choices=[r.value for r in Role], default=Role.ADMIN.value)
        parser.add_argument("--zone", action="append", default=[], help="zone code; repeat for several zones")
        parser.add_argument("--email", default="")
        parser.add_argument("--first-name", default="")
        parser.add_argument("--last-name", default="")
        parser.add_argument("--password-env", help="name of an environment variable holding the password")

    def handle(self, *args: Any, **options: Any) -> None:
        zones = list(EconomicZone.objects.filter(code__in=options["zone"]))
        unknown = set(options["zone"]) - {z.code for z in zones}
        if unknown:
            raise CommandError(f"Unknown zone code(s): {', '.join(sorted(unknown))}")
        if options["password_env"]:
            password = os.environ.get(options["password_env"], "")
        else:
            password = getpass.getpass("Password: ")
        try:
            user = user_create(
                username=options["username"],
                password=password,
                role=options["role"],
                zones=zones,
                email=options["email"],
                first_name=options["first_name"],
                last_name=options["last_name"],
                actor=command_actor("create_user"),
            )
        except ValidationError as exc:
            raise CommandError("; ".join(f"{k}: {' '.join(v)}" for k, v in exc.message_dict.items())) from None
        self.stdout.write(f"Account {user.username} ({user.get_role_display()}) created; zones: {len(zones)}.")
