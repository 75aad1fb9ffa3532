from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from borderzone.access.actors import command_actor
from borderzone.access.importing import no_progress
from borderzone.register.importing import import_projects
from borderzone.zones.models import EconomicZone


class Command(BaseCommand):
    help = (
        "Import investment projects from a CSV or XLSX file (columns in docs/data-formats.md). All or nothing: "
        "if any row is bad nothing is written, every bad row is listed as 'row N, column: reason' and the "
        "command exits with status 1. New codes create projects, known codes update them; importing the same "
        "file twice changes nothing. Always synchronous."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--zone", default=None, help="Economic zone code (default: DEFAULT_ZONE_CODE).")
        parser.add_argument("--dry-run", action="store_true", help="Check the file and report, write nothing.")

    def handle(self, *args: Any, **options: Any) -> None:
        code = options["zone"] or settings.DEFAULT_ZONE_CODE
        zone = EconomicZone.objects.filter(code=code).first()
        if zone is None:
            raise CommandError(f"No economic zone with code {code}.")
        path: Path = options["file"]
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"Cannot read {path}: {exc.strerror}") from None
        report = import_projects(
            data=data,
            actor=command_actor("import_projects"),
            zone=zone,
            dry_run=options["dry_run"],
            progress=no_progress,
            options={},
        )
        if not report.ok:
            for error in report.errors:
                self.stderr.write(error)
            raise CommandError(f"{len(report.errors)} problem(s) found; nothing was imported.")
        prefix = "Dry run: would import" if report.dry_run else "Imported"
        self.stdout.write(
            f"{prefix} {report.rows} rows: {report.created} created, {report.updated} updated, "
            f"{report.unchanged} unchanged."
        )
        if not report.changed:
            self.stdout.write("Nothing changed: the file matches the register.")
