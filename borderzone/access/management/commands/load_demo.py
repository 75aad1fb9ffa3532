from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from borderzone.access.actors import command_actor
from borderzone.core.registry import demo_loaders


class Command(BaseCommand):
    help = (
        "Load the demo zone (Cao Bằng's border-gate economic zone), its reference data and demo users of "
        "each role. Each app's demo loader (`<app>/demo.py`, in the order of its AppConfig.demo_order) runs in its own transaction and skips what is "
        "already there, so running this twice changes nothing. Refused under production settings unless "
        "--allow-production is given."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--allow-production", action="store_true", help="Load demo data even when DEBUG is off.")

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG and not options["allow_production"] and "prod" in (settings.SETTINGS_MODULE or ""):
            raise CommandError("Refusing to load demo data under production settings (use --allow-production).")
        actor = command_actor("load_demo")
        for loader in demo_loaders():
            loader.load(actor=actor, out=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
