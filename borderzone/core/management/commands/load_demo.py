from importlib import import_module
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from borderzone.core.actors import command_actor


class Command(BaseCommand):
    help = (
        "Load the demo zone (Cao Bằng's border-gate economic zone), its reference data and demo users of "
        "each role. Each loader in settings.DEMO_LOADERS runs in its own transaction and skips what is "
        "already there, so running this twice changes nothing. Refused under production settings unless "
        "--allow-production is given."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--allow-production", action="store_true", help="Load demo data even when DEBUG is off.")

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG and not options["allow_production"] and "prod" in settings.SETTINGS_MODULE:
            raise CommandError("Refusing to load demo data under production settings (use --allow-production).")
        actor = command_actor("load_demo")
        for path in settings.DEMO_LOADERS:
            import_module(path).load(actor=actor, out=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
