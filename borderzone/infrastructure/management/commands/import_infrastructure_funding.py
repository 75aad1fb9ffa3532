"""manage.py import_infrastructure_funding <zone code> <file.csv|file.xlsx>"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from borderzone.access.actors import command_actor
from borderzone.infrastructure.imports import ImportFailed, funding_import
from borderzone.zones.models import EconomicZone


class Command(BaseCommand):
    help = (
        "Import annual funding of infrastructure works (columns: work_code, year, source, allocated_vnd, "
        "disbursed_vnd, treasury_confirmed_vnd, note; Vietnamese headers accepted). All or nothing; safe to run "
        "again: rows equal to what is stored change nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("zone", help="zone code, e.g. CB")
        parser.add_argument("file", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        zone = EconomicZone.objects.filter(code=options["zone"]).first()
        if zone is None:
            raise CommandError(f"No zone with code {options['zone']}.")
        path: Path = options["file"]
        try:
            result = funding_import(
                zone=zone,
                data=path.read_bytes(),
                filename=path.name,
                actor=command_actor("import_infrastructure_funding"),
            )
        except ImportFailed as exc:
            for error in exc.errors:
                self.stderr.write(str(error))
            raise CommandError(f"{len(exc.errors)} error(s); nothing was imported.") from None
        self.stdout.write(
            f"Annual funding: {result.created} created, {result.updated} updated, {result.unchanged} unchanged."
        )
        if result.over_need:
            self.stdout.write(f"Allocations above need (flagged): {', '.join(result.over_need)}.")
